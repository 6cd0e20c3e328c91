import { spawn } from "node:child_process";
import { freePort } from "./sim-host";

/** Debian's real prometheus-node-exporter on a loopback port, with the CPU, memory and network collectors only. */
export async function startNodeExporter(
  binary = "prometheus-node-exporter",
): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    binary,
    [
      `--web.listen-address=127.0.0.1:${port}`,
      "--collector.disable-defaults",
      "--collector.cpu",
      "--collector.meminfo",
      "--collector.netdev",
    ],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const failed = new Promise<never>((_, reject) =>
    child.once("error", (e) =>
      reject(new Error(`cannot start ${binary} (${e.message}): apt-get install prometheus-node-exporter`)),
    ),
  );
  const url = `http://127.0.0.1:${port}/metrics`;
  for (let i = 0; i < 100; i++) {
    const ok = await Promise.race([
      fetch(url).then(
        (r) => r.ok,
        () => false,
      ),
      failed,
    ]);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
