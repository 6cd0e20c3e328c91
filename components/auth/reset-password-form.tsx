"use client";

import { type FormEvent, useEffect, useState } from "react";
import { resetPassword } from "@/lib/actions/auth/reset-password";
import { useAction } from "@/components/ui/use-action";
import { primaryButtonClass } from "../ui/buttons";
import { FormError, InputField } from "../ui/field";
import { PASSWORD_RULE } from "./setup-form";

/** Reads the link's secret from the #fragment (it never reaches the server's logs) and sets the new password. */
export function ResetPasswordForm() {
  const { run, pending, ready, error, fieldErrors } = useAction(resetPassword, { refresh: false });
  const [secret, setSecret] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [differ, setDiffer] = useState(false);

  useEffect(() => {
    setSecret(new URLSearchParams(window.location.hash.slice(1)).get("secret") ?? "");
  }, []);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password") ?? "");
    const mismatch = password !== form.get("confirm");
    setDiffer(mismatch);
    if (!mismatch) run({ secret, password }, (d) => setDone(d.identifier));
  }

  if (done)
    return (
      <p role="status" className="text-sm">
        Your password is set, {done}.{" "}
        <a href="/sign-in" className="underline">
          Sign in
        </a>{" "}
        with it.
      </p>
    );
  if (secret === "")
    return <FormError message="This page needs the whole link the admin gave you (it ends with #secret=…)." />;
  return (
    <form onSubmit={submit} noValidate>
      <FormError message={error ?? (fieldErrors.secret ? fieldErrors.secret.join("; ") : null)} />
      <InputField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={PASSWORD_RULE}
        error={fieldErrors.password}
      />
      <InputField
        label="New password again"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={differ ? ["the two passwords differ: type the same password twice"] : undefined}
      />
      <button type="submit" className={`${primaryButtonClass} w-full`} disabled={!ready || secret === null}>
        {pending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
