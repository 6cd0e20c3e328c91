"use client";

import { useState, type FormEvent } from "react";
import { setupFirstAdmin } from "@/lib/actions/auth/setup-first-admin";
import { useAction } from "@/components/ui/use-action";
import { primaryButtonClass } from "../ui/buttons";
import { FormError, InputField } from "../ui/field";

const PASSWORDS_DIFFER = ["the two passwords differ: type the same password twice"];

export function SetupForm() {
  const { run, pending, error, fieldErrors } = useAction(setupFirstAdmin, { refresh: false });
  const [passwordsDiffer, setPasswordsDiffer] = useState(false);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = {
      email: String(form.get("email") ?? ""),
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    const differ = input.password !== form.get("confirm");
    setPasswordsDiffer(differ);
    if (!differ) run(input, () => window.location.assign("/fleet"));
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormError message={error} />
      <InputField label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
      <InputField label="Username" name="username" autoComplete="username" required error={fieldErrors.username} />
      <InputField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        error={fieldErrors.password}
      />
      <InputField
        label="Password again"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={passwordsDiffer ? PASSWORDS_DIFFER : fieldErrors.confirm}
      />
      <button type="submit" className={`${primaryButtonClass} w-full`} disabled={pending}>
        {pending ? "Creating…" : "Create admin and sign in"}
      </button>
    </form>
  );
}
