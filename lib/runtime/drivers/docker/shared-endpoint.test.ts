import { describe, expect, it } from "vitest";
import { dockerTestHost, newInstallationId } from "../../testing/docker-test-hosts";
import { DockerRuntime } from "./docker-runtime";

/**
 * Hosts registered on one Docker endpoint share one client. The reconciler keeps an events stream open per host for
 * its whole life; a pool of 4 sockets let four such streams take every connection, and then listing containers timed
 * out on every pass while the daemon still answered pings (the e2e live-metrics flake).
 */
describe("one Docker endpoint under several hosts' long-lived streams", () => {
  it("still lists containers while six hosts on it watch their events", { timeout: 60_000 }, async () => {
    const runtimes = Array.from({ length: 6 }, (_, i) => new DockerRuntime(dockerTestHost(1, `shared-endpoint-${i}`)));
    const watches = runtimes.map((r) => r.watch(() => {}));
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(watches.filter((w) => w.closed)).toEqual([]);
      const listed = await runtimes[0]!.list(newInstallationId());
      expect(listed).toEqual([]);
    } finally {
      for (const w of watches) w.close();
    }
  });
});
