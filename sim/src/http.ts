import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { hostname } from "node:os";

export type Handler = (req: IncomingMessage, res: ServerResponse, body: unknown) => void | Promise<void>;
export type Routes = Record<string, Handler>;

const MAX_BODY_BYTES = 16 * 2 ** 20;

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = "text/plain; charset=utf-8",
): void {
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Server-sent events: `data: <json>` blocks. */
export class SseWriter {
  constructor(
    private readonly res: ServerResponse,
    private readonly prefix = "data: ",
  ) {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
  }

  send(data: unknown): void {
    this.res.write(`${this.prefix}${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
  }

  end(): void {
    this.res.end();
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError("request body over 16 MiB");
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new SyntaxError("body is not JSON");
  }
}

/** Routes are "METHOD /path"; `notFound` answers the rest. */
export function serve(
  routes: Routes,
  notFound: Handler,
  onBadBody: (res: ServerResponse, message: string) => void,
): Server {
  return createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const handler = routes[`${req.method} ${path}`] ?? notFound;
    let body: unknown;
    try {
      body = req.method === "POST" ? await readBody(req) : undefined;
    } catch (error) {
      onBadBody(res, (error as Error).message);
      return;
    }
    try {
      await handler(req, res, body);
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { error: (error as Error).message });
      else res.end();
    }
  });
}

/**
 * Binds like the engines do. TGI's --hostname defaults to $HOSTNAME (clap env), which in a container is
 * the container id and resolves to the container's address; the machine's own name means all interfaces.
 */
export function listen(server: Server, port: number, host: string): Promise<void> {
  const all =
    host === "0.0.0.0" || host === "::" || host === "" || host === hostname() || host === process.env.HOSTNAME;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, all ? undefined : host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
