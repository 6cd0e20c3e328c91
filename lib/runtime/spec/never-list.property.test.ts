import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { engineArgs } from "../../engines";
import { arbitraryHost, arbitraryInstance, arbitrarySettings, specInput } from "../testing/spec-fixtures";
import { buildContainerSpec } from "./container-spec";
import { dockerCreateOptions } from "./docker-create-options";
import { imageAllowed } from "./image-policy";

/**
 * Whatever the instance, host and settings, the container fleetdeck asks Docker for is never privileged, never on
 * the host network, has no added capabilities or devices, binds no host path but the allow-listed cache, runs an
 * allow-listed image with the engine's argument array (no shell), and restarts unless stopped.
 */
describe("the never list", () => {
  it("holds for every spec the builder accepts", () => {
    fc.assert(
      fc.property(
        arbitraryInstance,
        arbitraryHost,
        arbitrarySettings,
        fc.nat(5),
        (instance, host, settings, replica) => {
          const input = specInput(instance, {
            host,
            settings,
            key: { layoutId: "L", instanceKey: instance.id, replica },
          });
          const result = buildContainerSpec(input);
          if (!result.ok) {
            expect(result.error).toMatch(/allow-list/);
            return;
          }
          const options = dockerCreateOptions(result.spec);
          const hc = options.HostConfig!;
          expect(hc.Privileged).toBe(false);
          expect(hc.NetworkMode).toBe("bridge");
          expect(hc.CapAdd).toEqual([]);
          expect(hc.Devices).toBeUndefined();
          expect(hc.Binds).toBeUndefined();
          expect(hc.PidMode).toBeUndefined();
          expect(hc.UsernsMode).toBeUndefined();
          expect(hc.SecurityOpt).toEqual(["no-new-privileges:true"]);
          expect(hc.RestartPolicy?.Name).toBe("unless-stopped");
          const binds = (hc.Mounts ?? []).filter((m) => m.Type === "bind").map((m) => m.Source);
          const allowedBinds = settings.hfCache.kind === "host-path" ? settings.hfCacheAllowedPaths : [];
          for (const source of binds) expect(allowedBinds).toContain(source);
          for (const m of hc.Mounts ?? []) expect(["bind", "volume"]).toContain(m.Type);
          expect(imageAllowed(options.Image!, settings.imageAllowList)).toBe(true);
          expect((options as { Entrypoint?: unknown }).Entrypoint).toBeUndefined();
          expect(options.Cmd).toEqual(engineArgs(instance));
          expect(Object.keys(hc.PortBindings ?? {})).toHaveLength(1);
          if (host.simulatedGpus) expect(hc.DeviceRequests).toBeUndefined();
          else expect(hc.DeviceRequests?.[0]?.DeviceIDs).toHaveLength(instance.tp);
        },
      ),
      { numRuns: 400 },
    );
  });
});
