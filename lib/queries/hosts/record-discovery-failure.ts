import "server-only";
import type { DbClient } from "../db";

/** Keeps why the last discovery failed; the GPUs found before stay as they were. */
export async function recordDiscoveryFailure(
  client: DbClient,
  hostId: string,
  failure: { step: string; message: string; fix: string },
): Promise<void> {
  await client.host.update({ where: { id: hostId }, data: { discoveryError: JSON.stringify(failure) } });
}
