"use client";

import type { FormEvent } from "react";
import { signIn } from "@/lib/actions/auth/sign-in";
import { useAction } from "@/components/ui/use-action";
import { primaryButtonClass } from "../ui/buttons";
import { FormError, InputField } from "../ui/field";

export function SignInForm({ next }: { next: string }) {
  const { run, pending, ready, error, fieldErrors } = useAction(signIn, { refresh: false });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    // A share link's layout is in the fragment, which the server never sees: it rode along to this page, so carry it on.
    run({ identifier: String(form.get("identifier") ?? ""), password: String(form.get("password") ?? "") }, () =>
      window.location.assign(next.includes("#") ? next : `${next}${window.location.hash}`),
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormError message={error} />
      <InputField
        label="Email or username"
        name="identifier"
        autoComplete="username"
        required
        error={fieldErrors.identifier}
      />
      <InputField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fieldErrors.password}
      />
      <button type="submit" className={`${primaryButtonClass} w-full`} disabled={!ready}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
