import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type Docker from "dockerode";
import { SIM_IMAGE } from "../../../sim/build/image";
import { ensureSimImage } from "../../../sim/test-support/docker";

/**
 * Test helper: an image whose `nvidia-smi -q -x` prints the file named by FLEETDECK_SIM_NVIDIA_SMI_FIXTURE (the
 * simulator's nvidia-smi face does), with the given fixtures under /fixtures. Built FROM this checkout's
 * fleetdeck-sim:latest, rebuilt first when the daemon holds another bundle's: nothing can be pulled here.
 */
export const PROBE_TEST_IMAGE = "fleetdeck-probe-test:latest";

function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(dir, rel) : [rel];
  });
}

/** Builds PROBE_TEST_IMAGE on `docker` with `fixtures` (paths) under /fixtures. */
export async function buildProbeTestImage(docker: Docker, fixtures: string[]): Promise<{ image: string }> {
  await ensureSimImage(docker);
  const context = mkdtempSync(path.join(os.tmpdir(), "fleetdeck-probe-image-"));
  try {
    let dockerfile = `FROM ${SIM_IMAGE}\n`;
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
    return { image: PROBE_TEST_IMAGE };
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}
