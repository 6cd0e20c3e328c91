import { hostname } from "node:os";
import type { SimEnv } from "../env";
import { DEFAULT_STATE_STALE_MS } from "../face";
import { visibleGpus } from "../gpu/from-env";
import type { SimHost } from "../gpu/host";
import { gpuStatus } from "../gpu/live";
import { listen, sendText, serve } from "../http";
import type { LineSink } from "../log";
import { readEntries } from "../state/state-dir";
import { renderDcgm } from "./dcgm";

export const DCGM_EXPORTER_VERSION = "4.4.1-4.6.0";

/** dcgm-exporter's flags the simulator reads (urfave/cli): --address/-a ":9400", --no-hostname/-n; others are accepted and ignored. */
function readArgs(args: readonly string[]): { address: string; noHostname: boolean } | { error: string } {
  let address = process.env.DCGM_EXPORTER_LISTEN ?? ":9400";
  let noHostname = process.env.DCGM_EXPORTER_NO_HOSTNAME === "true";
  const takesValue = new Set([
    "-a",
    "--address",
    "-f",
    "--collectors",
    "-c",
    "--collect-interval",
    "-d",
    "--devices",
    "--kubernetes-gpu-id-type",
    "--configmap-data",
    "--remote-hostengine-info",
    "--web-config-file",
  ]);
  const bare = new Set([
    "-k",
    "--kubernetes",
    "-n",
    "--no-hostname",
    "-r",
    "--use-old-namespace",
    "--debug",
    "--enable-dcgm-log",
  ]);
  for (let i = 0; i < args.length; i++) {
    const [flag = "", inline] = args[i]!.split(/=(.*)/s, 2);
    if (takesValue.has(flag)) {
      const value = inline ?? args[++i];
      if (value === undefined) return { error: `flag needs an argument: ${flag}` };
      if (flag === "-a" || flag === "--address") address = value;
    } else if (bare.has(flag)) {
      if (flag === "-n" || flag === "--no-hostname") noHostname = true;
    } else return { error: `flag provided but not defined: ${flag}` };
  }
  return { address, noHostname };
}

/** `gpu-exporter`: dcgm-exporter on :9400, every GPU of the host, fed by the state directory. */
export async function runExporter(
  args: readonly string[],
  env: SimEnv,
  host: SimHost,
  sink: LineSink,
): Promise<number> {
  const options = readArgs(args);
  const log = (level: string, msg: string) =>
    sink.out(`time="${new Date().toISOString()}" level=${level} msg="${msg}"`);
  if ("error" in options) {
    sink.err(`Incorrect Usage: ${options.error}`);
    return 1;
  }
  const gpus = visibleGpus(host, { NVIDIA_VISIBLE_DEVICES: env.NVIDIA_VISIBLE_DEVICES ?? "all" });
  const name = env.FLEETDECK_SIM_HOST ?? hostname();
  const started = Date.now();
  const energy = gpus.map(() => 0);
  let lastScrape = started;
  log("info", `Starting dcgm-exporter Version=${DCGM_EXPORTER_VERSION}`);
  log("info", "DCGM successfully initialized!");
  log("info", `Collecting DCP Metrics`);
  for (const gpu of gpus) {
    log(
      "info",
      `Initializing system entities of type: GPU ${gpu.index} ${gpu.spec.smiName ?? gpu.spec.name} ${gpu.uuid}`,
    );
  }
  const metrics = () => {
    const now = Date.now();
    const entries = env.FLEETDECK_SIM_STATE_DIR
      ? readEntries(env.FLEETDECK_SIM_STATE_DIR, now, env.FLEETDECK_SIM_STATE_STALE_MS ?? DEFAULT_STATE_STALE_MS)
      : [];
    const rows = gpus.map((gpu, i) => {
      const status = gpuStatus(gpu, entries);
      // W × ms = mJ, on top of a day at idle power "since boot".
      energy[i] = energy[i]! + status.powerW * (now - lastScrape);
      return { gpu, status, energyMj: energy[i]! + gpu.traits.idlePowerW * 86_400_000 };
    });
    lastScrape = now;
    return renderDcgm(rows, options.noHostname ? undefined : name, env.FLEETDECK_SIM_DRIVER_VERSION);
  };
  const server = serve(
    {
      "GET /metrics": (_req, res) => sendText(res, 200, metrics(), "text/plain; version=0.0.4; charset=utf-8"),
      "GET /health": (_req, res) => sendText(res, 200, "OK"),
    },
    (_req, res) => sendText(res, 404, "404 page not found\n"),
    (res) => sendText(res, 400, "bad request\n"),
  );
  const [listenHost = "", port = "9400"] = options.address.split(/:(?=[^:]*$)/);
  await listen(server, Number(port), listenHost || "0.0.0.0");
  log("info", `Starting webserver`);
  log("info", `Listening on address=[::]:${port}`);
  return new Promise<number>(() => {});
}
