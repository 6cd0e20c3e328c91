import type { EngineCore } from "../engine/core";
import type { VllmLog } from "../log";

const INTERVAL_MS = 10_000;

/** vLLM's LoggingStatLogger: every 10 s, per engine, throughput and queue state (silent while idle). */
export class VllmStatsLog {
  private readonly prompt: number[];
  private readonly generation: number[];
  private readonly lastActive: boolean[];

  constructor(
    private readonly cores: readonly EngineCore[],
    private readonly log: VllmLog,
  ) {
    this.prompt = cores.map(() => 0);
    this.generation = cores.map(() => 0);
    this.lastActive = cores.map(() => false);
    cores.forEach((core, i) => {
      core.observe({
        stepEnded: (batch, _s, _e, events) => {
          this.prompt[i]! += batch.work.prefillTokens;
          this.generation[i]! += events.length;
        },
      });
    });
  }

  start(): void {
    setInterval(() => this.report(), INTERVAL_MS).unref();
  }

  private report(): void {
    this.cores.forEach((core, i) => {
      const active = this.prompt[i]! > 0 || this.generation[i]! > 0;
      if (active || this.lastActive[i]) {
        const s = core.scheduler;
        this.log.info(
          "loggers.py:123",
          `Engine ${String(i).padStart(3, "0")}: Avg prompt throughput: ${(this.prompt[i]! / 10).toFixed(1)} tokens/s, Avg generation throughput: ${(this.generation[i]! / 10).toFixed(1)} tokens/s, Running: ${s.running.length} reqs, Waiting: ${s.waiting.length} reqs, GPU KV cache usage: ${(s.pool.usage * 100).toFixed(1)}%, Prefix cache hit rate: 0.0%`,
        );
      }
      this.lastActive[i] = active;
      this.prompt[i] = 0;
      this.generation[i] = 0;
    });
  }
}
