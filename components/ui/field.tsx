import { type InputHTMLAttributes, type ReactNode, useId } from "react";

export const inputClass =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950";
const formInputClass =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950";

/**
 * A label, its control, and the control's error (give the control aria-describedby `${id}-error`) or a hint.
 * `form` spaces it for a page's form (sign-in, settings); the default is the designer panel's compact size.
 */
export function Field({
  id,
  label,
  hint,
  error,
  form = false,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  form?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={form ? "mb-3 space-y-1 text-sm" : "space-y-1"}>
      <label
        htmlFor={id}
        className={form ? "block font-medium" : "block text-xs font-medium text-slate-700 dark:text-slate-300"}
      >
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled text input for a page's form, with the server's messages for the field announced to screen readers. */
export function InputField({
  label,
  name,
  error,
  ...props
}: { label: string; name: string; error?: string[] } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Field form id={id} label={label} error={error?.join("; ")}>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={formInputClass}
        {...props}
      />
    </Field>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p
      role="alert"
      className="mb-3 rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      {message}
    </p>
  );
}
