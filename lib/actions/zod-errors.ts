import type { z } from "zod";

/** Zod issues as people read them: the field, the value that was sent, and what to send instead. */

function pathOf(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out || "input";
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Fields whose values are never echoed back: PEM keys and certificates, passphrases, stored secrets' values. */
const SECRET_FIELD = /pem$|passphrase|secret|^value$/i;

function shown(value: unknown, path: readonly PropertyKey[]): string {
  if (value === undefined) return "nothing";
  if (SECRET_FIELD.test(String(path[path.length - 1] ?? ""))) return "(hidden)";
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function fix(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === "invalid_type" && value === undefined)
    return `it is required (${issue.message.replace(/^Invalid input: /, "")})`;
  return issue.message.replace(/^Invalid input: /, "");
}

export function describeZodError(
  error: z.ZodError,
  input: unknown,
): { error: string; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  const lines: string[] = [];
  for (const issue of error.issues) {
    const path = pathOf(issue.path);
    const value = valueAt(input, issue.path);
    const message = `got ${shown(value, issue.path)}: ${fix(issue, value)}`;
    (fieldErrors[path] ??= []).push(message);
    lines.push(`${path}: ${message}`);
  }
  const more = lines.length > 3 ? ` (and ${lines.length - 3} more)` : "";
  return { error: `Please fix: ${lines.slice(0, 3).join("; ")}${more}`, fieldErrors };
}
