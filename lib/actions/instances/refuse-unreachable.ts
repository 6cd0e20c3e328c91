import "server-only";
import type { DbClient } from "../../queries/db";
import { listUnreachableHosts } from "../../queries/instances/list-unreachable-hosts";
import { ActionError } from "../../server/action-error";

/**
 * An action that changes what runs on a host the reconciler cannot reach is refused, saying why: its desired state
 * stays as it is, and the host converges to it when it is back.
 */
export async function refuseUnreachable(
  client: DbClient,
  hosts: readonly { id: string; name: string | null }[],
  what: string,
): Promise<void> {
  const down = await listUnreachableHosts(client, [...new Set(hosts.map((h) => h.id))]);
  if (down.size === 0) return;
  const [id, reason] = [...down][0]!;
  const name = hosts.find((h) => h.id === id)?.name ?? id;
  throw new ActionError(
    `Host ${name} is unreachable (${reason}), so ${what} was not changed: its instances keep their desired state and converge when the host is back. Check the host's Docker daemon and network, then try again.`,
    { status: 409 },
  );
}
