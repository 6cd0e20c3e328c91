import { describe, expect, it } from "vitest";
import { migrate } from "../../migrations";
import { tempSqliteUrl } from "../../migrations/testing/test-databases";
import { createDb } from "../../queries/db";
import { useDocker2 } from "../testing/docker2-outage";
import { testHosts } from "../testing/test-env";

/** The first start's hosts, on fresh SQLite databases, against the harness's real daemons. */
const env = testHosts();

async function freshDatabase() {
  const url = tempSqliteUrl();
  await migrate(url);
  return createDb(url);
}

describe("default hosts on the first start", () => {
  it("offers the local simulated host, clearly marked, when no daemon answers; once", async () => {
    const client = await freshDatabase();
    const db = () => client;
    const { registerDefaultHosts } = await import("./default-hosts");
    const { listHosts } = await import("../../queries/hosts/list-hosts");
    const nothing = "unix:///run/fleetdeck-test/no-such-daemon.sock";
    expect(await registerDefaultHosts({ client, dockerHosts: [nothing] })).toEqual({ registered: ["local-simulated"] });
    const [host] = await listHosts(db());
    expect(host).toMatchObject({
      name: "local-simulated",
      kind: "local-sim",
      labels: { simulated: "true" },
      simulatedGpus: { gpuId: "rtx-4090d", count: 4 },
    });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "host.add" } });
    expect(audit.actorLabel).toBe("fleetdeck (first start)");
    // Removed later, it is not brought back.
    await db().host.deleteMany();
    expect(await registerDefaultHosts({ client, dockerHosts: [nothing] })).toEqual({ registered: [] });
    expect(await listHosts(db())).toEqual([]);
  });

  it("registers the daemons of DOCKER_HOSTS that answer without credentials instead", {
    timeout: 300_000,
  }, async () => {
    const client = await freshDatabase();
    const db = () => client;
    const { registerDefaultHosts } = await import("./default-hosts");
    const { listHosts } = await import("../../queries/hosts/list-hosts");
    const release = await useDocker2();
    const result = await registerDefaultHosts({ client, dockerHosts: [env.docker, env.docker2, env.tls.url] }).finally(
      release,
    );
    expect(result).toEqual({ registered: ["docker", "docker2"] });
    expect((await listHosts(db())).map((h) => [h.name, h.kind, h.endpoint])).toEqual([
      ["docker", "docker", env.docker],
      ["docker2", "docker", env.docker2],
    ]);
  });
});
