"use client";
/** Designer inputs that keep what the person types and commit on a valid value (number), a choice (select) or blur (text). */
import { memo, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Field, inputClass } from "./field";

/**
 * Tells the owner whether a field holds text it could not commit (the error shown under it), and that it holds none
 * once it unmounts: the designer blocks saving while any field does.
 */
function useReportValidity(error: string | undefined, onValidityChange?: (error: string | undefined) => void) {
  const report = useRef(onValidityChange);
  report.current = onValidityChange;
  useEffect(() => report.current?.(error), [error]);
  useEffect(() => () => report.current?.(undefined), []);
}

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
  onValidityChange?: (error: string | undefined) => void;
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
  useReportValidity(error, props.onValidityChange);
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
        aria-describedby={error ? `${id}-error` : props.hint ? `${id}-hint` : undefined}
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

/** A text input that commits on blur or Enter; `required`: empty text is shown as an error and not committed. */
export const TextField = memo(function TextField({
  label,
  value,
  onCommit,
  placeholder,
  disabled,
  required,
  onValidityChange,
}: {
  label: string;
  value: string;
  onCommit: (v: string) => void;
  placeholder?: string;
  disabled?: boolean;
  required?: boolean;
  onValidityChange?: (error: string | undefined) => void;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const error = required && text.trim() === "" ? `${label} is required: type one.` : undefined;
  useReportValidity(error, onValidityChange);
  const commit = () => !error && text !== value && onCommit(text);
  return (
    <Field id={id} label={label} error={error}>
      <input
        id={id}
        className={inputClass}
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
      />
    </Field>
  );
});
