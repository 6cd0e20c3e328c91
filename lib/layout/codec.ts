/**
 * Share-link codec: a whole layout in one URL value.
 * Token = "<version>." + base64url(CRC-32 of the deflated bytes, 4 bytes big-endian ‖ deflate-raw level 9 of the JSON tuple).
 * Version 0 links (no checksum, plain JSON object with `tensorParallel`) still open through the migration table.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from "fflate";
import { crc32, firstNonBase64UrlChar, fromBase64Url, toBase64Url } from "./codec-bytes";
import { TupleFormatError, layoutToTuple, tupleToLayout } from "./codec-tuple";
import { migrateLayout } from "./migrations";
import { type Layout, LAYOUT_SCHEMA_VERSION, layoutSchema } from "../vocabulary/layout-schema";
import { describeIssues } from "./zod-issues";

export const LINK_VERSION = LAYOUT_SCHEMA_VERSION;
/** Refuse to inflate past this: a link is a few KB, a bomb is not a layout. */
const MAX_INFLATED_BYTES = 16 * 1_048_576;
const CHECKSUM_BYTES = 4;

export type DecodeErrorCode =
  | "not-a-link"
  | "unknown-version"
  | "not-base64url"
  | "checksum-mismatch"
  | "decompression-failed"
  | "malformed"
  | "schema";

export type DecodeResult =
  | { ok: true; layout: Layout; fromVersion: number }
  | { ok: false; code: DecodeErrorCode; error: string };

type Loose = Record<string, unknown>;
type Payload = { ok: true; raw: Loose } | { ok: false; code: DecodeErrorCode; error: string };

const fail = (code: DecodeErrorCode, error: string) => ({ ok: false as const, code, error });

export function encodeLayout(layout: Layout): string {
  const deflated = deflateSync(strToU8(JSON.stringify(layoutToTuple(layout))), { level: 9 });
  const framed = new Uint8Array(CHECKSUM_BYTES + deflated.length);
  new DataView(framed.buffer).setUint32(0, crc32(deflated));
  framed.set(deflated, CHECKSUM_BYTES);
  return `${LINK_VERSION}.${toBase64Url(framed)}`;
}

/** The share URL of a layout: `<base>/layouts/share#l=<token>`. */
export function shareUrl(layout: Layout, baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/layouts/share#l=${encodeLayout(layout)}`;
}

/** The token inside a bare token, a URL with `#l=…` or `?l=…`, or a fragment `l=…`. */
export function extractToken(
  text: string,
): { ok: true; token: string } | { ok: false; code: DecodeErrorCode; error: string } {
  const trimmed = text.trim();
  const param = /(?:^|[#?&])l=([^&#\s]*)/.exec(trimmed);
  if (param) return { ok: true, token: safeDecodeUri(param[1] ?? "") };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || trimmed.includes("#") || trimmed.includes("?")) {
    return fail("not-a-link", "this URL carries no layout: a share link ends in #l=<token> (or has ?l=<token>)");
  }
  return { ok: true, token: trimmed };
}

function safeDecodeUri(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function decodeLayout(text: string): DecodeResult {
  const extracted = extractToken(text);
  if (!extracted.ok) return extracted;
  const { token } = extracted;
  const match = /^(\d{1,6})\.(.*)$/s.exec(token);
  if (!match) {
    return fail(
      "not-a-link",
      token
        ? "this is not a fleetdeck layout link: a link token starts with a version such as '1.'"
        : "the link is empty: paste the whole share link",
    );
  }
  const version = Number(match[1]);
  const body = match[2] ?? "";
  const reader = READERS[version];
  if (!reader) {
    const newer = version > LINK_VERSION ? `; it was made by a newer fleetdeck: update this one` : "";
    return fail(
      "unknown-version",
      `unknown link version ${version} (this fleetdeck reads versions 0 to ${LINK_VERSION})${newer}`,
    );
  }
  const bad = firstNonBase64UrlChar(body);
  const bytes = bad ? null : fromBase64Url(body);
  if (!bytes) {
    const what = bad
      ? `'${bad.char}' at position ${match[1]!.length + 1 + bad.position}`
      : `its length (${body.length} characters) is impossible, so it was cut short`;
    return fail("not-base64url", `the link is damaged (not base64url: ${what}): copy the whole link again`);
  }
  const payload = reader(bytes);
  if (!payload.ok) return payload;
  const migrated = migrateLayout(payload.raw, version);
  if (!migrated)
    return fail("unknown-version", `no migration from layout version ${version} to ${LAYOUT_SCHEMA_VERSION}`);
  const parsed = layoutSchema.safeParse(migrated);
  if (!parsed.success)
    return fail("schema", `the link holds an invalid layout:\n${describeIssues(parsed.error).join("\n")}`);
  return { ok: true, layout: parsed.data, fromVersion: version };
}

function inflate(bytes: Uint8Array): Uint8Array | string {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const stream = new Inflate((chunk) => {
      total += chunk.length;
      if (total > MAX_INFLATED_BYTES) throw new Error(`it inflates past ${MAX_INFLATED_BYTES} bytes`);
      chunks.push(chunk);
    });
    stream.push(bytes, true);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function inflateJson(
  bytes: Uint8Array,
): { ok: true; json: unknown } | { ok: false; code: DecodeErrorCode; error: string } {
  const inflated = inflate(bytes);
  if (typeof inflated === "string")
    return fail("decompression-failed", `the link is damaged (decompression failed: ${inflated}): ask for a new link`);
  try {
    return { ok: true, json: JSON.parse(strFromU8(inflated)) };
  } catch {
    return fail("malformed", "the link is damaged (its contents are not JSON): ask for a new link");
  }
}

/** Per link version: bytes → the raw layout object of that schema version. */
const READERS: Record<number, (bytes: Uint8Array) => Payload> = {
  0: (bytes) => {
    const result = inflateJson(bytes);
    if (!result.ok) return result;
    if (typeof result.json !== "object" || result.json === null || Array.isArray(result.json))
      return fail("malformed", "the version 0 link does not hold a layout object");
    return { ok: true, raw: result.json as Loose };
  },
  1: (bytes) => {
    if (bytes.length <= CHECKSUM_BYTES)
      return fail("checksum-mismatch", "the link is damaged (too short to hold a layout): ask for a new link");
    const expected = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
    const deflated = bytes.subarray(CHECKSUM_BYTES);
    if (crc32(deflated) !== expected)
      return fail("checksum-mismatch", "the link is damaged (checksum mismatch): ask for a new link");
    const result = inflateJson(deflated);
    if (!result.ok) return result;
    try {
      return { ok: true, raw: tupleToLayout(result.json) };
    } catch (error) {
      if (error instanceof TupleFormatError)
        return fail("malformed", `the link's contents are malformed (${error.message}): ask for a new link`);
      throw error;
    }
  },
};
