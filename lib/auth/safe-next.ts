/**
 * Where to go after signing in: only a path on this site. `next` is parsed as the browser would parse it, relative
 * to an origin of our own, and accepted only when it stays on that origin, holds no control character or
 * backslash (browsers drop the one and read the other as "/"), even after percent-decoding, and the path it
 * normalises to does not itself read as another site ("/.//evil" becomes "//evil").
 */
const FALLBACK = "/fleet";
const SELF = "http://fleetdeck.invalid";

/** A control character (U+0000–U+001F, U+007F) or a backslash: what URL parsers drop or read as "/". */
export function hasUnsafeCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c) return true;
  }
  return false;
}

function decodedForms(value: string): string[] | null {
  const forms = [value];
  let current = value;
  for (let i = 0; i < 3; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (decoded === current) break;
    forms.push(decoded);
    current = decoded;
  }
  return forms;
}

function staysHome(path: string): boolean {
  try {
    return new URL(path, SELF).origin === SELF;
  } catch {
    return false;
  }
}

export function safeNext(next: unknown): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2048) return FALLBACK;
  const forms = decodedForms(next);
  if (!forms) return FALLBACK;
  for (const form of forms)
    if (hasUnsafeCharacter(form) || !form.startsWith("/") || form.startsWith("//")) return FALLBACK;
  if (!staysHome(next)) return FALLBACK;
  const url = new URL(next, SELF);
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || !staysHome(path)) return FALLBACK;
  if (/^\/(sign-in|setup)(\/|$)/.test(url.pathname)) return FALLBACK;
  return path;
}
