import "server-only";
import type { EngineFacts } from "../../vocabulary/hosts";
import type { DbClient } from "../db";

/** Keeps what the daemon said at the last Test connection; its CPUs and memory become the host's. */
export async function recordEngineFacts(client: DbClient, hostId: string, facts: EngineFacts, at: Date): Promise<void> {
  await client.host.update({
    where: { id: hostId },
    data: {
      engineFacts: JSON.stringify(facts),
      engineCheckedAt: at,
      cpuCores: facts.cpus,
      ramBytes: BigInt(facts.memoryBytes),
    },
  });
}
