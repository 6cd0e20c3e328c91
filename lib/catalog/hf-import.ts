import { parseHfConfig } from "./hf-config";
import { parseHeader, readHeaderLength, sumTensors, type SafetensorsHeader, type TensorTotals } from "./safetensors";
import type { ModelEntry } from "./types";

/**
 * Online import from the Hugging Face Hub: config.json plus the safetensors headers (two small
 * HTTP Range reads per file), so parameters and bytes come from the real tensor shapes and
 * dtypes without downloading weights. Server-side or CLI; the pure catalog does not import it.
 */

export interface HubImportOptions {
  revision?: string;
  /** Defaults to HF_TOKEN. */
  token?: string;
  /** Defaults to HF_ENDPOINT, then https://huggingface.co. */
  endpoint?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export interface HubImport {
  entry: ModelEntry;
  tensors: TensorTotals;
  /** The safetensors files read. */
  files: string[];
  warnings: string[];
}

export type HubImportResult = HubImport | { error: string };

const REPO_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;
const INDEX_FILE = "model.safetensors.index.json";

class HubError extends Error {}

export async function importFromHub(repo: string, options: HubImportOptions = {}): Promise<HubImportResult> {
  const repoId = repo.trim();
  if (!REPO_ID.test(repoId)) {
    return { error: `"${repo}" is not a Hugging Face repo id: use the form org/name, e.g. Qwen/Qwen2.5-7B-Instruct` };
  }
  const hub = new HubClient(repoId, options);
  try {
    const config = await hub.json("config.json");
    const parsed = parseHfConfig(config, repoId);
    if ("error" in parsed) return parsed;
    const files = await hub.safetensorsFiles();
    const headers = await Promise.all(files.map((file) => hub.safetensorsHeader(file)));
    const tensors = sumTensors(headers, parsed.arch.quantization?.bits);
    const entry: ModelEntry = {
      ...parsed.arch,
      displayName: repoId.split("/")[1] ?? repoId,
      source: hub.url("config.json"),
      paramCount: tensors.paramCount,
      checkpointBytes: tensors.bytes,
    };
    return { entry, tensors, files, warnings: parsed.warnings };
  } catch (error) {
    if (error instanceof HubError) return { error: error.message };
    return {
      error: `could not import ${repoId} from the Hub: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function env(name: string): string | undefined {
  return typeof process !== "undefined" ? process.env[name] || undefined : undefined;
}

class HubClient {
  private readonly endpoint: string;
  private readonly host: string;
  private readonly revision: string;
  private readonly token: string | undefined;
  private readonly fetchFn: typeof fetch;

  constructor(
    private readonly repo: string,
    private readonly options: HubImportOptions,
  ) {
    this.endpoint = (options.endpoint ?? env("HF_ENDPOINT") ?? "https://huggingface.co").replace(/\/+$/, "");
    this.host = hostOf(this.endpoint);
    this.revision = options.revision ?? "main";
    this.token = options.token ?? env("HF_TOKEN");
    this.fetchFn = options.fetch ?? globalThis.fetch;
  }

  url(file: string): string {
    return `${this.endpoint}/${this.repo}/resolve/${encodeURIComponent(this.revision)}/${file}`;
  }

  async json(file: string): Promise<unknown> {
    const response = await this.get(file);
    try {
      return await response.json();
    } catch {
      throw new HubError(
        `${file} of ${this.repo} on ${this.host} is not valid JSON: paste the model's config.json instead`,
      );
    }
  }

  /** The shards named in model.safetensors.index.json, or the single model.safetensors. */
  async safetensorsFiles(): Promise<string[]> {
    const response = await this.get(INDEX_FILE, { allow404: true });
    if (response.status === 404) return ["model.safetensors"];
    const index = (await response.json()) as { weight_map?: Record<string, string> };
    const shards = [...new Set(Object.values(index.weight_map ?? {}))].sort();
    if (shards.length === 0) throw new HubError(`${INDEX_FILE} of ${this.repo} lists no shards in weight_map`);
    return shards;
  }

  async safetensorsHeader(file: string): Promise<SafetensorsHeader> {
    const length = readHeaderLength(await this.range(file, 0, 8));
    return parseHeader(await this.range(file, 8, length));
  }

  private async range(file: string, start: number, length: number): Promise<Uint8Array> {
    const response = await this.get(file, { range: `bytes=${start}-${start + length - 1}` });
    const body = new Uint8Array(await response.arrayBuffer());
    // A server that ignores Range answers 200 with the whole file.
    return response.status === 206 ? body.subarray(0, length) : body.subarray(start, start + length);
  }

  private async get(file: string, opts: { range?: string; allow404?: boolean } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (opts.range) headers.Range = opts.range;
    let response: Response;
    try {
      response = await this.fetchFn(this.url(file), { headers, signal: this.options.signal, redirect: "follow" });
    } catch (error) {
      throw new HubError(
        `cannot reach ${this.host} for ${this.repo} (${causeOf(error)}): paste the model's config.json instead, or set HF_ENDPOINT to a mirror`,
      );
    }
    if (response.ok || (opts.allow404 && response.status === 404)) return response;
    throw new HubError(this.statusMessage(response.status, file));
  }

  private statusMessage(status: number, file: string): string {
    if (status === 401 || status === 403) {
      const tokenHint = this.token
        ? "the HF_TOKEN given has no access: accept the model's license on its Hub page with that account"
        : "set HF_TOKEN for gated or private repos";
      return `${status} from ${this.host} for ${this.repo}: ${tokenHint}`;
    }
    if (status === 404) {
      return `404 from ${this.host}: ${this.repo} has no ${file} at revision ${this.revision}; check the repo id (e.g. Qwen/Qwen2.5-7B-Instruct) or paste its config.json`;
    }
    return `${status} from ${this.host} reading ${file} of ${this.repo}: try again later, or paste the model's config.json`;
  }
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : undefined;
  return code ?? (cause instanceof Error ? cause.message : String(cause));
}
