import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNumber, skipLabelSet } from "./fast-paths";

describe("parseNumber", () => {
  it("equals Number() whenever it answers (2,000 cases)", () => {
    const decimal = fc
      .tuple(
        fc.constantFrom("", "-", "+"),
        fc.stringMatching(/^\d{0,12}$/),
        fc.option(fc.stringMatching(/^\d{0,8}$/), { nil: undefined }),
      )
      .map(([sign, int, frac]) => sign + int + (frac === undefined ? "" : `.${frac}`));
    fc.assert(
      fc.property(fc.oneof(decimal, fc.double({ noNaN: true }).map(String), fc.string({ maxLength: 6 })), (text) => {
        const fast = parseNumber(text, 0, text.length);
        if (fast !== undefined) expect(Object.is(fast, Number(text))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("declines what it does not read exactly", () => {
    for (const t of ["1e5", "NaN", "+Inf", "0x10", "1234567890123456", "", "-", ".", "1.2.3"])
      expect(parseNumber(t, 0, t.length)).toBeUndefined();
    expect(parseNumber("x 27453.0 y", 2, 9)).toBe(27453);
  });
});

describe("skipLabelSet", () => {
  it("skips quoted braces and escaped quotes", () => {
    const line = 'm{a="}",b="\\"}"} 1';
    expect(skipLabelSet(line, 2, line.length)).toBe(line.indexOf("} 1") + 1);
    expect(skipLabelSet('m{a="x', 2, 6)).toBe(-1);
  });
});
