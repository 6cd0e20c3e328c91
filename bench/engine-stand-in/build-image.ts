import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type Docker from "dockerode";

/** The stand-in engine image of the reconcile bench, built FROM scratch with gcc's static binary (nothing is pulled). */
export const STAND_IN_IMAGE = "fleetdeck-bench-engine:latest";

export async function buildStandInImage(docker: Docker): Promise<string> {
  const context = mkdtempSync(path.join(os.tmpdir(), "fleetdeck-stand-in-"));
  try {
    mkdirSync(path.join(context, "root"));
    execFileSync("gcc", [
      "-static",
      "-Os",
      "-o",
      path.join(context, "root", "engine"),
      path.join(import.meta.dirname, "stand-in.c"),
    ]);
    mkdirSync(path.join(context, "root", "usr", "bin"), { recursive: true });
    copyFileSync(path.join(context, "root", "engine"), path.join(context, "root", "usr", "bin", "node"));
    chmodSync(path.join(context, "root", "usr", "bin", "node"), 0o755);
    writeFileSync(
      path.join(context, "Dockerfile"),
      'FROM scratch\nCOPY root/ /\nEXPOSE 8000\nENTRYPOINT ["/engine"]\n',
    );
    const stream = await docker.buildImage(
      { context, src: ["Dockerfile", "root/engine", "root/usr/bin/node"] },
      { t: STAND_IN_IMAGE, rm: true, forcerm: true },
    );
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
        const failed = error?.message ?? output.find((o) => o.error)?.error;
        if (failed) reject(new Error(`building ${STAND_IN_IMAGE}: ${failed}`));
        else resolve();
      }),
    );
    return STAND_IN_IMAGE;
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}
