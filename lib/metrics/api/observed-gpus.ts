/** GET /api/metrics/observed-gpus: what each registered host's GPUs hold now, for the designer's grid. */
export interface ObservedGpusResponse {
  hosts: {
    hostId: string;
    hostName: string;
    gpus: { gpu: number; usedBytes: number; totalBytes: number | null }[];
  }[];
  /** Set when the source could not answer. */
  unavailable: string | null;
}

/** A layout's host matches a registered host by its id, its name, or the id it is bound to. */
export function observedHostFor(
  observed: ObservedGpusResponse,
  layoutHostId: string,
): ObservedGpusResponse["hosts"][number] | undefined {
  return observed.hosts.find((h) => h.hostId === layoutHostId || h.hostName === layoutHostId);
}
