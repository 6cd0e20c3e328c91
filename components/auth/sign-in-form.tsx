"use client";

import { useState, useTransition, type FormEvent } from "react";
import { signIn } from "@/app/(auth)/actions";
import { BUTTON, Field, FormError } from "./field";

export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, start] = useTransition();

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    start(async () => {
      const result = await signIn({ identifier: String(form.get("identifier") ?? ""), password: String(form.get("password") ?? "") });
      if (result.ok) {
        window.location.assign(next);
        return;
      }
      setError(result.error);
      setFieldErrors(result.fieldErrors ?? {});
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormError message={error} />
      <Field label="Email or username" name="identifier" autoComplete="username" required error={fieldErrors.identifier} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required error={fieldErrors.password} />
      <button type="submit" className={`${BUTTON} w-full`} disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
