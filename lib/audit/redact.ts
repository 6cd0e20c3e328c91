/** Keys whose values never enter the audit log, whatever an action passes as before/after. */
const SECRET_KEY =
  /pass(word)?|secret|token|ciphertext|credential|private|api[-_]?key|authorization|cookie|pem$|^value$/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[deep]";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEY.test(k) && k !== "tokenPrefix" && k !== "scopes" ? "[redacted]" : redact(v, depth + 1);
    return out;
  }
  return value;
}
