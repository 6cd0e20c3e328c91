import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputShapeError, plainInput } from "./plain-input";

describe("plainInput", () => {
  it("passes plain JSON through, drops undefined members, reads -0 as 0", () => {
    expect(plainInput({ a: [1, "x", null, true, { b: undefined, c: -0 }], d: undefined })).toEqual({
      a: [1, "x", null, true, { c: 0 }],
    });
    expect(plainInput(undefined)).toBeUndefined();
  });

  it.each<{ value: unknown; message: string }>([
    { value: { n: 10n }, message: "n: got a BigInt" },
    { value: { a: [new Date(0)] }, message: "a[0]: got a Date" },
    { value: { m: new Map() }, message: "m: got a Map" },
    { value: { p: Promise.resolve(1) }, message: "p: got a Promise" },
    { value: { x: Number.NaN }, message: "x: got NaN: send a finite number" },
    { value: { x: Number.POSITIVE_INFINITY }, message: "x: got Infinity" },
    { value: { s: "a\u0000b" }, message: "s: contains a NUL character" },
    {
      value: new Proxy(
        {},
        {
          getPrototypeOf() {
            throw new Error("cannot touch a client reference");
          },
        },
      ),
      message: "input: could not be read as JSON",
    },
  ])("refuses input, naming the field: $message", ({ value, message }) => {
    expect(() => plainInput(value)).toThrow(InputShapeError);
    expect(() => plainInput(value)).toThrow(message);
  });

  it("refuses nesting past 64 without overflowing the stack", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 4000; i++) deep = [deep];
    expect(() => plainInput({ deep })).toThrow(/nested more than 64 deep/);
  });

  it('keeps a "__proto__" key an own member, as JSON.parse does, and never sets the prototype with it', () => {
    const out = plainInput(JSON.parse('{"__proto__":{"admin":true},"a":1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect((out as { admin?: boolean }).admin).toBeUndefined();
    expect(Object.keys(out)).toEqual(["__proto__", "a"]);
  });

  it("is the identity on JSON it accepts (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const clean = JSON.parse(JSON.stringify(value));
        expect(plainInput(clean)).toEqual(clean);
      }),
    );
  });
});
