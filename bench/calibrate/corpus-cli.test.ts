/**
 * `estimate` answers every usable start-up of the calibration corpus: each case's command and settings go to the real
 * CLI in a child process, which must print one JSON budget (exit 0, or 1 when the plan has errors), the same one the
 * calibration bench scores in process.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { estimate } from "../../cli/commands/estimate";
import { loadCorpus } from "../calibration/load";
import { caseArgs } from "./case-args";

const configDir = mkdtempSync(join(tmpdir(), "fleetdeck-corpus-cli-"));
afterAll(() => rmSync(configDir, { recursive: true, force: true }));

const usable = loadCorpus().filter((c) => c.usable);

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["tsx", "cli/index.ts", "estimate", ...args], { cwd: process.cwd() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `tasks` two at a time (the test machine has few cores). */
async function inPairs<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

describe("estimate answers every usable corpus case", () => {
  it(`answers all ${usable.length} usable start-ups through the real CLI`, { timeout: 600_000 }, async () => {
    expect(usable.length).toBeGreaterThan(20);
    const cases = usable.map((c) => ({ c, args: caseArgs(c, configDir).args }));
    const runs = await inPairs(
      cases.map(
        ({ args }) =>
          () =>
            runCli(args),
      ),
    );
    const failures: string[] = [];
    runs.forEach((r, i) => {
      const { c, args } = cases[i]!;
      if (r.code !== 0 && r.code !== 1) {
        failures.push(`${c.id}: exit ${r.code}: ${r.stderr.trim().slice(0, 300)}`);
        return;
      }
      const out = JSON.parse(r.stdout);
      const inProcess = estimate(args).budget;
      if (out.kvCacheTokens !== inProcess.kvCacheTokens || !["fits", "tight", "does not fit"].includes(out.fits))
        failures.push(`${c.id}: CLI ${out.kvCacheTokens} / ${out.fits} vs in-process ${inProcess.kvCacheTokens}`);
      if (!(out.kvCacheTokensLow <= out.kvCacheTokens && out.kvCacheTokens <= out.kvCacheTokensHigh))
        failures.push(`${c.id}: band ${out.kvCacheTokensLow}–${out.kvCacheTokensHigh} misses ${out.kvCacheTokens}`);
    });
    expect(failures).toEqual([]);
  });
});
