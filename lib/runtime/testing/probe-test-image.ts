import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type Docker from "dockerode";

/**
 * Test helper: an image whose `nvidia-smi -q -x` prints the file named by FLEETDECK_SIM_NVIDIA_SMI_FIXTURE, with
 * the given fixtures under /fixtures. Built FROM fleetdeck-sim:latest when that image is on the daemon (its
 * nvidia-smi face does this), else FROM scratch with dash, cat and their libraries, so the probe test runs a real
 * container either way. Nothing can be pulled here: both bases are local.
 */
export const PROBE_TEST_IMAGE = "fleetdeck-probe-test:latest";
export const SIM_IMAGE = "fleetdeck-sim:latest";

const NVIDIA_SMI_DOUBLE = `#!/bin/sh
# nvidia-smi test double: prints the fixture named by FLEETDECK_SIM_NVIDIA_SMI_FIXTURE, whatever the arguments.
[ -n "$FLEETDECK_SIM_NVIDIA_SMI_FIXTURE" ] || { echo "nvidia-smi (test double): FLEETDECK_SIM_NVIDIA_SMI_FIXTURE is not set" >&2; exit 9; }
exec cat "$FLEETDECK_SIM_NVIDIA_SMI_FIXTURE"
`;

function librariesOf(binary: string): string[] {
  return execFileSync("ldd", [binary], { encoding: "utf8" })
    .split("\n")
    .map((line) => /(\/\S+) \(0x/.exec(line)?.[1])
    .filter((lib): lib is string => lib !== undefined);
}

function copyInto(root: string, from: string, to = from) {
  mkdirSync(path.join(root, path.dirname(to)), { recursive: true });
  copyFileSync(from, path.join(root, to));
  chmodSync(path.join(root, to), statSync(from).mode & 0o777);
}

function scratchContext(context: string) {
  const root = path.join(context, "root");
  copyInto(root, "/usr/bin/dash", "/bin/sh");
  copyInto(root, "/bin/cat", "/bin/cat");
  for (const lib of new Set([...librariesOf("/usr/bin/dash"), ...librariesOf("/bin/cat")])) copyInto(root, lib);
  mkdirSync(path.join(root, "usr/bin"), { recursive: true });
  writeFileSync(path.join(root, "usr/bin/nvidia-smi"), NVIDIA_SMI_DOUBLE, { mode: 0o755 });
  return "FROM scratch\nCOPY root/ /\nENV PATH=/usr/bin:/bin\n";
}

function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(dir, rel) : [rel];
  });
}

async function hasImage(docker: Docker, name: string): Promise<boolean> {
  return docker
    .getImage(name)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

/** Builds PROBE_TEST_IMAGE on `docker` with `fixtures` (paths) under /fixtures; returns the base it used. */
export async function buildProbeTestImage(
  docker: Docker,
  fixtures: string[],
): Promise<{ image: string; base: "fleetdeck-sim" | "scratch" }> {
  const context = mkdtempSync(path.join(os.tmpdir(), "fleetdeck-probe-image-"));
  try {
    const useSim = await hasImage(docker, SIM_IMAGE);
    let dockerfile = useSim ? `FROM ${SIM_IMAGE}\n` : scratchContext(context);
    mkdirSync(path.join(context, "fixtures"));
    for (const fixture of fixtures) copyFileSync(fixture, path.join(context, "fixtures", path.basename(fixture)));
    dockerfile += "COPY fixtures/ /fixtures/\n";
    writeFileSync(path.join(context, "Dockerfile"), dockerfile);
    const stream = await docker.buildImage(
      { context, src: filesUnder(context) },
      { t: PROBE_TEST_IMAGE, rm: true, forcerm: true },
    );
    const output = await new Promise<Array<{ error?: string }>>((resolve, reject) =>
      docker.modem.followProgress(stream, (error, result) => (error ? reject(error) : resolve(result))),
    );
    const failed = output.find((line) => line.error);
    if (failed) throw new Error(`building ${PROBE_TEST_IMAGE} failed: ${failed.error}`);
    return { image: PROBE_TEST_IMAGE, base: useSim ? "fleetdeck-sim" : "scratch" };
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}
