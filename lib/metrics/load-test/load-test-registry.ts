import "server-only";
import { ActionError } from "../../server/action-error";
import { log } from "../../server/log";
import { LOAD_TEST_LIMITS, type LoadTestParams } from "./load-test-params";
import type { LoadTestProgress, LoadTestResult } from "./load-test-result";
import { type LoadTestTarget as RunnerTarget, runLoadTest } from "./run-load-test";

export interface LoadTestStore {
  finish(
    id: string,
    outcome: { status: "finished" | "failed" | "cancelled"; results: LoadTestResult | null; error: string | null },
  ): Promise<void>;
  failInterrupted(startedBefore: Date): Promise<number>;
  /** Whether the run's row is committed (a run starts only then, so its end always finds it). */
  exists(id: string): Promise<boolean>;
}

const COMMIT_WAIT_MS = 10_000;
/** Longer than any run may last: its time bound, the drain of in-flight requests and the wait for its record. */
const LONGEST_RUN_MS = (LOAD_TEST_LIMITS.maxDurationSeconds + 60) * 1000 + COMMIT_WAIT_MS;

interface Job {
  instanceId: string;
  progress: LoadTestProgress | null;
  controller: AbortController;
  done: Promise<void>;
}

/** Load tests at once across the server: each one is real traffic from this process. */
export const MAX_RUNNING_LOAD_TESTS = 2;

/**
 * The load tests this server process runs: at most one per instance and MAX_RUNNING_LOAD_TESTS in all, each with
 * live progress, stored when it ends. Runs left "running" longer than any run may last (their server stopped) are
 * marked failed whenever runs are listed or started.
 */
export class LoadTestRegistry {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly store: LoadTestStore,
    private readonly run: typeof runLoadTest = runLoadTest,
  ) {}

  /** Marks failed the runs whose server stopped mid-test. */
  sweep(): Promise<void> {
    return this.store
      .failInterrupted(new Date(Date.now() - LONGEST_RUN_MS))
      .then((n) => void (n > 0 && log.warn({ runs: n }, "load tests whose server stopped marked failed")))
      .catch((err: unknown) => log.error({ err }, "marking interrupted load tests failed"));
  }

  /** Throws an ActionError (409) when the instance is already under test or too many tests run. */
  assertCanStart(instanceId: string): void {
    const running = [...this.jobs.values()];
    if (running.some((j) => j.instanceId === instanceId))
      throw new ActionError("A load test is already running on this instance: wait for it to end, or stop it.", {
        status: 409,
      });
    if (running.length >= MAX_RUNNING_LOAD_TESTS)
      throw new ActionError(
        `${running.length} load tests are running already (at most ${MAX_RUNNING_LOAD_TESTS} at once): wait for one to end.`,
        { status: 409 },
      );
  }

  start(runId: string, instanceId: string, target: RunnerTarget, params: LoadTestParams): void {
    this.assertCanStart(instanceId);
    const controller = new AbortController();
    const job: Job = { instanceId, progress: null, controller, done: Promise.resolve() };
    this.jobs.set(runId, job);
    job.done = this.committed(runId)
      .then((ok) => {
        if (!ok) throw new Error("its record was never committed");
        return this.run({ target, params, signal: controller.signal, onProgress: (p) => (job.progress = p) });
      })
      .then(
        (results) =>
          this.store.finish(runId, {
            status: controller.signal.aborted ? "cancelled" : "finished",
            results,
            error: null,
          }),
        (err: unknown) =>
          this.store.finish(runId, {
            status: "failed",
            results: null,
            error: err instanceof Error ? err.message : String(err),
          }),
      )
      .catch((err: unknown) => log.error({ err, runId }, "recording a load test's end failed"))
      .finally(() => this.jobs.delete(runId));
  }

  private async committed(runId: string): Promise<boolean> {
    const deadline = Date.now() + COMMIT_WAIT_MS;
    while (Date.now() < deadline) {
      if (await this.store.exists(runId)) return true;
      await new Promise((r) => setTimeout(r, 25));
    }
    return false;
  }

  progress(runId: string): LoadTestProgress | null {
    return this.jobs.get(runId)?.progress ?? null;
  }

  isRunning(runId: string): boolean {
    return this.jobs.has(runId);
  }

  /** Stops a running test; it ends as "cancelled" with what it measured. False when it is not running here. */
  cancel(runId: string): boolean {
    const job = this.jobs.get(runId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  /** Waits for a run to be stored (tests, shutdown). */
  async settled(runId: string): Promise<void> {
    await this.jobs.get(runId)?.done;
  }
}
