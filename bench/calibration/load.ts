/** Reads the corpus: every bench/calibration/cases/*.json, parsed by the schema, sorted by id. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { caseSchema, type CalibrationCase } from "./schema";

export const CASES_DIR = join(import.meta.dirname, "cases");

export function caseFiles(dir = CASES_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => join(dir, name));
}

/** Parses one case file; the error names the file and every field that is wrong. */
export function loadCase(file: string): CalibrationCase {
  const parsed = caseSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(case)"}: ${issue.message}`);
    throw new Error(`${file}:\n  ${problems.join("\n  ")}`);
  }
  return parsed.data;
}

export function loadCorpus(dir = CASES_DIR): CalibrationCase[] {
  return caseFiles(dir)
    .map(loadCase)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
