import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { instanceSchema } from "../../../vocabulary/layout-schema";
import { buildContainerSpec, type ContainerSpec } from "../../spec/container-spec";
import { runtimeSettingsSchema } from "../../../vocabulary/runtime-settings";
import { freePort, newInstallationId, waitFor } from "../../testing/docker-test-hosts";
import { simBundlePath } from "../../testing/sim-bundle";
import { seed2x2, simulatedHost, specInput } from "../../testing/spec-fixtures";
import { sameProcess } from "./process-identity";
import { LocalSimRuntime } from "./local-sim-runtime";

/** The local-sim driver with the real simulator bundle as child processes. */

const dir = mkdtempSync(path.join(tmpdir(), "fleetdeck-local-sim-"));
const installationId = newInstallationId();
const bundlePath = simBundlePath();
const runtimes: LocalSimRuntime[] = [];
const open = () => {
  const runtime = new LocalSimRuntime({ hostId: "local", hostName: "local", dir, bundlePath });
  runtimes.push(runtime);
  return runtime;
};
const settings = runtimeSettingsSchema.parse({ simLoadSeconds: 0.5 });

async function spec(instanceKey: string, instance = seed2x2()[0]!): Promise<ContainerSpec> {
  const result = buildContainerSpec(
    specInput(instance, {
      installationId,
      key: { layoutId: "local-layout", instanceKey, replica: 0 },
      host: { ...simulatedHost, id: "local" },
      hostPort: await freePort(),
      settings,
    }),
  );
  if (!result.ok) throw new Error(result.error);
  return result.spec;
}

const healthy = (port: number) =>
  fetch(`http://127.0.0.1:${port}/health`).then(
    (r) => r.ok,
    () => false,
  );

afterAll(async () => {
  const last = open();
  for (const c of await last.list(installationId)) await last.remove(c.id);
  for (const r of runtimes) r.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("LocalSimRuntime", () => {
  it("runs the engine as a child process on a local port, captures its log, and answers /health", async () => {
    const runtime = open();
    const s = await spec("one");
    const id = await runtime.create(s);
    const [listed] = await runtime.list(installationId);
    expect(listed).toMatchObject({
      id,
      state: "running",
      name: s.name,
      labels: { instanceKey: "one", specHash: s.specHash },
    });
    await waitFor("the engine to answer /health", () => healthy(listed!.hostPort!));
    const lines = await runtime.logs(id, 100);
    expect(lines.some((l) => l.includes("GPU KV cache size"))).toBe(true);
    expect(await runtime.create(s)).toBe(id);
  });

  it("a restarted server adopts the engines that still run: same pid, no duplicate", async () => {
    const before = runtimes[0]!;
    const [running] = await before.list(installationId);
    before.close(); // the server goes away; its children keep running
    const after = open();
    const listed = await after.list(installationId);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: running!.id, state: "running" });
    expect(await healthy(listed[0]!.hostPort!)).toBe(true);
  });

  it("restarts an engine that dies (kill -9), like unless-stopped, and stays down once stopped", async () => {
    const runtime = runtimes.at(-1)!;
    const [c] = await runtime.list(installationId);
    const record = JSON.parse(
      await import("node:fs/promises").then((fs) => fs.readFile(path.join(dir, "procs", `${c!.id}.json`), "utf8")),
    ) as { pid: number; pidStart: string };
    process.kill(record.pid, "SIGKILL");
    await waitFor("the engine to be restarted", async () => {
      const [now] = await runtime.list(installationId);
      return now?.state === "running" && (await healthy(now.hostPort!));
    });
    expect(sameProcess(record.pid, record.pidStart)).toBe(false);
    await runtime.stop(c!.id);
    const [stopped] = await runtime.list(installationId);
    expect(stopped?.state).toBe("exited");
    expect(await healthy(stopped!.hostPort!)).toBe(false);
    await runtime.start(c!.id);
    await waitFor("the engine to be back", () => healthy(c!.hostPort!));
  });

  it("shows an engine that rejects its flags as crashing, with its exit code and error line", async () => {
    const runtime = runtimes.at(-1)!;
    const bad = instanceSchema.parse({ ...seed2x2()[0], quantization: "gptq_int4" });
    const id = await runtime.create(await spec("bad", bad));
    const crashed = await waitFor("the crash to be seen", async () =>
      (await runtime.list(installationId)).find((c) => c.id === id && c.exitCode !== null),
    );
    expect(crashed.exitCode).toBe(2);
    expect(["restarting", "running"]).toContain(crashed.state);
    const lines = await runtime.logs(id, 50);
    expect(lines.join("\n")).toMatch(/invalid choice: 'gptq_int4'/);
    await runtime.remove(id);
    expect((await runtime.list(installationId)).some((c) => c.id === id)).toBe(false);
  });

  it("follows the log file as the engine writes", async () => {
    const runtime = runtimes.at(-1)!;
    const tgi = instanceSchema.parse({
      id: "tgi",
      engine: "tgi",
      model: "Qwen/Qwen2.5-7B-Instruct",
      placement: { hostId: "x", gpuIndices: [3] },
    });
    const s = await spec("tgi", tgi);
    const result = buildContainerSpec(
      specInput(tgi, {
        installationId,
        key: { layoutId: "local-layout", instanceKey: "tgi", replica: 0 },
        host: { ...simulatedHost, id: "local" },
        gpuIndices: [3],
        hostPort: s.hostPort,
        settings,
      }),
    );
    if (!result.ok) throw new Error(result.error);
    const id = await runtime.create(result.spec);
    const controller = new AbortController();
    const seen: string[] = [];
    const timer = setTimeout(() => controller.abort(), 20_000);
    for await (const line of runtime.followLogs(id, { tail: 10, signal: controller.signal })) {
      seen.push(line);
      if (/Connected/.test(line)) controller.abort();
    }
    clearTimeout(timer);
    expect(seen.some((l) => /Connected/.test(l))).toBe(true);
  });
});
