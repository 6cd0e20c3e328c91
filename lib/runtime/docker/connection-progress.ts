/**
 * How far the latest connection to a daemon got, so that a timeout can say which step hung:
 * "resolving" (DNS) → "connecting" (TCP or socket) → "connected" → "secured" (TLS or SSH transport) →
 * "authenticated" (SSH) → "established" (the HTTP request is on its way).
 */
export type ConnectionStage = "resolving" | "connecting" | "connected" | "secured" | "authenticated" | "established";

export interface ConnectionProgress {
  stage: ConnectionStage;
  /** What the remote side said when SSH's `docker system dial-stdio` failed (stderr, exit code). */
  remoteError?: string;
  /** The SSH host key seen ("SHA256:…"), and whether it differed from the pinned one. */
  hostKeySha256?: string;
  hostKeyMismatch?: boolean;
}

export function newProgress(): ConnectionProgress {
  // A request on a kept-alive socket never passes through the earlier stages.
  return { stage: "established" };
}

/** Follows a socket's events into `progress`. */
export function trackSocket(
  socket: NodeJS.EventEmitter & { connecting?: boolean },
  progress: ConnectionProgress,
  { named, secure }: { named: boolean; secure: boolean },
): void {
  progress.stage = named ? "resolving" : "connecting";
  socket.once("lookup", () => (progress.stage = "connecting"));
  socket.once("connect", () => (progress.stage = secure ? "connected" : "established"));
  if (secure) socket.once("secureConnect", () => (progress.stage = "established"));
}
