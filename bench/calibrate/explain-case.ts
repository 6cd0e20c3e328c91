/**
 * One corpus case through `estimate`, with the budget's explanations: what the model thinks each term is made of.
 *
 *   npx tsx bench/calibrate/explain-case.ts <case id substring> …
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCorpus } from "../calibration/load";
import { estimate } from "../../cli/commands/estimate";
import { caseArgs } from "./case-args";
import { scoreCase } from "./score";

const wanted = process.argv.slice(2);
if (wanted.length === 0) throw new Error("name at least one case id (or a part of one)");
const configDir = mkdtempSync(join(tmpdir(), "fleetdeck-explain-"));
for (const c of loadCorpus().filter((x) => x.usable && wanted.some((w) => x.id.includes(w)))) {
  const s = scoreCase(c, configDir);
  console.log(`\n${c.id} (${c.split})`);
  console.log(`  errors: ${JSON.stringify(s.errors.model)}`);
  console.log(`  predicted: ${JSON.stringify(s.predicted.model)}`);
  console.log(`  logged: ${JSON.stringify(c.logged)}`);
  const b = estimate(caseArgs(c, configDir).args).budget;
  for (const t of b.terms) console.log(`  - ${t.name} ${(t.bytes / 2 ** 30).toFixed(3)} GiB: ${t.explanation}`);
}
rmSync(configDir, { recursive: true, force: true });
