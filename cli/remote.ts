/**
 * `fleetdeck remote …`: talk to a running fleetdeck over /api/v1 with an API token.
 *   FLEETDECK_URL=https://fleet.example.com FLEETDECK_TOKEN=fd_… npm run --silent cli -- remote instances
 * Commands: layouts | revisions <layoutId> | instances | hosts | apply <revisionId> | start <instanceId> | stop <instanceId>
 */
import type { HostOut } from "../lib/api/host-out";

export interface RemoteOptions {
  url: string;
  token: string;
  fetch?: typeof fetch;
}

export class RemoteError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "RemoteError";
  }
}

export class RemoteClient {
  private readonly base: string;
  private readonly doFetch: typeof fetch;
  constructor(private readonly options: RemoteOptions) {
    if (!/^https?:\/\//.test(options.url))
      throw new RemoteError(
        0,
        `--url ${JSON.stringify(options.url)} is not an http(s) URL: use e.g. https://fleet.example.com`,
      );
    if (!/^fd_[A-Za-z0-9_-]{43}$/.test(options.token))
      throw new RemoteError(
        0,
        "the token is not a fleetdeck API token (fd_ followed by 43 characters): create one in Settings → API tokens",
      );
    this.base = options.url.replace(/\/+$/, "");
    this.doFetch = options.fetch ?? fetch;
  }

  async call<T>(method: "GET" | "POST", path: string): Promise<T> {
    const response = await this.doFetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.options.token}`, accept: "application/json" },
    });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      throw new RemoteError(
        response.status,
        `${method} ${path}: the server answered ${response.status} with something that is not JSON (is --url a fleetdeck?)`,
      );
    }
    if (!response.ok) {
      const error =
        body && typeof body === "object" && "error" in body
          ? String((body as { error: unknown }).error)
          : `HTTP ${response.status}`;
      throw new RemoteError(response.status, `${method} ${path}: ${error}`);
    }
    return body as T;
  }

  layouts() {
    return this.call<unknown[]>("GET", "/api/v1/layouts");
  }
  revisions(layoutId: string) {
    return this.call<unknown[]>("GET", `/api/v1/layouts/${encodeURIComponent(layoutId)}/revisions`);
  }
  instances() {
    return this.call<unknown[]>("GET", "/api/v1/instances");
  }
  hosts(cursor?: string) {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
    return this.call<{ items: HostOut[]; nextCursor: string | null }>("GET", `/api/v1/hosts${query}`);
  }
  /** Every page of GET /api/v1/hosts. */
  async allHosts(): Promise<HostOut[]> {
    const all: HostOut[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.hosts(cursor);
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }
  apply(revisionId: string) {
    return this.call<unknown>("POST", `/api/v1/revisions/${encodeURIComponent(revisionId)}/apply`);
  }
  start(instanceId: string) {
    return this.call<unknown>("POST", `/api/v1/instances/${encodeURIComponent(instanceId)}/start`);
  }
  stop(instanceId: string) {
    return this.call<unknown>("POST", `/api/v1/instances/${encodeURIComponent(instanceId)}/stop`);
  }
}

const USAGE = `usage: remote <layouts | revisions <layoutId> | instances | hosts | apply <revisionId> | start <instanceId> | stop <instanceId>> [--url URL] [--token fd_…]
  --url    the fleetdeck server (or FLEETDECK_URL)
  --token  an API token (or FLEETDECK_TOKEN; prefer the variable: arguments show up in process lists)`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function run(
  args: string[],
  env: Record<string, string | undefined> = process.env,
  out: (s: string) => void = console.log,
): Promise<number> {
  if (args.includes("--help") || args.length === 0) {
    out(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const positional = args.filter((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1]!.startsWith("--")));
  const [command, id] = positional;
  const url = option(args, "--url") ?? env.FLEETDECK_URL;
  const token = option(args, "--token") ?? env.FLEETDECK_TOKEN;
  if (!url || !token) {
    console.error("remote: set FLEETDECK_URL and FLEETDECK_TOKEN (or pass --url and --token)");
    return 2;
  }
  try {
    const client = new RemoteClient({ url, token });
    const needsId = (what: string) => {
      if (!id) throw new RemoteError(0, `remote ${command}: give the ${what} id`);
      return id;
    };
    const calls: Record<string, () => Promise<unknown>> = {
      layouts: () => client.layouts(),
      revisions: () => client.revisions(needsId("layout")),
      instances: () => client.instances(),
      hosts: () => client.allHosts(),
      apply: () => client.apply(needsId("revision")),
      start: () => client.start(needsId("instance")),
      stop: () => client.stop(needsId("instance")),
    };
    const call = calls[command ?? ""];
    if (!call) {
      console.error(`remote: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return 2;
    }
    out(JSON.stringify(await call(), null, 2));
    return 0;
  } catch (err) {
    if (err instanceof RemoteError) {
      console.error(`remote: ${err.message}`);
      return err.status === 401 || err.status === 403 ? 3 : 1;
    }
    throw err;
  }
}
