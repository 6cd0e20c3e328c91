import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseExposition } from "./parse-exposition";
import type { ParsedExposition } from "./types";

const DIR = join(__dirname, "..", "fixtures");
const files = readdirSync(DIR).filter((f) => f.endsWith(".txt"));
const parseFixture = (file: string): ParsedExposition =>
  parseExposition(readFileSync(join(DIR, file), "utf8"), file.endsWith(".om.txt") ? "openmetrics" : "prometheus-text");
const sample = (p: ParsedExposition, name: string, labels: Record<string, string> = {}) =>
  p.families
    .flatMap((f) => f.samples)
    .find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

describe("every fixture parses", () => {
  it("has fixtures of every source", () => expect(files.length).toBeGreaterThanOrEqual(9));
  it.each(files)("%s", (file) => {
    const parsed = parseFixture(file);
    expect(parsed.families.length).toBeGreaterThan(0);
    expect(parsed.duplicates).toEqual([]);
    expect(readFileSync(join(__dirname, "..", "fixtures", "SOURCES.md"), "utf8")).toContain(file);
  });
});

describe("fixture values", () => {
  it("node_exporter: counters with labels, histogram-free gauges", () => {
    const p = parseFixture("node-exporter-1.5.txt");
    const family = p.families.find((f) => f.name === "node_cpu_seconds_total");
    expect(family?.type).toBe("counter");
    expect(family?.samples.some((s) => s.labels.mode === "idle")).toBe(true);
    expect(p.families.find((f) => f.name === "node_memory_MemAvailable_bytes")?.type).toBe("gauge");
  });

  it("prometheus: summaries with quantile samples and histograms with +Inf", () => {
    const p = parseFixture("prometheus-2.42.txt");
    const summary = p.families.find((f) => f.name === "go_gc_duration_seconds");
    expect(summary?.type).toBe("summary");
    expect(summary?.samples.map((s) => s.labels.quantile ?? s.name)).toContain("0.75");
    const histogram = p.families.find((f) => f.type === "histogram" && f.samples.some((s) => s.labels.le === "+Inf"));
    expect(histogram).toBeDefined();
  });

  it("dcgm-exporter: blanks inside the label set and an int64 sentinel value", () => {
    const p = parseFixture("dcgm-exporter-readme.txt");
    expect(sample(p, "DCGM_FI_DEV_SM_CLOCK", { gpu: "0" })?.labels.UUID).toBe(
      "GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52",
    );
    expect(sample(p, "DCGM_FI_DEV_MEMORY_TEMP")?.value).toBe(Number("9223372036854775794"));
  });

  it("vLLM: colon names, histogram buckets, the finished_reason counter", () => {
    const p = parseFixture("vllm-v1-design-doc.txt");
    expect(p.families.find((f) => f.name === "vllm:time_to_first_token_seconds")?.samples).toHaveLength(9);
    expect(sample(p, "vllm:request_success_total", { finished_reason: "length" })?.value).toBe(131);
    expect(sample(p, "http_requests_total", { status: "2xx" })?.value).toBe(201);
    expect(sample(parseFixture("vllm-0.7-v1-production-stack-318.txt"), "process_start_time_seconds")?.value).toBe(
      1742624005.57,
    );
  });

  it("TGI names: a label value holding quotes of another kind and braces", () => {
    const p = parseFixture("tgis-tgi-names-ibm-vllm-pr18.txt");
    expect(sample(p, "tgi_batch_inference_duration_bucket", { le: "0.02" })?.labels.method).toBe(
      "{'method': 'prefill'}",
    );
  });

  it("OpenMetrics parser test of Prometheus: timestamps in seconds, exemplars skipped, escapes, NUL bytes", () => {
    const p = parseFixture("prometheus-openmetrics-parser-test.om.txt");
    expect(sample(p, "go_goroutines")?.timestampMs).toBe(123123);
    expect(sample(p, "foo_total", { a: "b" })).toMatchObject({ value: 17, timestampMs: 1520879607789 });
    expect(sample(p, "hhh_bucket")?.value).toBe(1);
    expect(sample(p, "testmetric", { label: '"bar"' })?.value).toBe(1);
    expect(p.families.find((f) => f.name === "help2")?.help).toBe('escape \\ \n \\ " \\x chars');
    expect(p.families.find((f) => f.name === "go_gc_duration_seconds")?.unit).toBe("seconds");
    expect(sample(p, "null_byte_metric")?.labels.a).toBe("abc\u0000");
    expect(p.families.find((f) => f.name === "ss")?.type).toBe("stateset");
  });

  it("prometheus_client renders the same series in both formats", () => {
    const text = parseFixture("prometheus-client-vllm-names.txt");
    const om = parseFixture("prometheus-client-vllm-names.om.txt");
    const key = { model_name: "Qwen/Qwen2.5-7B-Instruct", engine: "0" };
    expect(sample(text, "vllm:generation_tokens_total", key)?.value).toBe(4843);
    expect(sample(om, "vllm:generation_tokens_total", key)?.value).toBe(4843);
    expect(om.families.find((f) => f.name === "vllm:generation_tokens")?.type).toBe("counter");
    expect(sample(om, "vllm:time_to_first_token_seconds_bucket", { le: "0.06" })?.value).toBe(3);
    expect(sample(om, "fleetdeck_fixture_build_info")?.labels).toEqual({
      note: "line one\nline two",
      path: 'C:\\models\\"qwen"',
    });
    expect(om.families.find((f) => f.name === "fleetdeck_fixture_build")?.type).toBe("info");
    expect(sample(om, "fleetdeck_fixture_sleep_state", { fleetdeck_fixture_sleep_state: "awake" })?.value).toBe(1);
  });
});
