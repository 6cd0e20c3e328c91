import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { Duplex } from "node:stream";
import { trackSocket, type ConnectionProgress } from "./connection-progress";

type Callback = (err: Error | null, stream: Duplex) => void;

const isNamed = (host: unknown) => typeof host === "string" && isIP(host) === 0;

/**
 * Connections one client may hold to its daemon. Long-lived requests keep theirs for their whole life: the
 * reconciler's events stream per host (several hosts may share one daemon) and every log a user follows. With 4, four
 * of those took the whole pool and every call after them (listing, creating) waited until its deadline, while the
 * daemon still answered pings. Calls are bounded elsewhere (8 hosts at a time, 4 actions per host); this bound only
 * stops a runaway.
 */
export const MAX_SOCKETS_PER_DAEMON = 256;

/** A keep-alive HTTP agent (unix socket or loopback TCP) that records how far each new connection got. */
export class TrackedHttpAgent extends http.Agent {
  constructor(private readonly progress: ConnectionProgress) {
    super({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_DAEMON });
  }

  override createConnection(options: http.ClientRequestArgs, callback?: Callback): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (socket)
      trackSocket(socket, this.progress, { named: !options.socketPath && isNamed(options.host), secure: false });
    return socket;
  }
}

/** The same for TLS: a timeout after "connected" means the handshake hung. */
export class TrackedHttpsAgent extends https.Agent {
  constructor(
    private readonly progress: ConnectionProgress,
    tls: { ca: string; cert: string; key: string },
  ) {
    super({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_DAEMON, ...tls });
  }

  override createConnection(options: https.RequestOptions, callback?: Callback): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (socket) trackSocket(socket, this.progress, { named: isNamed(options.host), secure: true });
    return socket;
  }
}
