import type { RequestSpec, SeqState, TokenEvent } from "./request";
import type { Batch, Scheduler } from "./scheduler";
import { stepSeconds, type TimingModel } from "./timing";

/** What the engine's metrics see: the face (vLLM or TGI) turns these into its own series. */
export interface EngineObserver {
  arrived?(seq: SeqState, nowMs: number): void;
  stepEnded?(batch: Batch, startMs: number, endMs: number, events: TokenEvent[]): void;
  finished?(seq: SeqState, reason: "stop" | "length" | "abort", endMs: number): void;
}

export interface Step {
  batch: Batch;
  startMs: number;
  durationMs: number;
}

/**
 * One engine core, clock-free: the caller asks for the next step at a time, waits its duration
 * (real time in a server, virtual time in the seed comparison) and then ends it.
 */
export class EngineCore {
  private readonly observers: EngineObserver[] = [];

  constructor(
    readonly scheduler: Scheduler,
    readonly timing: TimingModel,
  ) {}

  observe(observer: EngineObserver): void {
    this.observers.push(observer);
  }

  submit(spec: RequestSpec, nowMs: number): SeqState {
    const seq: SeqState = { spec, arrivalMs: nowMs, computed: 0, generated: 0, blocks: 0, preemptions: 0 };
    this.scheduler.add(seq);
    this.observers.forEach((o) => {
      o.arrived?.(seq, nowMs);
    });
    return seq;
  }

  abort(seq: SeqState, nowMs: number): void {
    if (seq.generated >= seq.spec.outputTokens) return;
    this.scheduler.finish(seq);
    this.observers.forEach((o) => {
      o.finished?.(seq, "abort", nowMs);
    });
  }

  get idle(): boolean {
    return this.scheduler.idle;
  }

  /** The next step, or undefined when nothing can run (idle, or the head of the queue can never fit). */
  startStep(nowMs: number): Step | undefined {
    const batch = this.scheduler.schedule(nowMs);
    if (batch.items.length === 0) {
      const stuck = this.scheduler.running.length === 0 ? this.scheduler.waiting[0] : undefined;
      if (stuck) this.abort(stuck, nowMs);
      return undefined;
    }
    return { batch, startMs: nowMs, durationMs: stepSeconds(this.timing, batch.work) * 1000 };
  }

  endStep(step: Step, endMs: number): TokenEvent[] {
    const events = this.scheduler.complete(step.batch, endMs);
    this.observers.forEach((o) => {
      o.stepEnded?.(step.batch, step.startMs, endMs, events);
    });
    for (const event of events) {
      if (event.finished)
        this.observers.forEach((o) => {
          o.finished?.(event.seq, event.finished!, endMs);
        });
    }
    return events;
  }
}
