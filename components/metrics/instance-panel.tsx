"use client";

import type { NamedSeriesId } from "@/lib/metrics/series-catalog";
import { TimeSeriesChart } from "./time-series-chart";
import type { SeriesData } from "./use-series";

export const INSTANCE_SERIES: NamedSeriesId[] = [
  "instance.kv_cache.usage",
  "instance.requests.running",
  "instance.requests.waiting",
  "instance.tokens.prompt.rate",
  "instance.tokens.generation.rate",
  "instance.ttft.p50",
  "instance.ttft.p95",
  "instance.ttft.p99",
  "instance.itl.p50",
  "instance.itl.p95",
  "instance.itl.p99",
  "instance.preemptions.rate",
  "instance.errors.rate",
];

/** The seed's target: "P99 per-token latency < 1 s". */
const P99_TARGET_SECONDS = 1;

const named = (name: string) => () => name;

/** One instance: KV cache, queue, token rates, TTFT and inter-token latency percentiles, preemptions, errors. */
export function InstancePanel({ data }: { data: SeriesData }) {
  const s = data.byId;
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <TimeSeriesChart
        title="KV cache used"
        testId="instance-kv"
        unit="ratio"
        yMax={1}
        lines={[{ name: "kv", result: s["instance.kv_cache.usage"] }]}
      />
      <TimeSeriesChart
        title="Requests running and waiting"
        testId="instance-requests"
        unit="requests"
        lines={[
          { name: "running", result: s["instance.requests.running"], nameOf: named("running") },
          { name: "waiting", result: s["instance.requests.waiting"], nameOf: named("waiting") },
        ]}
      />
      <TimeSeriesChart
        title="Tokens per second"
        testId="instance-tokens"
        unit="tokens/s"
        lines={[
          { name: "generated", result: s["instance.tokens.generation.rate"], nameOf: named("generated") },
          { name: "prompt", result: s["instance.tokens.prompt.rate"], nameOf: named("prompt") },
        ]}
      />
      <TimeSeriesChart
        title="Time to first token"
        testId="instance-ttft"
        unit="seconds"
        lines={(["p50", "p95", "p99"] as const).map((p) => ({
          name: p,
          result: s[`instance.ttft.${p}`],
          nameOf: named(p),
        }))}
      />
      <TimeSeriesChart
        title="Inter-token latency"
        testId="instance-itl"
        unit="seconds"
        lines={(["p50", "p95", "p99"] as const).map((p) => ({
          name: p,
          result: s[`instance.itl.${p}`],
          nameOf: named(p),
        }))}
        references={[{ y: P99_TARGET_SECONDS, label: "P99 target < 1 s", color: "#dc2626" }]}
      />
      <TimeSeriesChart
        title="Preemptions and errors per second"
        testId="instance-preemptions"
        unit="events/s"
        lines={[
          { name: "preemptions", result: s["instance.preemptions.rate"], nameOf: named("preemptions") },
          { name: "errors", result: s["instance.errors.rate"], nameOf: named("failed requests") },
        ]}
      />
    </div>
  );
}
