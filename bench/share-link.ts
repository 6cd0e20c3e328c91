/**
 * Share-link benchmark: the length of the link of a realistic 64-instance layout (8 hosts × 8 GPUs,
 * mixed models and engines), against plain JSON and deflated JSON as baselines, and encode/decode time.
 * Run: npx tsx bench/share-link.ts  → prints and writes bench/results/share-link.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { deflateSync, strToU8 } from "fflate";
import { toBase64Url } from "../lib/layout/codec-bytes";
import { decodeLayout, encodeLayout, shareUrl } from "../lib/layout/codec";
import { mixedFleetLayout } from "../lib/layout/testing/fleet-fixtures";
import { layoutSchema } from "../lib/vocabulary/layout-schema";

const RUNS = 200;
const LIMIT = 2000;

function medianMs(fn: () => unknown): number {
  for (let i = 0; i < 20; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 1000) / 1000;
}

const rows = [8, 16, 32].map((hosts) => {
  const layout = layoutSchema.parse(mixedFleetLayout(hosts));
  const json = JSON.stringify(layout);
  const token = encodeLayout(layout);
  return {
    instances: layout.instances.length,
    hosts,
    jsonChars: json.length,
    deflatedJsonBase64urlChars: toBase64Url(deflateSync(strToU8(json), { level: 9 })).length,
    tokenChars: token.length,
    urlChars: shareUrl(layout, "http://localhost:3000").length,
    encodeMs: medianMs(() => encodeLayout(layout)),
    decodeMs: medianMs(() => decodeLayout(token)),
  };
});
console.table(rows);
const sixtyFour = rows[0]!;
console.log(
  `64 instances: ${sixtyFour.urlChars} characters of URL (limit ${LIMIT}): ${sixtyFour.urlChars < LIMIT ? "ok" : "OVER"}`,
);
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(
  new URL("./results/share-link.json", import.meta.url),
  `${JSON.stringify({ benchmark: "share-link", when: new Date().toISOString(), node: process.version, limitChars: LIMIT, rows }, null, 2)}\n`,
);
console.log("wrote bench/results/share-link.json");
