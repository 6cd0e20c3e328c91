import type { HostView } from "../../queries/hosts/host-view";

/** What the audit log keeps of a host: its settings, and which credentials it has by role (never their values). */
export function hostAudit(
  host: Pick<
    HostView,
    | "name"
    | "kind"
    | "endpoint"
    | "labels"
    | "simulatedGpus"
    | "declaredGpus"
    | "dcgmUrl"
    | "sshHostKeySha256"
    | "credentials"
  >,
) {
  return {
    name: host.name,
    kind: host.kind,
    endpoint: host.endpoint,
    labels: host.labels,
    simulatedGpus: host.simulatedGpus,
    declaredGpus: host.declaredGpus,
    dcgmUrl: host.dcgmUrl,
    sshHostKeySha256: host.sshHostKeySha256,
    access: host.credentials,
  };
}
