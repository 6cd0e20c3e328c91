import "server-only";
import type { DbClient } from "../db";

type Named = { targetType: string; targetId: string | null; targetLabel: string | null };

/**
 * Names for audit targets recorded without one (rows written before targets carried their name): the user's name,
 * the layout's, the instance's key, the host's, the token's, the secret's, as they are now. Key: "type:id".
 */
export async function auditTargetNames(client: DbClient, rows: readonly Named[]): Promise<Map<string, string>> {
  const wanted = new Map<string, Set<string>>();
  for (const r of rows)
    if (!r.targetLabel && r.targetId)
      (wanted.get(r.targetType) ?? wanted.set(r.targetType, new Set()).get(r.targetType)!).add(r.targetId);
  const ids = (type: string) => [...(wanted.get(type) ?? [])];
  const names = new Map<string, string>();
  const add = (type: string, list: { id: string; name: string | null }[]) => {
    for (const row of list) if (row.name) names.set(`${type}:${row.id}`, row.name);
  };
  if (ids("user").length)
    add(
      "user",
      (
        await client.user.findMany({
          where: { id: { in: ids("user") } },
          select: { id: true, username: true, email: true },
        })
      ).map((u) => ({ id: u.id, name: u.username ?? u.email })),
    );
  if (ids("layout").length)
    add(
      "layout",
      await client.layout.findMany({ where: { id: { in: ids("layout") } }, select: { id: true, name: true } }),
    );
  if (ids("instance").length)
    add(
      "instance",
      (
        await client.instance.findMany({
          where: { id: { in: ids("instance") } },
          select: { id: true, instanceKey: true },
        })
      ).map((i) => ({ id: i.id, name: i.instanceKey })),
    );
  if (ids("host").length)
    add("host", await client.host.findMany({ where: { id: { in: ids("host") } }, select: { id: true, name: true } }));
  if (ids("api_token").length)
    add(
      "api_token",
      await client.apiToken.findMany({ where: { id: { in: ids("api_token") } }, select: { id: true, name: true } }),
    );
  if (ids("secret").length)
    add(
      "secret",
      await client.secret.findMany({ where: { id: { in: ids("secret") } }, select: { id: true, name: true } }),
    );
  return names;
}
