import "server-only";
import type { LoadTestResult } from "../../metrics/load-test/load-test-result";
import { db } from "../db";
import { failInterruptedLoadTests } from "./fail-interrupted-load-tests";
import { finishLoadTestRun } from "./finish-load-test-run";
import { loadTestRunExists } from "./load-test-run-exists";

/** The load test registry's writes on the server's client (it runs outside any request). */
export function loadTestQueries() {
  return {
    finish: (
      id: string,
      outcome: { status: "finished" | "failed" | "cancelled"; results: LoadTestResult | null; error: string | null },
    ) => finishLoadTestRun(db(), id, outcome),
    failInterrupted: (startedBefore: Date) => failInterruptedLoadTests(db(), startedBefore),
    exists: (id: string) => loadTestRunExists(db(), id),
  };
}

export type LoadTestQueries = ReturnType<typeof loadTestQueries>;
