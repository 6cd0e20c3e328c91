import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { builtInModels } from "../../lib/catalog/models";
import { COVERAGE_FILE, coverageMarkdown, README_FILE, readmeWithCounts } from "./coverage";
import { unevidencedFigures, unevidencedSampler, unstatedSettings } from "./evidence";
import { caseFiles, loadCase } from "./load";
import { assignSplit, holdoutOf, readFirstDraw, SPLIT_SEED, sideOfLaterCase } from "./split";
import { caseSchema, type CalibrationCase } from "./schema";

const files = caseFiles();
const cases = files.map(loadCase);
const usable = cases.filter((c) => c.usable);
const catalogIds = new Set(builtInModels().map((m) => m.id));

/** What a case needs before a fit may use it: a version, a GPU, a model shape and a figure to compare with. */
function missingForUse(c: CalibrationCase): string[] {
  const missing: string[] = [];
  if (c.engineVersion === null) missing.push("engineVersion");
  if (c.gpu.name === null && c.gpu.memoryGiB === null) missing.push("gpu.name or gpu.memoryGiB");
  if (c.model.catalogId === undefined && c.model.config === undefined) missing.push("model.catalogId or model.config");
  const l = c.logged;
  const targets = [
    l.kvCacheTokens,
    l.availableKvGiB,
    l.gpuBlocks,
    l.noFitKvTokens,
    l.noFitAvailableGiB,
    l.maxBatchTotalTokens,
    l.tgiNoFitTotalTokens,
  ];
  if (targets.every((t) => t === undefined))
    missing.push("a KV figure (tokens, blocks, available GiB or TGI max batch total tokens)");
  return missing;
}

describe("calibration corpus", () => {
  it("has a case file per id, each valid against the schema", () => {
    expect(files.length).toBeGreaterThan(0);
    for (const [i, c] of cases.entries()) expect(basename(files[i]!)).toBe(`${c.id}.json`);
  });

  it("copies every logged figure from a labelled log line", () => {
    const problems = cases
      .map((c) => [c.id, unevidencedFigures(c)] as const)
      .filter(([, missing]) => missing.length > 0);
    expect(problems).toEqual([]);
  });

  it("takes every numeric setting from the command, the engine config or a log line", () => {
    const problems = cases.map((c) => [c.id, unstatedSettings(c)] as const).filter(([, missing]) => missing.length > 0);
    expect(problems).toEqual([]);
  });

  it("records the sampler only where a log line says which one ran", () => {
    expect(cases.map((c) => unevidencedSampler(c) && `${c.id}: ${unevidencedSampler(c)}`).filter(Boolean)).toEqual([]);
  });

  it("marks a case usable only when it has a version, a GPU, a model shape and a KV figure", () => {
    const problems = usable.map((c) => [c.id, missingForUse(c)] as const).filter(([, missing]) => missing.length > 0);
    expect(problems).toEqual([]);
  });

  it("names only catalog models as catalogId, and records config.json for a catalog model only through catalogId", () => {
    const unknownCatalogIds = cases.filter(
      (c) => c.model.catalogId !== undefined && !catalogIds.has(c.model.catalogId),
    );
    expect(unknownCatalogIds.map((c) => `${c.id}: ${c.model.catalogId}`)).toEqual([]);
    const catalogModelsGivenAsConfig = cases.filter(
      (c) => c.model.catalogId === undefined && catalogIds.has(c.model.id),
    );
    expect(catalogModelsGivenAsConfig.map((c) => `${c.id}: ${c.model.id}`)).toEqual([]);
  });

  it("reaches the size issue 16 asks for: 80 usable start-ups, 15 of them TGI", () => {
    expect(usable.length).toBeGreaterThanOrEqual(80);
    expect(usable.filter((c) => c.engine === "tgi").length).toBeGreaterThanOrEqual(15);
  });

  it("holds the split: the frozen first draw, then each later case by its own id", () => {
    const expected = assignSplit(cases);
    expect(Object.fromEntries(usable.map((c) => [c.id, c.split]))).toEqual(Object.fromEntries(expected));
  });

  it("keeps every case of the first draw on its side, and usable", () => {
    const byId = new Map(cases.map((c) => [c.id, c]));
    const moved = [...readFirstDraw()].filter(([id, side]) => byId.get(id)?.split !== side).map(([id]) => id);
    expect(moved).toEqual([]);
  });

  it("has COVERAGE.md and README counts generated from the current data", () => {
    expect(readFileSync(COVERAGE_FILE, "utf8")).toBe(coverageMarkdown(cases));
    const readme = readFileSync(README_FILE, "utf8");
    expect(readme).toBe(readmeWithCounts(readme, cases));
  });
});

describe("split", () => {
  const ids = Array.from({ length: 30 }, (_, i) => `case-${i}`);

  it("draws the same holdout from the same seed, whatever the input order", () => {
    expect(holdoutOf(ids, SPLIT_SEED)).toEqual(holdoutOf([...ids].reverse(), SPLIT_SEED));
    expect(holdoutOf(ids, SPLIT_SEED).size).toBe(10);
  });

  it("draws a different holdout from another seed", () => {
    expect(holdoutOf(ids, SPLIT_SEED + 7)).not.toEqual(holdoutOf(ids, SPLIT_SEED));
  });

  it("sides a later case by its id alone, about a third held out", () => {
    const many = Array.from({ length: 3000 }, (_, i) => `later-case-${i}`);
    const held = many.filter((id) => sideOfLaterCase(id) === "holdout").length;
    expect(held / many.length).toBeGreaterThan(0.3);
    expect(held / many.length).toBeLessThan(0.37);
    expect(many.map((id) => sideOfLaterCase(id))).toEqual([...many].map((id) => sideOfLaterCase(id)));
  });
});

describe("case schema", () => {
  const valid = cases.find((c) => c.usable)!;

  it("rejects a usable case without a split, naming the field", () => {
    const { split: _split, ...withoutSplit } = valid;
    const result = caseSchema.safeParse(withoutSplit);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toContain("split");
  });

  it("rejects a rejected case without whyNot", () => {
    const { split: _split, ...rest } = valid;
    const result = caseSchema.safeParse({ ...rest, usable: false });
    expect(result.error!.issues.map((i) => i.path.join("."))).toContain("whyNot");
  });

  it("rejects an unknown logged field and a non-https source", () => {
    expect(caseSchema.safeParse({ ...valid, logged: { ...valid.logged, kvTokens: 1 } }).success).toBe(false);
    expect(caseSchema.safeParse({ ...valid, source: "http://example.com/log" }).success).toBe(false);
  });
});

describe("evidence check", () => {
  const valid = cases.find((c) => c.usable && c.logged.kvCacheTokens !== undefined)!;

  it("flags a figure that no log line carries", () => {
    const tampered = { ...valid, logged: { ...valid.logged, kvCacheTokens: valid.logged.kvCacheTokens! + 16 } };
    expect(unevidencedFigures(tampered)).toEqual([`kvCacheTokens=${valid.logged.kvCacheTokens! + 16}`]);
  });

  it("flags a setting the command does not state", () => {
    expect(unstatedSettings({ ...valid, settings: { ...valid.settings, maxNumSeqs: 987_654 } })).toEqual([
      "maxNumSeqs=987654",
    ]);
  });

  it("flags a sampler no log line names, and takes the one a line names", () => {
    const lines = [...valid.logLines, "INFO [topk_topp_sampler.py:50] Using FlashInfer for top-p & top-k sampling."];
    const flashinfer = { ...valid, settings: { ...valid.settings, flashinferSampler: true } };
    expect(unevidencedSampler(flashinfer)).toBe("flashinferSampler=true");
    expect(unevidencedSampler({ ...flashinfer, logLines: lines })).toBeUndefined();
    expect(unevidencedSampler({ ...flashinfer, logLines: lines, settings: { flashinferSampler: false } })).toBe(
      "flashinferSampler=false",
    );
  });
});
