import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { familiesArb } from "./exposition-arbitraries";
import { formatExposition } from "./format-exposition";
import { ExpositionParseError } from "./parse-error";
import { parseExposition } from "./parse-exposition";
import type { ExpositionFormat, ParsedFamily } from "./types";

const RUNS = 1000;
const withoutLines = (families: ParsedFamily[]) =>
  families.map((f) => ({ ...f, samples: f.samples.map(({ line: _line, ...s }) => s) }));

/** Parses, or fails only with a typed error that points inside the input. */
function parsesOrFailsTyped(text: string, format: ExpositionFormat): void {
  try {
    parseExposition(text, format);
  } catch (e) {
    if (!(e instanceof ExpositionParseError)) throw e;
    const lines = text.split("\n").length;
    if (e.line < 1 || e.line > lines + 1 || e.column < 1)
      throw new Error(`error points outside the input: ${e.message}`);
    if (!e.message.startsWith(`line ${e.line}, column ${e.column}: expected `))
      throw new Error(`bad message: ${e.message}`);
  }
}

describe.each<ExpositionFormat>(["prometheus-text", "openmetrics"])("%s", (format) => {
  it(`round-trips generated expositions (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(familiesArb(format), (families) => {
        const parsed = parseExposition(formatExposition(families, format), format);
        expect(parsed.duplicates).toEqual([]);
        expect(withoutLines(parsed.families)).toEqual(withoutLines(families));
      }),
      { numRuns: RUNS },
    );
  });

  it(`never throws anything but a typed parse error on random text (${RUNS} cases)`, () => {
    const alphabet = fc.constantFrom(...'ab_:{}=",# \t\n\\0123456789.+-eEInfNaN'.split(""));
    const garbage = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.string({ unit: alphabet, maxLength: 200 }),
    );
    fc.assert(
      fc.property(garbage, (text) => parsesOrFailsTyped(text, format)),
      { numRuns: RUNS },
    );
  });

  it(`never throws anything but a typed parse error on corrupted valid expositions (${RUNS} cases)`, () => {
    const corrupted = fc
      .tuple(
        familiesArb(format),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.string({ unit: "binary", maxLength: 3 })), {
          minLength: 1,
          maxLength: 4,
        }),
      )
      .map(([families, edits]) => {
        let text = formatExposition(families, format);
        for (const [at, remove, insert] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + remove);
        }
        return text;
      });
    fc.assert(
      fc.property(corrupted, (text) => parsesOrFailsTyped(text, format)),
      { numRuns: RUNS },
    );
  });
});
