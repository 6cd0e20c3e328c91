import fc from "fast-check";
import { deflateSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { crc32, fromBase64Url, toBase64Url } from "./codec-bytes";
import { decodeLayout, encodeLayout, shareUrl } from "./codec";
import { mixedFleetLayout } from "./testing/fleet-fixtures";
import { arbitraryLayout } from "./testing/layout-arbitraries";
import {
  hostSchema,
  instanceSchema,
  layoutSchema,
  limitsSchema,
  ropeScalingSchema,
  tgiSettingsSchema,
  vllmSettingsSchema,
} from "../vocabulary/layout-schema";
import { TUPLE_RECORD_KEYS } from "./codec-tuple";

/** Written by the v0 codec (plain deflated JSON, no checksum, `tensorParallel` instead of `tp`). */
const V0_TOKEN =
  "0.1ZFRa8IwEMe_itzTBolra9fOPrrB8GGgsO1l-BDbQwPNVZPU6cTvvkt1woSBr3sJ3D-_O_LL7cGVSzTqHa3TDUERCSBlEApwiFUvjYbRU-9mE92CgGXjvIPiYw-6YmCxaiU1FcqY705NvzIuTjhVuO1mczQOvdZvZZhdySRdzOEgzlB8DZRcAw3-hmYCrDKjnUd-YPaQx8M0z_JBJqBctY-NDXGcBUyT84rKEPx4rz-R8rnU5FOpWBNpoSnIb-racG3Yv-ZyytxdOJL-vcxHcsyjbFt6-Tx5nXLlU4bXrSKvv5Tvfp8f7NeceiTX2Imyqq7DrKPvC5rG7t68rs8NUX8oYFWrEg2Sh2LfLalzvlzFmCp99IhEPDt0H3WpM_-POokYsM7s8A0";

const fleet = layoutSchema.parse(mixedFleetLayout());

/** A version-1 token around arbitrary bytes, with a correct checksum. */
function tokenAround(deflated: Uint8Array): string {
  const framed = new Uint8Array(4 + deflated.length);
  new DataView(framed.buffer).setUint32(0, crc32(deflated));
  framed.set(deflated, 4);
  return `1.${toBase64Url(framed)}`;
}

describe("share-link codec", () => {
  it("round-trips any schema-valid layout", () => {
    fc.assert(
      fc.property(arbitraryLayout, (layout) => {
        const decoded = decodeLayout(encodeLayout(layout));
        expect(decoded).toEqual({ ok: true, layout, fromVersion: 1 });
      }),
      { numRuns: 300 },
    );
  });

  it("gives every field of the layout schema a place in the link, so a shared layout loses no setting", () => {
    const schemas = {
      host: hostSchema,
      instance: instanceSchema,
      vllm: vllmSettingsSchema,
      tgi: tgiSettingsSchema,
      limits: limitsSchema,
      ropeScaling: ropeScalingSchema,
    };
    for (const [name, schema] of Object.entries(schemas)) {
      const carried = TUPLE_RECORD_KEYS[name as keyof typeof TUPLE_RECORD_KEYS];
      expect({ record: name, missing: Object.keys(schema.shape).filter((k) => !carried.includes(k)) }).toEqual({
        record: name,
        missing: [],
      });
    }
  });

  it("round-trips the settings added after link format 1 (WSL2 hosts, vLLM's env switches, TGI's prefill logprobs)", () => {
    const layout = layoutSchema.parse({
      ...fleet,
      hosts: fleet.hosts.map((h, i) => (i === 0 ? { ...h, wsl2: true } : h)),
      instances: fleet.instances.map((inst, i) =>
        i === 0
          ? inst.engine === "vllm"
            ? {
                ...inst,
                vllm: { ...inst.vllm, modelRunnerV2: true, estimateCudaGraphs: false, preferHipBlasLt: false },
              }
            : { ...inst, tgi: { ...inst.tgi, prefillLogprobs: false } }
          : inst,
      ),
    });
    const decoded = decodeLayout(encodeLayout(layout));
    expect(decoded.ok && decoded.layout).toEqual(layout);
  });

  it("keeps a realistic 64-instance layout (8 hosts × 8 GPUs) under 2,000 characters", () => {
    expect(fleet.instances).toHaveLength(64);
    const url = shareUrl(fleet, "https://fleetdeck.example.com");
    expect(url.length).toBeLessThan(2000);
    expect(decodeLayout(url)).toEqual({ ok: true, layout: fleet, fromVersion: 1 });
  });

  it("reads a bare token, a #l= URL, a ?l= URL and a bare fragment", () => {
    const token = encodeLayout(fleet);
    for (const text of [
      token,
      `  ${token}\n`,
      `http://localhost:3000/layouts/share#l=${token}`,
      `https://x.test/layouts/share?l=${token}&ref=chat`,
      `#l=${token}`,
    ]) {
      expect(decodeLayout(text).ok).toBe(true);
    }
  });

  it("says a flipped character damaged the link (checksum mismatch)", () => {
    const token = encodeLayout(fleet);
    for (const at of [2, 3, 7, 40, token.length - 5]) {
      const original = token.charAt(at);
      const flipped = token.slice(0, at) + (original === "A" ? "B" : "A") + token.slice(at + 1);
      const result = decodeLayout(flipped);
      expect(result).toMatchObject({ ok: false, code: "checksum-mismatch" });
      if (!result.ok) expect(result.error).toBe("the link is damaged (checksum mismatch): ask for a new link");
    }
  });

  it("says a truncated link is damaged", () => {
    const token = encodeLayout(fleet);
    for (const length of [token.length - 1, token.length - 2, token.length - 3, 40, 6, 3]) {
      const result = decodeLayout(token.slice(0, length));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(["checksum-mismatch", "not-base64url"]).toContain(result.code);
        expect(result.error).toMatch(/damaged/);
      }
    }
  });

  it("names an unknown or newer version", () => {
    const body = encodeLayout(fleet).slice(2);
    expect(decodeLayout(`9.${body}`)).toMatchObject({
      ok: false,
      code: "unknown-version",
      error: expect.stringMatching(/unknown link version 9 .*newer fleetdeck/),
    });
    expect(decodeLayout(`x.${body}`)).toMatchObject({ ok: false, code: "not-a-link" });
  });

  it("names the character that is not base64url", () => {
    const result = decodeLayout("1.abc$def");
    expect(result).toMatchObject({ ok: false, code: "not-base64url" });
    if (!result.ok) expect(result.error).toContain("'$' at position 5");
  });

  it("rejects garbage, empty input and a URL without a layout", () => {
    expect(decodeLayout("hello world")).toMatchObject({ ok: false, code: "not-a-link" });
    expect(decodeLayout("")).toMatchObject({ ok: false, code: "not-a-link", error: expect.stringMatching(/empty/) });
    expect(decodeLayout("https://fleetdeck.example.com/layouts/share")).toMatchObject({
      ok: false,
      code: "not-a-link",
      error: expect.stringMatching(/#l=/),
    });
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (garbage) => {
        expect(decodeLayout(`1.${garbage}`).ok).toBe(false);
      }),
    );
  });

  it("reports failed decompression behind a valid checksum", () => {
    expect(decodeLayout(tokenAround(new Uint8Array([0xff, 0xff, 0xff, 0x00, 0x13])))).toMatchObject({
      ok: false,
      code: "decompression-failed",
    });
  });

  it("reports malformed contents and schema errors with the field path", () => {
    expect(decodeLayout(tokenAround(deflateSync(strToU8('{"not":"a tuple"}'))))).toMatchObject({
      ok: false,
      code: "malformed",
    });
    // host mask 29 = id, gpus, ramBytes, cpuCores; instance mask 529 = id, model, tp
    const badTp = JSON.stringify([["h1", "m"], "x", [[29, "h1", [[1, 4]], -1024, 8]], [[529, "a", 1, 999]]]);
    const result = decodeLayout(tokenAround(deflateSync(strToU8(badTp))));
    expect(result).toMatchObject({ ok: false, code: "schema" });
    if (!result.ok) expect(result.error).toMatch(/instances\[0\]\.tp: .*64/);
  });

  it("opens a version-0 link through the migration table (tensorParallel → tp)", () => {
    const result = decodeLayout(`http://localhost:3000/layouts/share#l=${V0_TOKEN}`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.fromVersion).toBe(0);
    expect(result.layout.schemaVersion).toBe(1);
    expect(result.layout.instances.map((i) => [i.id, i.tp, i.placement?.gpuIndices])).toEqual([
      ["qwen7b-int4-a", 2, [0, 1]],
      ["qwen7b-int4-b", 2, [2, 3]],
    ]);
    expect(decodeLayout(encodeLayout(result.layout))).toMatchObject({ ok: true, fromVersion: 1 });
  });
});

describe("codec bytes", () => {
  it("base64url round-trips any bytes and has no padding", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it("computes the standard CRC-32", () => {
    expect(crc32(strToU8("123456789"))).toBe(0xcbf43926);
  });
});
