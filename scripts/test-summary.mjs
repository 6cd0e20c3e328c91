#!/usr/bin/env node
// Adds up vitest's and Playwright's JSON reports and prints the one closing line CI reads:
// "N passed, N failed" (", N skipped" when any were skipped). A missing report counts as a failure.
import { existsSync, readFileSync } from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0,
  failed = 0,
  skipped = 0;
const problems = [];

if (existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, "utf8"));
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0) + (v.numFailedTestSuites && !v.numFailedTests ? v.numFailedTestSuites : 0);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} else problems.push(`no unit-test report at ${vitestFile}`);

if (existsSync(playwrightFile)) {
  const s = JSON.parse(readFileSync(playwrightFile, "utf8")).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  if ((s.expected ?? 0) + (s.unexpected ?? 0) + (s.flaky ?? 0) === 0) problems.push("Playwright ran no test");
} else problems.push(`no browser-test report at ${playwrightFile}`);

for (const p of problems) console.error(`test-summary: ${p}`);
failed += problems.length;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
