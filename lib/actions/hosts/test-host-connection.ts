"use server";

import { findHost } from "../../queries/hosts/find-host";
import { recordEngineFacts } from "../../queries/hosts/record-engine-facts";
import { testConnection, type TestConnectionResult } from "../../runtime/docker/test-connection";
import { loadRuntimeHost, RuntimeHostError } from "../../runtime/hosts/load-runtime-hosts";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { hostIdInput } from "./inputs";

export type HostConnectionTest = (TestConnectionResult & { simulated?: false }) | { ok: true; simulated: true };

/**
 * Connects to the host and says what its daemon is (engine and API version, OS, CPUs, memory, cgroup and storage
 * drivers, the NVIDIA runtime, round-trip time) or which step failed, in words. The facts are kept on the host.
 */
export const testHostConnection = defineAction({
  name: "host.test",
  input: hostIdInput,
  authorize: () => ({ action: "host.manage", resource: { type: "global" } }),
  prepare: async (input): Promise<HostConnectionTest> => {
    let host: Awaited<ReturnType<typeof loadRuntimeHost>>;
    try {
      host = await loadRuntimeHost(input.hostId);
    } catch (error) {
      if (!(error instanceof RuntimeHostError)) throw error;
      const { message, fix } = error.problem;
      if (message.startsWith("there is no host")) throw new ActionError(`${message}: ${fix}.`, { status: 404 });
      return { ok: false, failure: { step: "credentials", message, fix, timedOut: false } };
    }
    if (host.kind === "local-sim" || !host.endpoint) return { ok: true, simulated: true };
    return testConnection(host.endpoint, { timeoutMs: 10_000 });
  },
  run: async (input, { tx, prepared }) => {
    const host = await findHost(tx, input.hostId);
    if (!host) throw new ActionError(`There is no host ${input.hostId}: reload the hosts list.`, { status: 404 });
    if (prepared.ok && !prepared.simulated) await recordEngineFacts(tx, host.id, prepared.engine, new Date());
    const outcome = !prepared.ok
      ? { ok: false, step: prepared.failure.step, message: prepared.failure.message }
      : prepared.simulated
        ? { ok: true, simulated: true }
        : { ok: true, engineVersion: prepared.engine.engineVersion, rttMs: prepared.rttMs };
    return { data: prepared, audit: { targetType: "host", targetId: host.id, after: { name: host.name, ...outcome } } };
  },
});
