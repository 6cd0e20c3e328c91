import Docker from "dockerode";
import pg from "pg";
import { describe, expect, it } from "vitest";

/** The harness (scripts/test-env.sh) must leave a real Docker daemon and a real Postgres answering. */
describe.skipIf(!process.env.FLEETDECK_TEST_DOCKER_HOST && !process.env.CI)("test environment", () => {
  it("has a Docker daemon on its private socket", async () => {
    const socketPath = process.env.FLEETDECK_TEST_DOCKER_HOST!.replace(/^unix:\/\//, "");
    const docker = new Docker({ socketPath });
    const version = await docker.version();
    expect(version.ApiVersion).toMatch(/^\d+\.\d+$/);
    expect(socketPath).not.toBe("/var/run/docker.sock");
  });

  it("has a PostgreSQL server on its private port", async () => {
    const client = new pg.Client({ connectionString: process.env.FLEETDECK_TEST_POSTGRES_URL });
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    await client.end();
    expect(rows[0]?.server_version).toMatch(/^\d+/);
  });
});
