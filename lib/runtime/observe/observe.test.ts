import { describe, expect, it } from "vitest";
import type { ObservedContainer } from "../planner/types";
import { containerState, exitCodeFromStatus, healthFromStatus } from "./docker-status";
import { errorLine, progressLine, splitLines } from "./log-lines";
import { needsLogs, observeReplica } from "./observe-replica";

const container = (over: Partial<ObservedContainer> = {}): ObservedContainer => ({
  id: "c1",
  name: "fd-a",
  hostId: "h1",
  labels: null,
  state: "running",
  health: "starting",
  exitCode: null,
  createdAtMs: 0,
  hostPort: 8000,
  ...over,
});

const VLLM_LOADING = [
  "INFO 12-01 23:00:00 [__init__.py:216] Automatically detected platform cuda.",
  "(EngineCore_0 pid=31) INFO 12-01 23:00:01 [gpu_model_runner.py:2602] Starting to load model Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4...",
  "(EngineCore_0 pid=31) INFO 12-01 23:00:02 [kv_cache_utils.py:1087] GPU KV cache size: 659,408 tokens",
  "Capturing CUDA graphs (mixed prefill-decode, PIECEWISE): 100%|██████████| 67/67 [00:02<00:00, 24.41it/s]",
];

describe("docker ps status", () => {
  it("reads health and exit codes", () => {
    expect(healthFromStatus("Up 3 seconds (healthy)")).toBe("healthy");
    expect(healthFromStatus("Up 1 second (health: starting)")).toBe("starting");
    expect(healthFromStatus("Up 2 minutes (unhealthy)")).toBe("unhealthy");
    expect(healthFromStatus("Up 2 minutes")).toBeNull();
    expect(exitCodeFromStatus("Exited (137) 5 minutes ago")).toBe(137);
    expect(exitCodeFromStatus("Restarting (2) 1 second ago")).toBe(2);
    expect(exitCodeFromStatus("Up 1 second")).toBeNull();
    expect(containerState("restarting")).toBe("restarting");
    expect(containerState("something new")).toBe("dead");
  });
});

describe("engine log lines", () => {
  it("takes the newest start-up line without vLLM's prefix", () => {
    expect(progressLine(VLLM_LOADING)).toMatch(/^Capturing CUDA graphs/);
    expect(progressLine(VLLM_LOADING.slice(0, 3))).toBe("GPU KV cache size: 659,408 tokens");
    expect(progressLine(VLLM_LOADING.slice(0, 1))).toBeNull();
  });
  it("reads TGI's launcher lines", () => {
    const tgi = [
      '2025-01-01T00:00:00.000000Z  INFO text_generation_launcher: Args { model_id: "x" }',
      "2025-01-01T00:00:01.000000Z  INFO text_generation_launcher: Starting shard rank=0",
      "2025-01-01T00:00:03.000000Z  INFO text_generation_launcher: Waiting for shard to be ready... rank=0",
    ];
    expect(progressLine(tgi)).toBe("Waiting for shard to be ready... rank=0");
  });
  it("finds the engine's error line, not the traceback header", () => {
    expect(
      errorLine([
        "usage: vllm serve [model_tag] [options]",
        "vllm serve: error: unrecognized arguments: --no-such-flag",
      ]),
    ).toBe("vllm serve: error: unrecognized arguments: --no-such-flag");
    expect(errorLine(["Traceback (most recent call last):", "ValueError: bad config", ""])).toBe(
      "ValueError: bad config",
    );
    expect(errorLine(["all fine"])).toBeNull();
  });
  it("splits text into lines, keeping the last state of a progress bar", () => {
    expect(splitLines("a\r\nb 10%\rb 100%\nc\n")).toEqual(["a", "b 100%", "c"]);
  });
});

describe("observeReplica", () => {
  it("says unreachable, whatever else is known", () => {
    expect(
      observeReplica({ running: true, unreachable: "connect ECONNREFUSED", container: container() }),
    ).toMatchObject({
      state: "unreachable",
      detail: "connect ECONNREFUSED",
    });
  });
  it("goes creating → loading (with the engine's line) → healthy", () => {
    expect(observeReplica({ running: true, container: undefined }).state).toBe("creating");
    expect(
      observeReplica({ running: true, container: undefined, pulling: "pulling vllm/vllm-openai:v0.11.0" }).state,
    ).toBe("pulling");
    expect(observeReplica({ running: true, container: container(), logLines: VLLM_LOADING })).toMatchObject({
      state: "loading",
      detail: expect.stringMatching(/^Capturing CUDA graphs/),
    });
    expect(observeReplica({ running: true, container: container(), answers: true }).state).toBe("healthy");
    expect(observeReplica({ running: true, container: container({ health: "healthy" }), answers: false }).state).toBe(
      "healthy",
    );
  });
  it("reports an exit with its code, its error line and the log tail", () => {
    const lines = ["usage: …", "vllm serve: error: unrecognized arguments: --bogus"];
    expect(
      observeReplica({ running: true, container: container({ state: "restarting", exitCode: 2 }), logLines: lines }),
    ).toEqual({
      state: "exited",
      exitCode: 2,
      detail: "vllm serve: error: unrecognized arguments: --bogus",
      containerId: "c1",
      logTail: lines,
    });
  });
  it("shows a failure to act, and stopped or stopping when it should not run", () => {
    expect(
      observeReplica({ running: true, container: undefined, error: "image x is not on the allow-list" }),
    ).toMatchObject({
      state: "failed",
      detail: "image x is not on the allow-list",
    });
    expect(observeReplica({ running: false, container: container() }).state).toBe("stopping");
    expect(observeReplica({ running: false, container: container({ state: "exited" }) }).state).toBe("stopped");
    expect(observeReplica({ running: false, container: undefined }).state).toBe("stopped");
  });
  it("reads logs only while loading or after an exit", () => {
    expect(needsLogs(container(), true, undefined)).toBe(true);
    expect(needsLogs(container(), true, true)).toBe(false);
    expect(needsLogs(container({ health: "healthy" }), true, undefined)).toBe(false);
    expect(needsLogs(container({ state: "exited" }), true, undefined)).toBe(true);
    expect(needsLogs(container({ state: "exited" }), false, undefined)).toBe(false);
  });
});
