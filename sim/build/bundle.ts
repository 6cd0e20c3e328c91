import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const SIM_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
export const BUNDLE_PATH = join(SIM_DIR, "dist", "sim.mjs");

/** Bundles sim/src/cli.ts and everything it imports into one ES module for Node 20; returns its sha256. */
export async function bundleSim(outfile = BUNDLE_PATH): Promise<{ path: string; sha256: string; bytes: number }> {
  await build({
    entryPoints: [join(SIM_DIR, "src", "cli.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  });
  const bytes = readFileSync(outfile);
  return { path: outfile, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await bundleSim();
  console.log(`${result.path}: ${result.bytes} bytes, sha256 ${result.sha256}`);
}
