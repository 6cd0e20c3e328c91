import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasUnsafeCharacter, safeNext } from "./safe-next";

const ORIGIN = "https://fleet.example.com";

describe("safeNext", () => {
  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "//evil.example",
    "///evil.example",
    "/.//evil.example",
    "/%09/evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "%2F%2Fevil.example",
    "/%252F%252Fevil.example",
    " //evil.example",
    "https://evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "data:text/html,x",
    "/%0d%0aLocation:%20https://evil.example",
    "/%E0%A4%A",
    "/sign-in?next=/x",
    "/setup",
    "",
  ])("refuses %j", (next) => {
    expect(safeNext(next)).toBe("/fleet");
  });

  it.each([
    ["/layouts/abc", "/layouts/abc"],
    ["/layouts/abc?from=1&to=2#grid", "/layouts/abc?from=1&to=2#grid"],
    ["/audit?q=a%20b", "/audit?q=a%20b"],
    ["/\u3002/x", "/%E3%80%82/x"],
    ["/a/../instances", "/instances"],
  ])("keeps %j as %j", (next, out) => {
    expect(safeNext(next)).toBe(out);
  });

  it("whatever it is given, the result resolves to this site, as a browser reads it (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `/${s}`),
          fc
            .constantFrom("/", "//", "\\", "%2F", "%5C", "%09", "\t", "\n", "/.", "..", ":", "@")
            .chain((p) =>
              fc
                .array(fc.constantFrom(p, "/", "evil.example", "%2F", "\\", "."), { maxLength: 6 })
                .map((a) => a.join("")),
            ),
        ),
        (next) => {
          const out = safeNext(next);
          expect(out.startsWith("/")).toBe(true);
          expect(hasUnsafeCharacter(out)).toBe(false);
          expect(new URL(out, ORIGIN).origin).toBe(ORIGIN);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
