import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Where the bundle lives in the image, and the command names that run it like the real tools. */
export const IMAGE_BUNDLE = "/opt/fleetdeck-sim/sim.mjs";
export const IMAGE_NODE = "/usr/bin/node";
export const COMMAND_NAMES = [
  "vllm",
  "python3",
  "python",
  "text-generation-launcher",
  "gpu-exporter",
  "dcgm-exporter",
  "nvidia-smi",
] as const;

/**
 * The shared libraries `ldd` lists for a binary: "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)"
 * and the loader "/lib64/ld-linux-x86-64.so.2 (0x…)"; the vDSO has no file.
 */
export function parseLdd(output: string): string[] {
  const paths: string[] = [];
  for (const line of output.split("\n")) {
    const arrow = /=>\s+(\/\S+)\s+\(0x/.exec(line);
    const bare = /^\s*(\/\S+)\s+\(0x/.exec(line);
    const path = arrow?.[1] ?? bare?.[1];
    if (path && !paths.includes(path)) paths.push(path);
  }
  return paths;
}

/** A multi-call wrapper: `--entrypoint nvidia-smi` runs the bundle as if its first word were nvidia-smi. */
export const wrapperScript = (name: string): string =>
  `#!${IMAGE_NODE}\nprocess.argv.splice(2, 0, ${JSON.stringify(name)});\nimport(${JSON.stringify(IMAGE_BUNDLE)});\n`;

/** Lays out the image's files under `root`: node, the libraries ldd names (symlinks resolved), the bundle, the wrappers. */
export function buildRootfs(root: string, bundlePath: string, nodePath = process.execPath): string[] {
  const files: string[] = [];
  const place = (source: string, target: string, mode: number) => {
    const destination = join(root, target);
    mkdirSync(dirname(destination), { recursive: true });
    copyFileSync(realpathSync(source), destination);
    chmodSync(destination, mode);
    files.push(target);
  };
  place(nodePath, IMAGE_NODE, 0o755);
  for (const lib of parseLdd(execFileSync("ldd", [realpathSync(nodePath)], { encoding: "utf8" })))
    place(lib, lib, 0o755);
  place(bundlePath, IMAGE_BUNDLE, 0o644);
  for (const name of COMMAND_NAMES) {
    const target = `/usr/bin/${name}`;
    writeFileSync(join(root, target), wrapperScript(name), { mode: 0o755 });
    files.push(target);
  }
  // glibc without nsswitch.conf asks DNS first and stops at NXDOMAIN; the container's own name is in /etc/hosts.
  mkdirSync(join(root, "etc"), { recursive: true });
  writeFileSync(join(root, "etc", "nsswitch.conf"), "hosts: files dns\n");
  files.push("/etc/nsswitch.conf");
  mkdirSync(join(root, "tmp"), { recursive: true });
  chmodSync(join(root, "tmp"), 0o1777);
  return files;
}
