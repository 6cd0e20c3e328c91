import { join } from "node:path";
import type Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readXml } from "./src/smi/read-xml";
import {
  dockerReachable,
  removeTestContainers,
  runSimContainer,
  TEST_DOCKER_HOST,
  testDocker,
  waitForHealth,
} from "./test-support/docker";
import { checkExposition, lintKinds } from "./test-support/prom-check";

/**
 * The simulator image on a real Docker daemon (npm test brings one up). Built once per bundle hash.
 * Skips, saying why, only when no daemon answers.
 */
const docker: Docker = testDocker();
const unreachable = await dockerReachable(docker);
if (unreachable) console.warn(`\n!!! sim/image.test.ts SKIPPED: ${unreachable}\n`);

const json = async (url: string, body: unknown) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
};
const metric = (text: string, name: string): number => {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return line ? Number(line.split(" ").pop()) : NaN;
};

describe.skipIf(Boolean(unreachable))(`the fleetdeck-sim image on ${TEST_DOCKER_HOST}`, () => {
  beforeAll(async () => {
    const { ensureSimImage } = await import("./test-support/docker");
    await ensureSimImage(docker);
  }, 300_000);
  afterAll(() => removeTestContainers(docker));

  describe("vLLM face", () => {
    let base = "";
    let logs: () => Promise<string>;
    beforeAll(async () => {
      const sim = await runSimContainer(
        docker,
        ["vllm", "serve", "Qwen/Qwen2.5-1.5B-Instruct", "--max-model-len", "4096", "--num-gpu-blocks-override", "48"],
        { env: { FLEETDECK_SIM_GPU: "RTX 4090D" }, ports: [8000] },
      );
      base = `http://127.0.0.1:${sim.ports[8000]}`;
      logs = sim.logs;
      await waitForHealth(`${base}/health`);
    }, 60_000);

    it("logs vLLM's start-up lines with the KV cache it sized", async () => {
      const text = await logs();
      for (const line of [
        "Model loading took",
        "Available KV cache memory:",
        "GPU KV cache size: 768 tokens",
        "Maximum concurrency for 4,096 tokens per request: 0.19x",
        "Graph capturing finished",
        "Starting vLLM API server 0 on http://0.0.0.0:8000",
        "Application startup complete.",
      ])
        expect(text).toContain(line);
    });

    it("answers /v1/chat/completions with a server-sent-event stream ending in usage and [DONE]", async () => {
      const { status, text } = await json(`${base}/v1/chat/completions`, {
        model: "Qwen/Qwen2.5-1.5B-Instruct",
        messages: [{ role: "user", content: "Say hello" }],
        max_tokens: 8,
        stream: true,
        stream_options: { include_usage: true },
      });
      expect(status).toBe(200);
      const events = text
        .split("\n\n")
        .filter(Boolean)
        .map((e) => e.replace(/^data: /, ""));
      expect(events.at(-1)).toBe("[DONE]");
      const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
      expect(chunks[0].choices[0].delta.role).toBe("assistant");
      expect(chunks.filter((c) => c.choices[0]?.delta?.content).length).toBe(8);
      expect(chunks.at(-1).usage).toMatchObject({
        completion_tokens: 8,
        total_tokens: chunks.at(-1).usage.prompt_tokens + 8,
      });
    });

    it("serves /metrics that promtool parses, with vLLM 0.11's names, types and labels", async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      const check = checkExposition(text);
      expect(check.parseError).toBeUndefined();
      // The real vLLM has the same findings: colons in every name, vllm:iteration_tokens_total is a histogram.
      if (check.checker === "promtool")
        expect(lintKinds(check.lints)).toEqual([
          "metric names should not contain ':'",
          'non-counter metrics should not have "_total" suffix',
        ]);
      for (const [name, type] of [
        ["vllm:num_requests_running", "gauge"],
        ["vllm:num_requests_waiting", "gauge"],
        ["vllm:kv_cache_usage_perc", "gauge"],
        ["vllm:prompt_tokens_total", "counter"],
        ["vllm:generation_tokens_total", "counter"],
        ["vllm:num_preemptions_total", "counter"],
        ["vllm:time_to_first_token_seconds", "histogram"],
        ["vllm:inter_token_latency_seconds", "histogram"],
        ["vllm:e2e_request_latency_seconds", "histogram"],
        ["vllm:request_queue_time_seconds", "histogram"],
        ["vllm:cache_config_info", "gauge"],
      ])
        expect(text).toContain(`# TYPE ${name} ${type}`);
      expect(text).toMatch(/vllm:cache_config_info\{block_size="16",.*num_gpu_blocks="48",.*engine="0"\} 1\.0/);
      expect(text).toContain('vllm:num_requests_running{model_name="Qwen/Qwen2.5-1.5B-Instruct",engine="0"}');
      expect(text).not.toContain("vllm:gpu_cache_usage_perc");
    });

    it("fills the KV cache and the queue under concurrent load, preempts, and drains afterwards", async () => {
      let peak = { running: 0, waiting: 0, kv: 0 };
      let polling = true;
      const poller = (async () => {
        while (polling) {
          const text = await (await fetch(`${base}/metrics`)).text();
          peak = {
            running: Math.max(peak.running, metric(text, "vllm:num_requests_running")),
            waiting: Math.max(peak.waiting, metric(text, "vllm:num_requests_waiting")),
            kv: Math.max(peak.kv, metric(text, "vllm:kv_cache_usage_perc")),
          };
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const prompt = "Summarise the state of the fleet in detail. ".repeat(25);
      const results = await Promise.all(
        Array.from({ length: 12 }, () =>
          json(`${base}/v1/completions`, {
            model: "Qwen/Qwen2.5-1.5B-Instruct",
            prompt,
            max_tokens: 120,
            ignore_eos: true,
          }),
        ),
      );
      polling = false;
      await poller;
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
      expect(peak.waiting).toBeGreaterThan(0);
      expect(peak.running).toBeGreaterThan(0);
      expect(peak.kv).toBeGreaterThan(0.5);
      const after = await (await fetch(`${base}/metrics`)).text();
      expect(metric(after, "vllm:num_requests_running")).toBe(0);
      expect(metric(after, "vllm:num_requests_waiting")).toBe(0);
      expect(metric(after, "vllm:kv_cache_usage_perc")).toBe(0);
      expect(metric(after, "vllm:num_preemptions_total")).toBeGreaterThan(0);
      expect(metric(after, "vllm:generation_tokens_total")).toBeGreaterThanOrEqual(12 * 120 + 8);
    }, 60_000);
  });

  describe("TGI face", () => {
    it("listens on port 80 like the real image, streams /generate_stream and serves TGI's metrics", async () => {
      const sim = await runSimContainer(
        docker,
        ["text-generation-launcher", "--model-id", "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4"],
        {
          env: {
            FLEETDECK_SIM_GPU: "RTX 4090D",
            FLEETDECK_SIM_GPU_COUNT: "4",
            NVIDIA_VISIBLE_DEVICES: "0,1",
            MAX_INPUT_TOKENS: "4000",
          },
          ports: [80],
        },
      );
      const base = `http://127.0.0.1:${sim.ports[80]}`;
      await waitForHealth(`${base}/health`);
      const logs = await sim.logs();
      expect(logs).toContain("Sharding model on 2 processes");
      expect(logs).toMatch(/Starting shard rank=1/);
      expect(logs).toMatch(/Setting max batch total tokens to \d+/);
      expect(logs).toContain("Connected");
      const { text } = await json(`${base}/generate_stream`, {
        inputs: "What is a KV cache?",
        parameters: { max_new_tokens: 6 },
      });
      const events = text
        .split("\n\n")
        .filter(Boolean)
        .map((e) => JSON.parse(e.replace(/^data:/, "")));
      expect(events).toHaveLength(6);
      expect(events.at(-1)).toMatchObject({ details: { finish_reason: "length", generated_tokens: 6 } });
      expect((await (await fetch(`${base}/info`)).json()).max_input_tokens).toBe(4000);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      const check = checkExposition(metrics);
      expect(check.parseError).toBeUndefined();
      // The real TGI has the same findings: counters without _total, tgi_batch_inference_count, no HELP for tgi_batch_max_total_tokens.
      if (check.checker === "promtool")
        expect(lintKinds(check.lints)).toEqual([
          'counter metrics should have "_total" suffix',
          "no help text",
          'non-histogram and non-summary metrics should not have "_count" suffix',
        ]);
      for (const name of [
        "tgi_request_duration",
        "tgi_request_queue_duration",
        "tgi_batch_current_size",
        "tgi_queue_size",
        "tgi_batch_current_max_tokens",
        "tgi_batch_max_total_tokens",
        "tgi_request_generated_tokens",
        "tgi_request_count",
        "tgi_request_success",
        "tgi_request_mean_time_per_token_duration",
      ]) {
        expect(metrics).toMatch(new RegExp(`^# TYPE ${name} `, "m"));
      }
    }, 60_000);

    it("exits 2 with clap's message on the seed article's --quantize gptq_int4", async () => {
      const sim = await runSimContainer(docker, [
        "text-generation-launcher",
        "--model-id",
        "Qwen/Qwen2.5-7B-Instruct",
        "--max-input-length",
        "32768",
        "--max-total-tokens",
        "131072",
        "--quantize",
        "gptq_int4",
        "--tensor-parallel-size",
        "4",
      ]);
      const { StatusCode } = await sim.container.wait();
      expect(StatusCode).toBe(2);
      expect(await sim.logs()).toContain("error: invalid value 'gptq_int4' for '--quantize <QUANTIZE>'");
    }, 30_000);
  });

  describe("GPU exporter and nvidia-smi faces", () => {
    it("the exporter shows, per GPU of the host, what the engines sharing its state volume hold", async () => {
      const volume = `fleetdeck-sim-state-${process.pid}`;
      const shared = {
        FLEETDECK_SIM_GPU: "RTX 4090D",
        FLEETDECK_SIM_GPU_COUNT: "4",
        FLEETDECK_SIM_HOST: "box-7",
        FLEETDECK_SIM_STATE_DIR: "/state",
        FLEETDECK_SIM_STATE_INTERVAL_MS: "200",
      };
      const engine = await runSimContainer(
        docker,
        ["vllm", "serve", "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", "--max-model-len", "8192"],
        { env: { ...shared, NVIDIA_VISIBLE_DEVICES: "2" }, ports: [8000], binds: [`${volume}:/state`] },
      );
      const exporter = await runSimContainer(docker, ["gpu-exporter"], {
        env: shared,
        ports: [9400],
        binds: [`${volume}:/state`],
      });
      await waitForHealth(`http://127.0.0.1:${engine.ports[8000]}/health`);
      const held = Number(/GPU 2 \(GPU-[0-9a-f-]+, RTX 4090D 24GB\) holds ([\d.]+) GiB/.exec(await engine.logs())?.[1]);
      let text = "";
      for (let i = 0; i < 50 && !/DCGM_FI_DEV_FB_USED\{gpu="2"[^}]*\} [1-9]/.test(text); i++) {
        await new Promise((r) => setTimeout(r, 100));
        text = await fetch(`http://127.0.0.1:${exporter.ports[9400]}/metrics`)
          .then((r) => r.text())
          .catch(() => "");
      }
      const used = (gpu: number) =>
        Number(new RegExp(`DCGM_FI_DEV_FB_USED\\{gpu="${gpu}",[^}]*Hostname="box-7"[^}]*\\} (\\d+)`).exec(text)?.[1]);
      expect(Math.abs(used(2) - held * 1024)).toBeLessThan(12);
      expect([used(0), used(1), used(3)]).toEqual([0, 0, 0]);
      expect(checkExposition(text).parseError).toBeUndefined();
      await Promise.all([engine.container.remove({ force: true }), exporter.container.remove({ force: true })]);
      await docker.getVolume(volume).remove({ force: true });
    }, 60_000);

    it("nvidia-smi -q -x prints XML with the real structure, or a recorded fixture verbatim", async () => {
      const smi = await runSimContainer(docker, ["nvidia-smi", "-q", "-x"], {
        env: { FLEETDECK_SIM_GPU: "H100 80GB", FLEETDECK_SIM_GPU_COUNT: "2" },
      });
      await smi.container.wait();
      const out = (await smi.logs()).replace(/^fleetdeck-sim:.*\n/m, "");
      const elements = readXml(out);
      expect(elements.filter((e) => e.path === "nvidia_smi_log/gpu/product_name").map((e) => e.text)).toEqual([
        "NVIDIA H100 80GB HBM3",
        "NVIDIA H100 80GB HBM3",
      ]);
      const fixtures = join(import.meta.dirname, "fixtures");
      const recorded = await runSimContainer(docker, ["nvidia-smi", "-q", "-x"], {
        env: { FLEETDECK_SIM_NVIDIA_SMI_FIXTURE: "/fixtures/h200-nvidia-smi-q-busy.xml" },
        binds: [`${fixtures}:/fixtures:ro`],
      });
      await recorded.container.wait();
      expect(await recorded.logs()).toContain("<pid>432</pid>");
    }, 30_000);
  });
});
