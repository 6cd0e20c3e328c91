import { readFileSync } from "node:fs";
import path from "node:path";
import type Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDockerClient, type DockerHandle } from "../docker/create-client";
import { parseDockerEndpoint } from "../docker/endpoint-schema";
import { useDocker2 } from "../testing/docker2-outage";
import { buildProbeTestImage } from "../testing/probe-test-image";
import { testHosts } from "../testing/test-env";
import { parseNvidiaSmiXml } from "./nvidia-smi-xml";
import { probeGpus, type GpuProbeResult } from "./probe";

const hosts = testHosts();
const FIXTURES = path.join(__dirname, "fixtures");
const fixtureFiles = ["h200-nvidia-smi-q-busy.xml", "dual-rtx-a5000.xml", "a100-sxm4-80gb-mig.xml"].map((name) =>
  path.join(FIXTURES, name),
);
const withFixture = (name: string) => [`FLEETDECK_SIM_NVIDIA_SMI_FIXTURE=/fixtures/${name}`];

// The first daemon over its socket; the second over TCP+TLS, as a remote host is reached.
const local = createDockerClient(parseDockerEndpoint({ url: hosts.docker }));
const remote = createDockerClient(
  parseDockerEndpoint({
    url: hosts.tls.url,
    tls: { caPem: hosts.tls.caPem, certPem: hosts.tls.certPem, keyPem: hosts.tls.keyPem },
  }),
);
let image = "";
let releaseDocker2: () => void = () => {};

beforeAll(async () => {
  releaseDocker2 = await useDocker2();
  const [first] = await Promise.all([
    buildProbeTestImage(local.docker, fixtureFiles),
    buildProbeTestImage(remote.docker, fixtureFiles),
  ]);
  image = first.image;
}, 300_000);

afterAll(() => {
  local.close();
  remote.close();
  releaseDocker2();
});

async function probeContainers(docker: Docker) {
  return docker.listContainers({ all: true, filters: { label: ["fleetdeck.probe=true"] } });
}

function reportOf(result: GpuProbeResult) {
  if (!result.ok) throw new Error(`probe failed at ${result.failure.step}: ${result.failure.message}`);
  return result.report;
}

function failureOf(result: GpuProbeResult) {
  if (result.ok) throw new Error(`expected the probe to fail, it found ${result.report.gpus.length} GPUs`);
  return result.failure;
}

describe("GPU probe in a real container", () => {
  it.each([
    ["the first daemon (unix socket)", local, "h200-nvidia-smi-q-busy.xml"],
    ["the second daemon (TCP+TLS)", remote, "dual-rtx-a5000.xml"],
  ] as Array<[string, DockerHandle, string]>)(
    "on %s: parses what the container printed and removes it",
    async (_, handle, fixture) => {
      const result = await probeGpus(handle.docker, {
        image,
        env: withFixture(fixture),
        gpus: "none",
        timeoutMs: 30_000,
      });
      expect(reportOf(result)).toEqual(parseNvidiaSmiXml(readFileSync(path.join(FIXTURES, fixture), "utf8")));
      expect(await probeContainers(handle.docker)).toEqual([]);
    },
  );

  it("labels the probe container fleetdeck.probe and fleetdeck.managed", async () => {
    const seen: Array<Record<string, string>> = [];
    const events = await local.docker.getEvents({
      filters: { type: ["container"], event: ["create"], label: ["fleetdeck.probe=true"] },
    });
    events.on("data", (chunk: Buffer) => seen.push(JSON.parse(chunk.toString()).Actor.Attributes));
    const result = await probeGpus(local.docker, { image, env: withFixture("a100-sxm4-80gb-mig.xml"), gpus: "none" });
    (events as unknown as { destroy(): void }).destroy();
    expect(reportOf(result).gpus[0]!.migDevices).toHaveLength(4);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ "fleetdeck.probe": "true", "fleetdeck.managed": "true", image });
  });

  it("reports a probe that exits non-zero, with its stderr, and removes the container", async () => {
    const failure = failureOf(await probeGpus(local.docker, { image, env: withFixture("missing.xml"), gpus: "none" }));
    expect(failure.step).toBe("exit");
    expect(failure.message).toMatch(/exited with [1-9]/);
    expect(failure.stderr).toMatch(/missing\.xml/);
    expect(await probeContainers(local.docker)).toEqual([]);
  });

  it("says the host cannot give GPUs to containers when asked for all GPUs without the NVIDIA runtime", async () => {
    const failure = failureOf(
      await probeGpus(local.docker, { image, env: withFixture("h200-nvidia-smi-q-busy.xml"), gpus: "all" }),
    );
    expect(failure.step).toBe("gpu-runtime");
    expect(failure.fix).toMatch(/NVIDIA Container Toolkit/);
    expect(await probeContainers(local.docker)).toEqual([]);
  });

  it("names a missing image", async () => {
    const failure = failureOf(await probeGpus(local.docker, { image: "fleetdeck-no-such-image:never", gpus: "none" }));
    expect(failure.step).toBe("image");
    expect(failure.fix).toContain("docker pull fleetdeck-no-such-image:never");
  });

  it("times out, and still removes the container once the daemon has created it", async () => {
    const failure = failureOf(
      await probeGpus(local.docker, {
        image,
        env: withFixture("h200-nvidia-smi-q-busy.xml"),
        gpus: "none",
        timeoutMs: 50,
      }),
    );
    expect(failure.step).toBe("timeout");
    const deadline = Date.now() + 15_000;
    let left = await probeContainers(local.docker);
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      left = await probeContainers(local.docker);
    }
    expect(left).toEqual([]);
  });
});
