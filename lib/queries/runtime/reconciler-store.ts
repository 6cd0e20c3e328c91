import "server-only";
import { db } from "../db";
import { findSetting } from "../settings/find-setting";
import { acquireLease, type LeaseRequest } from "./acquire-lease";
import { ensureInstallationId } from "./ensure-installation-id";
import { listDesiredReplicas } from "./list-desired-replicas";
import { type ReplicaObservationChange, recordReplicaObservations } from "./record-replica-observations";
import { clearReplicaFailures, recordReplicaFailure } from "./record-replica-outcome";
import { releaseLease } from "./release-lease";
import { RUNTIME_SETTINGS_KEY } from "../../vocabulary/runtime-settings";

export { RUNTIME_SETTINGS_KEY } from "../../vocabulary/runtime-settings";

/**
 * The reconciler's queries on the server's database client (the runtime may not hold the client itself): one
 * object so the loop can be handed a store, and a test the same store on its own database.
 */
export function reconcilerStore() {
  return {
    acquireLease: (request: LeaseRequest) => acquireLease(db(), request),
    releaseLease: (name: string, holder: string) => releaseLease(db(), name, holder),
    installationId: () => ensureInstallationId(db()),
    runtimeSettings: () => findSetting(db(), RUNTIME_SETTINGS_KEY),
    desiredReplicas: () => listDesiredReplicas(db()),
    recordObservations: (changes: readonly ReplicaObservationChange[], now: Date) =>
      db().$transaction((tx) => recordReplicaObservations(tx, changes, now)),
    recordFailure: (replicaId: string, failure: { error: string; attempts: number; retryAt: Date }) =>
      recordReplicaFailure(db(), replicaId, failure),
    clearFailures: (replicaIds: readonly string[]) => clearReplicaFailures(db(), replicaIds),
  };
}

export type ReconcilerStore = ReturnType<typeof reconcilerStore>;
