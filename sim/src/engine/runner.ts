import { performance } from "node:perf_hooks";
import type { EngineCore, Step } from "./core";
import type { RequestSpec, SeqState, TokenEvent } from "./request";

export type SeqListener = (event: TokenEvent | { aborted: true }) => void;

/**
 * Runs an engine core in real time. Each step ends at its model time (start + duration) and the
 * next one starts there, so timer lateness is absorbed instead of accumulating. Busy time is kept
 * for the GPU-utilisation figure the state directory publishes.
 */
export class RealTimeRunner {
  private readonly listeners = new Map<SeqState, SeqListener>();
  private timer: NodeJS.Timeout | undefined;
  private lastEndMs: number | undefined;
  private busyMs = 0;

  constructor(
    private readonly core: EngineCore,
    private readonly now: () => number = () => performance.now(),
  ) {
    core.observe({ finished: (seq, reason) => reason === "abort" && this.deliver(seq, { aborted: true }) });
  }

  submit(spec: RequestSpec, listener: SeqListener): SeqState {
    const seq = this.core.submit(spec, this.now());
    this.listeners.set(seq, listener);
    this.kick();
    return seq;
  }

  /** The client went away: stop generating and free the blocks. */
  cancel(seq: SeqState): void {
    this.listeners.delete(seq);
    this.core.abort(seq, this.now());
  }

  /** Milliseconds the simulated GPU has been busy since start. */
  get busyMilliseconds(): number {
    return this.busyMs;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private kick(): void {
    if (!this.timer) this.run();
  }

  private run(): void {
    const startMs = this.lastEndMs ?? this.now();
    const step = this.core.startStep(startMs);
    if (!step) {
      this.timer = undefined;
      this.lastEndMs = undefined;
      return;
    }
    const endMs = startMs + step.durationMs;
    this.timer = setTimeout(() => this.finishStep(step, endMs), Math.max(0, endMs - this.now()));
  }

  private finishStep(step: Step, endMs: number): void {
    this.busyMs += step.durationMs;
    this.lastEndMs = endMs;
    for (const event of this.core.endStep(step, endMs)) this.deliver(event.seq, event);
    this.run();
  }

  private deliver(seq: SeqState, event: TokenEvent | { aborted: true }): void {
    const listener = this.listeners.get(seq);
    if (!listener) return;
    if ("aborted" in event || event.finished) this.listeners.delete(seq);
    listener(event);
  }
}
