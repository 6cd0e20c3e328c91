import "server-only";
import path from "node:path";
import { endpointFingerprint } from "../docker/client-cache";
import type { RuntimeHost } from "../hosts/runtime-host";
import { DockerRuntime } from "./docker/docker-runtime";
import type { HostRuntime } from "./host-runtime";
import { LocalSimRuntime } from "./local-sim/local-sim-runtime";

export interface RuntimeFactoryOptions {
  /** FLEETDECK_DATA_DIR: local-sim keeps its records, logs and simulator state under <dataDir>/local-sim/<host>. */
  dataDir: string;
  simBundlePath: string;
}

export type RuntimeFactory = ((host: RuntimeHost) => HostRuntime) & { closeAll(): void };

/** One driver per host, kept across passes (image pulls, event streams and local processes live in it). */
export function createRuntimeFactory(options: RuntimeFactoryOptions): RuntimeFactory {
  const runtimes = new Map<string, HostRuntime>();
  const keyOf = (host: RuntimeHost) =>
    host.kind === "docker" && host.endpoint
      ? `${host.id}|${endpointFingerprint(host.endpoint)}`
      : `${host.id}|local-sim`;
  const factory = (host: RuntimeHost): HostRuntime => {
    const key = keyOf(host);
    let runtime = runtimes.get(key);
    if (!runtime) {
      for (const [other, old] of runtimes) {
        if (other.startsWith(`${host.id}|`)) {
          old.close();
          runtimes.delete(other);
        }
      }
      runtime =
        host.kind === "local-sim"
          ? new LocalSimRuntime({
              hostId: host.id,
              hostName: host.name,
              dir: path.join(options.dataDir, "local-sim", host.id.replace(/[^A-Za-z0-9_.-]/g, "_")),
              bundlePath: options.simBundlePath,
            })
          : new DockerRuntime(host);
      runtimes.set(key, runtime);
    }
    return runtime;
  };
  return Object.assign(factory, {
    closeAll() {
      for (const runtime of runtimes.values()) runtime.close();
      runtimes.clear();
    },
  });
}
