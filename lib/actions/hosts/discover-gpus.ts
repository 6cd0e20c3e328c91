"use server";

import { findHost } from "../../queries/hosts/find-host";
import { recordDiscoveryFailure } from "../../queries/hosts/record-discovery-failure";
import { replaceHostGpus } from "../../queries/hosts/replace-host-gpus";
import { findHostSettings } from "../../queries/settings/find-host-settings";
import { db } from "../../queries/db";
import { type DiscoveryResult, discoverHostGpus } from "../../runtime/hosts/discover-host-gpus";
import { loadRuntimeHost, RuntimeHostError } from "../../runtime/hosts/load-runtime-hosts";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { hostIdInput } from "./inputs";

/**
 * Finds a host's GPUs (probe container, the simulator's nvidia-smi on simulated hosts, or dcgm-exporter) and keeps
 * them: index, UUID, name and catalog match, memory total and used, driver and CUDA version, what holds memory.
 */
export const discoverGpus = defineAction({
  name: "host.discover",
  input: hostIdInput,
  authorize: () => ({ action: "host.manage", resource: { type: "global" } }),
  prepare: async (input): Promise<DiscoveryResult> => {
    try {
      const host = await loadRuntimeHost(input.hostId);
      return discoverHostGpus(host, await findHostSettings(db()));
    } catch (error) {
      if (!(error instanceof RuntimeHostError)) throw error;
      const { message, fix } = error.problem;
      if (message.startsWith("there is no host")) throw new ActionError(`${message}: ${fix}.`, { status: 404 });
      return { ok: false, failure: { step: "credentials", message, fix }, durationMs: 0 };
    }
  },
  run: async (input, { tx, prepared }) => {
    const host = await findHost(tx, input.hostId);
    if (!host) throw new ActionError(`There is no host ${input.hostId}: reload the hosts list.`, { status: 404 });
    if (prepared.ok) {
      const { source, driverVersion, cudaVersion, gpus } = prepared;
      await replaceHostGpus(tx, host.id, { source, driverVersion, cudaVersion, gpus, at: new Date() });
    } else await recordDiscoveryFailure(tx, host.id, prepared.failure);
    const outcome = prepared.ok
      ? { ok: true, source: prepared.source, gpus: prepared.gpus.map((g) => `${g.index}: ${g.name}`) }
      : { ok: false, step: prepared.failure.step, message: prepared.failure.message };
    return { data: prepared, audit: { targetType: "host", targetId: host.id, after: { name: host.name, ...outcome } } };
  },
});
