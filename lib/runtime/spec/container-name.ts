import type { ReplicaKey } from "./labels";

/**
 * The container's name: the same replica always gets the same name, so a second create after a crash fails with a
 * name conflict instead of starting a duplicate. Docker names allow [a-zA-Z0-9][a-zA-Z0-9_.-]*; instance keys are
 * slugs already, and the layout id (a UUID) is cut to its first 8 characters.
 */
export function containerName(key: ReplicaKey): string {
  const layout = key.layoutId.replace(/[^A-Za-z0-9]/g, "").slice(0, 8) || "layout";
  return `fd-${key.instanceKey}-${layout}-r${key.replica}`;
}
