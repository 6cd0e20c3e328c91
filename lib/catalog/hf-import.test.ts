import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { importFromHub, type HubImport, type HubImportResult } from "./hf-import";
import { countParams } from "./param-count";

const FIXTURES = fileURLToPath(new URL("./testing/fixtures/", import.meta.url));
const TOKEN = "hf_test_token";

/** repo on the fake Hub → fixture folder; "gated" needs the token, "norange" ignores Range. */
const REPOS: Record<string, { dir: string; gated?: boolean; ignoreRange?: boolean }> = {
  "tiny/llama": { dir: "tiny-llama" },
  "tiny/llama-gptq": { dir: "tiny-llama-gptq" },
  "gated/llama": { dir: "tiny-llama", gated: true },
  "norange/llama": { dir: "tiny-llama", ignoreRange: true },
};

interface Logged {
  url: string;
  range?: string;
  authorization?: string;
}

let server: Server;
let endpoint: string;
const requests: Logged[] = [];

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  requests.push({ url: req.url ?? "", range: req.headers.range, authorization: req.headers.authorization });
  const match = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(req.url ?? "");
  const repo = match ? REPOS[match[1]!] : undefined;
  if (!match || !repo || match[2] !== "main") return void res.writeHead(404).end("Repository not found");
  if (repo.gated && req.headers.authorization !== `Bearer ${TOKEN}`)
    return void res.writeHead(401).end("Access to model is restricted");
  let body: Buffer;
  try {
    body = await readFile(join(FIXTURES, repo.dir, match[3]!));
  } catch {
    return void res.writeHead(404).end("Entry not found");
  }
  const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? "");
  if (range && !repo.ignoreRange) {
    const start = Number(range[1]);
    const end = Math.min(Number(range[2]), body.length - 1);
    res.writeHead(206, { "Content-Range": `bytes ${start}-${end}/${body.length}`, "Content-Length": end - start + 1 });
    return void res.end(body.subarray(start, end + 1));
  }
  res.writeHead(200, { "Content-Length": body.length }).end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

afterEach(() => {
  requests.length = 0;
  vi.unstubAllEnvs();
});

function ok(result: HubImportResult): HubImport {
  if ("error" in result) throw new Error(result.error);
  return result;
}

describe("importFromHub against a local HTTP server", () => {
  it("counts a single-file bf16 checkpoint from its header, with Range reads only", async () => {
    const result = ok(await importFromHub("tiny/llama", { endpoint }));
    const expectedParams = countParams(result.entry).totalParams;
    expect(expectedParams).toBe(106_816);
    expect(result.files).toEqual(["model.safetensors"]);
    expect(result.entry).toMatchObject({
      id: "tiny/llama",
      numLayers: 2,
      numKeyValueHeads: 2,
      headDim: 16,
      paramCount: expectedParams,
      checkpointBytes: expectedParams * 2,
    });
    expect(result.entry.source).toBe(`${endpoint}/tiny/llama/resolve/main/config.json`);
    expect(result.tensors.byDtype).toEqual({ BF16: { tensors: 21, elements: 106_816, bytes: 213_632 } });
    const weightReads = requests.filter((r) => r.url.endsWith(".safetensors"));
    expect(weightReads.map((r) => r.range)).toEqual(["bytes=0-7", expect.stringMatching(/^bytes=8-\d+$/)]);
  });

  it("follows the shard index of a GPTQ checkpoint and unpacks qweight", async () => {
    const result = ok(await importFromHub("tiny/llama-gptq", { endpoint }));
    const index = JSON.parse(
      await readFile(join(FIXTURES, "tiny-llama-gptq/model.safetensors.index.json"), "utf8"),
    ) as { metadata: { total_size: number } };
    expect(result.files).toEqual(["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]);
    expect(result.entry.checkpointBytes).toBe(index.metadata.total_size);
    expect(result.entry.paramCount).toBe(countParams(result.entry).totalParams);
    expect(result.entry.quantization).toMatchObject({ method: "gptq", bits: 4, groupSize: 32 });
    expect(Object.keys(result.tensors.byDtype).sort()).toEqual(["F16", "I32"]);
  });

  it("reads headers when the server ignores Range", async () => {
    const result = ok(await importFromHub("norange/llama", { endpoint }));
    expect(result.entry.paramCount).toBe(106_816);
  });

  it("asks for HF_TOKEN on 401 and sends it as a Bearer token", async () => {
    const denied = await importFromHub("gated/llama", { endpoint });
    expect(denied).toEqual({
      error: expect.stringMatching(
        /^401 from 127\.0\.0\.1:\d+ for gated\/llama: set HF_TOKEN for gated or private repos$/,
      ),
    });
    const wrong = await importFromHub("gated/llama", { endpoint, token: "nope" });
    expect(wrong).toEqual({ error: expect.stringMatching(/401 .*HF_TOKEN given has no access/) });
    expect(ok(await importFromHub("gated/llama", { endpoint, token: TOKEN })).entry.paramCount).toBe(106_816);
    vi.stubEnv("HF_TOKEN", TOKEN);
    expect(ok(await importFromHub("gated/llama", { endpoint })).entry.numLayers).toBe(2);
    expect(requests.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("reads HF_ENDPOINT when no endpoint is given", async () => {
    vi.stubEnv("HF_ENDPOINT", `${endpoint}/`);
    expect(ok(await importFromHub("tiny/llama")).entry.hiddenSize).toBe(64);
  });

  it("names the repo and file on 404", async () => {
    const result = await importFromHub("nobody/nothing", { endpoint });
    expect(result).toEqual({
      error: expect.stringMatching(
        /^404 from 127\.0\.0\.1:\d+: nobody\/nothing has no config\.json at revision main; check the repo id/,
      ),
    });
    const revision = await importFromHub("tiny/llama", { endpoint, revision: "v9" });
    expect(revision).toEqual({ error: expect.stringMatching(/at revision v9/) });
  });

  it("says the Hub is unreachable and what to do instead", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await importFromHub("tiny/llama", { endpoint: `http://127.0.0.1:${port}` });
    expect(result).toEqual({
      error: `cannot reach 127.0.0.1:${port} for tiny/llama (ECONNREFUSED): paste the model's config.json instead, or set HF_ENDPOINT to a mirror`,
    });
  });

  it("uses the injected fetch, and maps a DNS failure", async () => {
    const dnsFailure = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("getaddrinfo ENOTFOUND huggingface.co"), { code: "ENOTFOUND" }),
    });
    const fetchStub = vi.fn<typeof fetch>().mockRejectedValue(dnsFailure);
    const result = await importFromHub("Qwen/Qwen2.5-7B-Instruct", {
      fetch: fetchStub,
      endpoint: "https://huggingface.co",
    });
    expect(fetchStub).toHaveBeenCalledWith(
      "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/resolve/main/config.json",
      expect.anything(),
    );
    expect(result).toEqual({
      error:
        "cannot reach huggingface.co for Qwen/Qwen2.5-7B-Instruct (ENOTFOUND): paste the model's config.json instead, or set HF_ENDPOINT to a mirror",
    });
  });

  it("refuses a malformed repo id before any request", async () => {
    expect(await importFromHub("qwen2.5-7b", { endpoint })).toEqual({
      error: expect.stringMatching(/not a Hugging Face repo id: use the form org\/name/),
    });
    expect(requests).toHaveLength(0);
  });
});
