import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Docker from "dockerode";
import { bundleSim } from "./bundle";
import { buildRootfs, IMAGE_BUNDLE, IMAGE_NODE } from "./rootfs";

export const SIM_IMAGE = "fleetdeck-sim:latest";
export const HASH_LABEL = "fleetdeck.sim.bundle-sha256";

export interface BuiltImage {
  tag: string;
  id: string;
  sizeBytes: number;
  bundleSha256: string;
  reused: boolean;
}

export function dockerfile(bundleSha256: string): string {
  return [
    "FROM scratch",
    "COPY rootfs/ /",
    // The TGI image sets PORT=80; vLLM and the exporter do not read it.
    "ENV PORT=80 PATH=/usr/local/bin:/usr/bin:/bin",
    "EXPOSE 80 8000 9400",
    `LABEL ${HASH_LABEL}="${bundleSha256}" org.opencontainers.image.title="fleetdeck-sim"`,
    `ENTRYPOINT ["${IMAGE_NODE}", "${IMAGE_BUNDLE}"]`,
    "",
  ].join("\n");
}

async function currentImage(
  docker: Docker,
  tag: string,
): Promise<{ id: string; size: number; hash?: string } | undefined> {
  try {
    const info = await docker.getImage(tag).inspect();
    return { id: info.Id, size: info.Size, hash: info.Config?.Labels?.[HASH_LABEL] };
  } catch {
    return undefined;
  }
}

/**
 * Builds `fleetdeck-sim:latest` FROM scratch on the daemon of DOCKER_HOST (dockerode's default):
 * node, the libraries ldd lists, the bundle and the command wrappers. Skips the build when the image
 * already carries this bundle's hash, unless `force`.
 */
export async function buildSimImage(
  options: { docker?: Docker; tag?: string; force?: boolean } = {},
): Promise<BuiltImage> {
  const docker = options.docker ?? new Docker();
  const tag = options.tag ?? SIM_IMAGE;
  const context = mkdtempSync(join(tmpdir(), "fleetdeck-sim-image-"));
  try {
    const bundle = await bundleSim(join(context, "sim.mjs"));
    const existing = await currentImage(docker, tag);
    if (!options.force && existing?.hash === bundle.sha256)
      return { tag, id: existing.id, sizeBytes: existing.size, bundleSha256: bundle.sha256, reused: true };
    buildRootfs(join(context, "rootfs"), bundle.path);
    writeFileSync(join(context, "Dockerfile"), dockerfile(bundle.sha256));
    const stream = await docker.buildImage(
      { context, src: ["Dockerfile", "rootfs"] },
      { t: tag, rm: true, forcerm: true },
    );
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => {
        const failed = error?.message ?? output.find((line) => line.error)?.error;
        if (failed) reject(new Error(`docker build of ${tag} failed: ${failed}`));
        else resolve();
      }),
    );
    const built = await currentImage(docker, tag);
    if (!built) throw new Error(`docker build of ${tag} reported success but the image is missing`);
    // The previous build, now untagged, would otherwise pile up; one still used by a container stays.
    if (existing && existing.id !== built.id)
      await docker
        .getImage(existing.id)
        .remove()
        .catch(() => undefined);
    return { tag, id: built.id, sizeBytes: built.size, bundleSha256: bundle.sha256, reused: false };
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const where = process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
  try {
    const image = await buildSimImage({ force: process.argv.includes("--force") });
    const mib = (image.sizeBytes / 2 ** 20).toFixed(1);
    console.log(
      `${image.tag} ${image.reused ? "is up to date" : "built"} on ${where}: ${image.id.slice(7, 19)}, ${mib} MiB, bundle sha256 ${image.bundleSha256.slice(0, 12)}`,
    );
  } catch (error) {
    console.error(
      `sim:image: ${(error as Error).message} (DOCKER_HOST=${where}; set DOCKER_HOST to a reachable daemon, e.g. unix:///run/fleetdeck-test/docker.sock after scripts/test-env.sh up)`,
    );
    process.exit(1);
  }
}
