/**
 * The labels fleetdeck puts on every engine container. The reconciler lists containers by them, and never touches
 * a container without them: `fleetdeck.installation` keeps two fleetdeck servers that share a Docker host apart.
 */
export const LABEL = {
  managed: "fleetdeck.managed",
  installation: "fleetdeck.installation",
  /** The registered host the container was made for: two hosts registered on one daemon never see each other's. */
  host: "fleetdeck.host",
  layout: "fleetdeck.layout",
  instance: "fleetdeck.instance",
  replica: "fleetdeck.replica",
  generation: "fleetdeck.generation",
  specHash: "fleetdeck.spec-hash",
} as const;

/** Which replica a container plays. */
export interface ReplicaKey {
  layoutId: string;
  instanceKey: string;
  replica: number;
}

export interface ManagedLabels extends ReplicaKey {
  installationId: string;
  generation: number;
  specHash: string;
}

export const replicaKeyString = (key: ReplicaKey): string => `${key.layoutId}/${key.instanceKey}/${key.replica}`;

export function managedLabels(labels: Omit<ManagedLabels, "specHash"> & { hostId: string }): Record<string, string> {
  return {
    [LABEL.managed]: "true",
    [LABEL.installation]: labels.installationId,
    [LABEL.host]: labels.hostId,
    [LABEL.layout]: labels.layoutId,
    [LABEL.instance]: labels.instanceKey,
    [LABEL.replica]: String(labels.replica),
    [LABEL.generation]: String(labels.generation),
  };
}

const WHOLE = /^(0|[1-9]\d{0,5})$/;

/** The replica a container's labels name, or null when they are not a complete set of ours. */
export function parseManagedLabels(labels: Record<string, string> | null | undefined): ManagedLabels | null {
  if (!labels) return null;
  if (labels[LABEL.managed] !== "true") return null;
  const installationId = labels[LABEL.installation];
  const layoutId = labels[LABEL.layout];
  const instanceKey = labels[LABEL.instance];
  const replica = labels[LABEL.replica];
  const generation = labels[LABEL.generation];
  const specHash = labels[LABEL.specHash];
  if (!installationId || !layoutId || !instanceKey || !specHash) return null;
  if (!replica || !WHOLE.test(replica) || !generation || !WHOLE.test(generation)) return null;
  return {
    installationId,
    layoutId,
    instanceKey,
    replica: Number(replica),
    generation: Number(generation),
    specHash,
  };
}
