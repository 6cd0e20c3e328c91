import { createHash } from "node:crypto";
import type { ContainerSpec } from "./container-spec";

/** Canonical JSON: object keys sorted, so equal specs hash equal whatever order they were built in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The hash the `fleetdeck.spec-hash` label carries: a changed spec means a new container. Secret values are left
 * out (a rotated token does not restart every engine; their names stay in, so adding or removing one does).
 */
export function specHash(spec: Omit<ContainerSpec, "specHash">): string {
  const env = Object.fromEntries(
    Object.entries(spec.env).map(([k, v]) => [k, spec.secretEnv.includes(k) ? "(secret)" : v]),
  );
  return createHash("sha256")
    .update(canonical({ ...spec, env }))
    .digest("hex")
    .slice(0, 16);
}
