import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { Duplex } from "node:stream";
import { trackSocket, type ConnectionProgress } from "./connection-progress";

type Callback = (err: Error | null, stream: Duplex) => void;

const isNamed = (host: unknown) => typeof host === "string" && isIP(host) === 0;

/** A keep-alive HTTP agent (unix socket or loopback TCP) that records how far each new connection got. */
export class TrackedHttpAgent extends http.Agent {
  constructor(private readonly progress: ConnectionProgress) {
    super({ keepAlive: true, maxSockets: 4 });
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
    super({ keepAlive: true, maxSockets: 4, ...tls });
  }

  override createConnection(options: https.RequestOptions, callback?: Callback): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (socket) trackSocket(socket, this.progress, { named: isNamed(options.host), secure: true });
    return socket;
  }
}
