/**
 * What a server action or an API route accepts before zod looks at it: plain JSON data, at most 64 deep. React's
 * action encoding can also carry BigInts, Dates, Maps, Sets, Promises, FormData, NaN and references to client
 * objects; none of those is a valid fleetdeck input, and handing them to zod (or to an error message that quotes
 * them) failed in ways that became 500s. Each is refused here with the field, what came and what to send.
 */

export const MAX_INPUT_DEPTH = 64;

export class InputShapeError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`Please fix: ${path}: ${detail}`);
    this.name = "InputShapeError";
  }
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "input" ? key : `${path}.${key}`;
}

function describe(value: unknown): string {
  if (typeof value === "bigint") return "a BigInt";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (value instanceof Date) return "a Date";
  if (value instanceof Map) return "a Map";
  if (value instanceof Set) return "a Set";
  if (value instanceof Promise) return "a Promise";
  return "an object that is not plain JSON";
}

function plain(value: unknown, path: string, depth: number): unknown {
  if (depth > MAX_INPUT_DEPTH)
    throw new InputShapeError(path, `nested more than ${MAX_INPUT_DEPTH} deep: send plainer input`);
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "string") {
    if (value.includes("\u0000")) throw new InputShapeError(path, "contains a NUL character: remove it");
    return value;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InputShapeError(path, `got ${value}: send a finite number`);
    return value === 0 ? 0 : value;
  }
  if (Array.isArray(value)) return value.map((v, i) => (v === undefined ? null : plain(v, join(path, i), depth + 1)));
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      throw new InputShapeError(path, `got ${describe(value)}: send JSON (strings, numbers, arrays, objects)`);
    const out: Record<string, unknown> = {};
    // Defined, not assigned: a "__proto__" key stays an own member, as JSON.parse makes it, never the prototype.
    for (const [k, v] of Object.entries(value))
      if (v !== undefined)
        Object.defineProperty(out, k, {
          value: plain(v, join(path, k), depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
    return out;
  }
  throw new InputShapeError(path, `got ${describe(value)}: send JSON (strings, numbers, arrays, objects)`);
}

/** The input as plain JSON (undefined members dropped, -0 read as 0), or an InputShapeError naming the field. */
export function plainInput(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    return plain(value, "input", 0);
  } catch (err) {
    if (err instanceof InputShapeError) throw err;
    // A proxy for a client object throws when touched.
    throw new InputShapeError("input", "could not be read as JSON: send strings, numbers, arrays and objects");
  }
}
