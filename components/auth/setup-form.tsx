"use client";

import { type FormEvent, useState } from "react";
import { setupFirstAdmin } from "@/lib/actions/auth/setup-first-admin";
import { useAction } from "@/components/ui/use-action";
import { primaryButtonClass } from "../ui/buttons";
import { FormError, InputField } from "../ui/field";

const PASSWORDS_DIFFER = ["the two passwords differ: type the same password twice"];
export const PASSWORD_RULE = "At least 10 characters (at most 256). A passphrase of a few words is easy to remember.";

/**
 * The first admin. The password rule shows before anything is sent; an error never repeats the password; a
 * field's error goes away as soon as the field is changed, and "the passwords differ" as soon as they match.
 */
export function SetupForm() {
  const { run, pending, ready, error, fieldErrors } = useAction(setupFirstAdmin, { refresh: false });
  const [passwordsDiffer, setPasswordsDiffer] = useState(false);
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());

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
    setEdited(new Set());
    if (!differ) run(input, () => window.location.assign("/fleet"));
  }

  function changed(e: FormEvent<HTMLFormElement>) {
    const name = (e.target as HTMLInputElement).name;
    if (name) setEdited((prev) => new Set(prev).add(name));
    const form = new FormData(e.currentTarget);
    if (passwordsDiffer && form.get("password") === form.get("confirm")) setPasswordsDiffer(false);
  }

  const errorOf = (name: string) => (edited.has(name) ? undefined : fieldErrors[name]);
  return (
    <form onSubmit={submit} onChange={changed} noValidate>
      <FormError message={edited.size === 0 ? error : null} />
      <InputField label="Email" name="email" type="email" autoComplete="email" required error={errorOf("email")} />
      <InputField label="Username" name="username" autoComplete="username" required error={errorOf("username")} />
      <InputField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint={PASSWORD_RULE}
        error={errorOf("password")}
      />
      <InputField
        label="Password again"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={passwordsDiffer ? PASSWORDS_DIFFER : undefined}
      />
      <button type="submit" className={`${primaryButtonClass} w-full`} disabled={!ready}>
        {pending ? "Creating…" : "Create admin and sign in"}
      </button>
    </form>
  );
}
