import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDocker2 } from "../../lib/runtime/testing/docker2-outage";
import { testHosts } from "../../lib/runtime/testing/test-env";
import { addInput, parseGpuCount, run } from "./hosts";

/** `fleetdeck hosts …` spawned for real on a fresh SQLite database, against the harness's daemons. */
const exec = promisify(execFile);
const env = testHosts();
const dir = mkdtempSync(path.join(tmpdir(), "fleetdeck-cli-hosts-"));
const vars = {
  ...process.env,
  DATABASE_URL: `file:${path.join(dir, "cli.db")}`,
  FLEETDECK_DATA_DIR: dir,
  LOG_LEVEL: "silent",
  PASS: env.ssh.passphrase,
};

let releaseDocker2: () => void = () => {};
beforeAll(async () => {
  releaseDocker2 = await useDocker2();
}, 300_000);
afterAll(() => releaseDocker2());

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(
      "npx",
      ["tsx", "--conditions=react-server", "cli/index.ts", "hosts", ...args],
      {
        env: vars,
        timeout: 60_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("fleetdeck hosts (spawned CLI, local database)", { timeout: 180_000 }, () => {
  it("adds hosts over the socket and SSH, labels, tests, discovers, lists and removes them", async () => {
    expect(await cli("add", "d1", "--url", env.docker, "--labels", "team=a")).toMatchObject({ code: 0 });
    const sshKey = process.env.FLEETDECK_TEST_SSH_PASSPHRASE_KEY ?? path.resolve(".test-env/ssh/client-passphrase");
    const ssh = await cli(
      "add",
      "d2",
      "--url",
      env.ssh.url,
      "--ssh-key",
      sshKey,
      "--ssh-passphrase-env",
      "PASS",
      "--ssh-host-key",
      env.ssh.hostKeySha256,
    );
    expect(ssh).toMatchObject({ code: 0, stdout: expect.stringMatching(/^added d2 \(id [0-9a-f-]{36}\)/) });
    expect(await cli("add", "sim", "--local-sim", "--sim-gpus", "2xrtx-4090d")).toMatchObject({ code: 0 });

    const tested = await cli("test", "d2");
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/^Docker \d+\.\d+.* \(API 1\.\d+\) on /);
    expect(tested.stdout).toMatch(/NVIDIA runtime: not registered; rtt [\d.]+ ms/);

    expect(await cli("label", "d2", "team=b,zone=lab")).toMatchObject({ code: 0 });
    const discovered = await cli("discover", "sim");
    expect(discovered.stdout).toMatch(/^2 GPU\(s\) via the catalog/);

    expect((await cli("list")).stdout).toMatch(
      /^sim \(local simulated host\) {2}local .*GPUs: \[0\] NVIDIA GeForce RTX 4090 D/m,
    );
    const listed = JSON.parse((await cli("list", "--json")).stdout) as Array<Record<string, unknown>>;
    expect(listed.map((h) => [h.name, h.labels])).toEqual([
      ["d1", { team: "a" }],
      ["d2", { team: "b", zone: "lab" }],
      ["sim", {}],
    ]);
    expect(JSON.stringify(listed)).not.toContain("PRIVATE KEY");

    expect(await cli("remove", "d1")).toMatchObject({ code: 0, stdout: "removed d1\n" });
  });

  it("refuses what the server refuses, with the reason", async () => {
    const plain = await cli("add", "naked", "--url", "tcp://10.0.0.7:2375");
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/without TLS: .*plain TCP is allowed on loopback only/);
    expect((await cli("test", "nope")).stderr).toMatch(/there is no host "nope"/);
  });

  it("exits 2 on bad usage, before touching the database", async () => {
    expect(await run(["add", "x", "--tls-ca"])).toBe(2);
    expect(await run(["add", "x", "--url", "unix:///x", "--tls-ca", "a.pem"])).toBe(2);
    expect(await run(["frobnicate"])).toBe(2);
    expect(await run([])).toBe(2);
  });
});

describe("argument parsing", () => {
  it("reads COUNTxGPU and custom memory", () => {
    expect(parseGpuCount("4xrtx-4090d", "sim-gpus")).toEqual({ count: 4, gpuId: "rtx-4090d" });
    expect(parseGpuCount("1×custom:48GiB", "declare")).toEqual({ count: 1, gpuId: "custom", memoryBytes: "48GiB" });
    expect(() => parseGpuCount("lots", "declare")).toThrow(/write COUNTxGPU/);
    expect(addInput("h", { url: "unix:///x", declare: "2xh100-sxm" })).toMatchObject({
      kind: "docker",
      endpoint: { url: "unix:///x" },
      declaredGpus: { count: 2, gpuId: "h100-sxm" },
    });
  });
});
