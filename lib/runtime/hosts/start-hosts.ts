import "server-only";
import { log } from "../../server/log";
import { registerDefaultHosts } from "./default-hosts";
import { type HostHealthService, startHostHealthService } from "./health-service";

const holder = globalThis as typeof globalThis & { __fleetdeckHostHealth?: HostHealthService };

/** At server start: the default hosts on a first start, then the health poller (once per process). */
export async function startHosts(dockerHosts: readonly string[]): Promise<void> {
  try {
    await registerDefaultHosts({ dockerHosts });
  } catch (err) {
    log.error({ err }, "registering the default hosts failed; add hosts in Settings → Hosts");
  }
  holder.__fleetdeckHostHealth ??= startHostHealthService();
}
