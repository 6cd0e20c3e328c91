"use client";
/** Designer inputs that keep what the person types and commit on a valid value (number), a choice (select) or blur (text). */
import { memo, type ReactNode, useEffect, useId, useState } from "react";
import { Field, inputClass } from "./field";

/**
 * A number input that keeps what the person typed and commits only valid values (empty = unset when `optional`).
 * `scale` converts shown units to stored ones (GiB → bytes).
 */
export const NumberField = memo(function NumberField(props: {
  label: string;
  value: number | undefined;
  onCommit: (value: number | undefined) => void;
  min?: number;
  max?: number;
  integer?: boolean;
  optional?: boolean;
  step?: number;
  scale?: number;
  hint?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const scale = props.scale ?? 1;
  const shown = props.value === undefined ? "" : String(Math.round((props.value / scale) * 1000) / 1000);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setText(shown);
    setError(undefined);
  }, [shown]);
  const commit = (raw: string) => {
    setText(raw);
    if (raw.trim() === "") {
      if (props.optional) {
        setError(undefined);
        props.onCommit(undefined);
      } else setError(`${props.label} is required.`);
      return;
    }
    const n = Number(raw);
    const bad = !Number.isFinite(n)
      ? `"${raw}" is not a number.`
      : props.integer && !Number.isInteger(n)
        ? `${raw} is not a whole number.`
        : props.min !== undefined && n < props.min
          ? `${raw} is below ${props.min}.`
          : props.max !== undefined && n > props.max
            ? `${raw} is above ${props.max}.`
            : undefined;
    setError(
      bad
        ? `${bad} Enter a value${props.min !== undefined ? ` from ${props.min}` : ""}${props.max !== undefined ? ` to ${props.max}` : ""}.`
        : undefined,
    );
    if (!bad) props.onCommit(props.integer ? Math.round(n * scale) : n * scale);
  };
  return (
    <Field id={id} label={props.label} hint={props.hint} error={error}>
      <input
        id={id}
        inputMode="decimal"
        className={inputClass}
        value={text}
        step={props.step}
        disabled={props.disabled}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => commit(e.target.value)}
      />
    </Field>
  );
});

/** Memoized (with stable `options` and `onChange`, an edit elsewhere does not re-render its options). */
export const SelectField = memo(function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  disabled,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <Field id={id} label={label}>
      <select
        id={id}
        className={inputClass}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}) as <T extends string>(props: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  disabled?: boolean;
}) => ReactNode;

export const TextField = memo(function TextField({
  label,
  value,
  onCommit,
  placeholder,
  disabled,
}: {
  label: string;
  value: string;
  onCommit: (v: string) => void;
  placeholder?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        className={inputClass}
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== value && onCommit(text)}
        onKeyDown={(e) => e.key === "Enter" && text !== value && onCommit(text)}
      />
    </Field>
  );
});
