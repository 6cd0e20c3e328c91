"use client";

import { useState, useTransition, type FormEvent } from "react";
import { setupFirstAdmin } from "@/app/(auth)/actions";
import { BUTTON, Field, FormError } from "./field";

export function SetupForm() {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, start] = useTransition();

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = { email: String(form.get("email") ?? ""), username: String(form.get("username") ?? ""), password: String(form.get("password") ?? "") };
    if (input.password !== form.get("confirm")) {
      setFieldErrors({ confirm: ["the two passwords differ: type the same password twice"] });
      return;
    }
    start(async () => {
      const result = await setupFirstAdmin(input);
      if (result.ok) {
        window.location.assign("/fleet");
        return;
      }
      setError(result.error);
      setFieldErrors(result.fieldErrors ?? {});
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormError message={error} />
      <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
      <Field label="Username" name="username" autoComplete="username" required error={fieldErrors.username} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} error={fieldErrors.password} />
      <Field label="Password again" name="confirm" type="password" autoComplete="new-password" required error={fieldErrors.confirm} />
      <button type="submit" className={`${BUTTON} w-full`} disabled={pending}>
        {pending ? "Creating…" : "Create admin and sign in"}
      </button>
    </form>
  );
}
