import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeLogFrames, LogFrameDecoder } from "./log-frames";

const frame = (stream: 1 | 2, text: string) => {
  const payload = Buffer.from(text, "utf8");
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe("Docker log frames", () => {
  it("keeps stdout and stderr lines in the order they were written", () => {
    const buffer = Buffer.concat([frame(1, "one\n"), frame(2, "two\nthr"), frame(1, "ee\nfour")]);
    expect(decodeLogFrames(buffer)).toEqual(["one", "two", "three", "four"]);
  });
  it("gives the same lines however the stream is cut into chunks", () => {
    const lines = ["INFO start", "Loading weights took 1.2 seconds", "ERROR ünïcödé ✓", "done"];
    const buffer = Buffer.concat(lines.map((l, i) => frame(i % 2 === 0 ? 1 : 2, `${l}\n`)));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: buffer.length - 1 }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), buffer.length];
        const decoder = new LogFrameDecoder();
        const out: string[] = [];
        for (let i = 1; i < points.length; i++) out.push(...decoder.push(buffer.subarray(points[i - 1], points[i])));
        out.push(...decoder.flush());
        expect(out).toEqual(lines);
      }),
    );
  });
});
