#!/usr/bin/env node
// fleetdeck's HTTP server: Node's http server in front of Next's request handler (Next's documented custom-server
// API; `npm start` runs this after building, `npm run dev` with --dev). Next's App Router never tells a handler the
// socket's address, so this is where the caller is decided. Before Next sees a request it
//   - strips every x-fleetdeck-* header a client sent and sets its own: the client's address, scheme and host, taken
//     from the socket and, only when the peer is in FLEETDECK_TRUSTED_PROXIES, from X-Forwarded-For/-Proto/-Host
//     (which it then rewrites, so Next's own origin check for server actions sees the same values);
//   - refuses with a 4xx what Next would answer with a 500 or let through: TRACE and unknown methods (405), bodies
//     without a length (411) or over 1 MiB (413), state-changing page requests whose Origin is missing, "null",
//     malformed or another site's (403) or that are not server actions (405), and server-action bodies that are not
//     a JSON array (415/400), nest over 64 deep or hold references React's decoder throws on (400);
//   - adds Strict-Transport-Security over https.
import { randomBytes } from "node:crypto";
import { createServer, IncomingMessage } from "node:http";
import { fileURLToPath } from "node:url";
import next from "next";
import { tsImport } from "tsx/esm/api";

const root = fileURLToPath(new URL("..", import.meta.url));
process.chdir(root);
const dev = process.argv.includes("--dev");
if (!dev) process.env.NODE_ENV = "production";

const { parseEnv, ConfigError } = await tsImport("../lib/server/env.ts", import.meta.url);
const gate = await tsImport("../lib/server/http-gate/index.ts", import.meta.url);

let config;
try {
  config = parseEnv(process.env);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : String(err));
  process.exit(2);
}

const MAX_BODY_BYTES = 1_048_576;
const trusted = gate.trustedProxies(config.FLEETDECK_TRUSTED_PROXIES);
const allowedOrigins = config.FLEETDECK_ALLOWED_ORIGINS.map((o) => o.replace(/^https?:\/\//, ""));
// Next forwards a server action to the page that owns it with a request to itself, copying the headers: this
// secret marks such a request so it keeps the client this server decided the first time.
const forwardMark = randomBytes(24).toString("base64url");
const FORWARD_HEADER = `${gate.INTERNAL_PREFIX}forwarded`;
process.env.FLEETDECK_GATE = "1";

function refuse(req, res, refusal) {
  const api = req.url?.startsWith("/api/");
  // A body too big or without a length is not read: the connection closes. Any other is drained, so the client can
  // finish sending and read the answer.
  const unread = refusal.status === 411 || refusal.status === 413;
  res.writeHead(refusal.status, {
    "content-type": api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
    "cache-control": "no-store",
    ...(unread ? { connection: "close" } : {}),
    ...refusal.headers,
  });
  res.end(api ? JSON.stringify({ error: refusal.message }) : `${refusal.message}\n`);
  req.resume();
}

function isLoopback(address) {
  return /^(127\.|::1$|::ffff:127\.)/.test(address ?? "");
}

function decideClient(req) {
  const internal = req.headers[FORWARD_HEADER] === forwardMark && isLoopback(req.socket.remoteAddress);
  if (internal)
    return {
      ip: String(req.headers[gate.CLIENT_IP_HEADER]),
      proto: req.headers[gate.CLIENT_PROTO_HEADER] === "https" ? "https" : "http",
      host: String(req.headers[gate.CLIENT_HOST_HEADER] ?? req.headers.host ?? ""),
    };
  return gate.resolveClient(req.socket.remoteAddress ?? "", Boolean(req.socket.encrypted), req.headers, trusted);
}

function setClientHeaders(req, client) {
  for (const name of Object.keys(req.headers))
    if (name.startsWith(gate.INTERNAL_PREFIX) || name === "forwarded" || name === "x-real-ip") delete req.headers[name];
  req.headers[gate.CLIENT_IP_HEADER] = client.ip;
  req.headers[gate.CLIENT_PROTO_HEADER] = client.proto;
  req.headers[gate.CLIENT_HOST_HEADER] = client.host;
  req.headers[FORWARD_HEADER] = forwardMark;
  req.headers["x-forwarded-for"] = client.ip;
  req.headers["x-forwarded-proto"] = client.proto;
  if (client.host) req.headers["x-forwarded-host"] = client.host;
  else delete req.headers["x-forwarded-host"];
}

/** Reads the whole body (its length is known and at most 1 MiB), then hands Next a request that replays it. */
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function replay(req, body) {
  const copy = new IncomingMessage(req.socket);
  Object.assign(copy, {
    method: req.method,
    url: req.url,
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    complete: true,
  });
  copy.push(body);
  copy.push(null);
  return copy;
}

const hostname = process.env.HOSTNAME_BIND ?? "0.0.0.0";
const app = next({ dev, dir: root, hostname, port: config.PORT });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer(async (req, res) => {
  try {
    const client = decideClient(req);
    setClientHeaders(req, client);
    const hsts = gate.hstsHeader(client, config.FLEETDECK_PUBLIC_URL);
    if (hsts) res.setHeader("strict-transport-security", hsts);
    const method = (req.method ?? "GET").toUpperCase();
    const url = req.url ?? "/";
    const refusal = gate.refuseRequest(method, url, req.headers, client, {
      maxBodyBytes: MAX_BODY_BYTES,
      allowedOrigins,
    });
    if (refusal) return refuse(req, res, refusal);
    if (!gate.needsBodyCheck(method, url)) return await handle(req, res);
    const body = await readBody(req);
    if (body.length > MAX_BODY_BYTES)
      return refuse(req, res, { status: 413, message: `The body is over ${MAX_BODY_BYTES} bytes (1 MiB).` });
    const problem = gate.actionBodyProblem(req.headers["content-type"], body.toString("utf8"));
    if (problem) return refuse(req, res, problem);
    await handle(replay(req, body), res);
  } catch (err) {
    console.error(`fleetdeck: request failed before the app: ${err instanceof Error ? err.message : String(err)}`);
    if (!res.headersSent) refuse(req, res, { status: 400, message: "The request could not be read." });
    else res.destroy();
  }
});
// What Node itself would answer: 431 for a request line or headers over the limit (a too-long link), else 400.
server.on("clientError", (err, socket) => {
  const status =
    /** @type {{ code?: string }} */ (err).code === "HPE_HEADER_OVERFLOW"
      ? "431 Request Header Fields Too Large"
      : "400 Bad Request";
  if (socket.writable && !socket.writableEnded)
    socket.end(`HTTP/1.1 ${status}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${status.slice(4)}\n`);
  else socket.destroy(err);
});
server.listen(config.PORT, hostname, () => {
  console.log(`fleetdeck: serving on http://localhost:${config.PORT}${dev ? " (development)" : ""}`);
});
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
