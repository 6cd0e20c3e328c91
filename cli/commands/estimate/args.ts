/**
 * `estimate`'s own options, and every other word handed on as an engine flag: whatever `vllm serve` or
 * `text-generation-launcher` accepts, `estimate` accepts, through the same flag table the paste parser uses.
 */
import { z } from "zod";

export class UsageError extends Error {}

/** Options that belong to `estimate` itself, not to the engine. */
const OWN = {
  "--engine": "string",
  "--model": "string",
  "--config": "string",
  "--gpu": "string",
  "--gpu-memory-bytes": "string",
  "--tp": "string",
  "--vllm-version": "string",
  "--tgi-version": "string",
  "--engine-version": "string",
  "--command": "string",
  "--env": "list",
  "--wsl2": "bool",
  "--json": "bool",
  "--help": "bool",
  "-h": "bool",
} as const;
type OwnName = keyof typeof OWN;

const version = z.string().regex(/^v?\d+\.\d+(\.\d+)?/, "use a release number such as 0.11.0");
const ownSchema = z.object({
  engine: z.enum(["vllm", "tgi"]).optional(),
  model: z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  gpu: z.string().min(1).optional(),
  gpuMemoryBytes: z.coerce.number().int().positive().optional(),
  tp: z.coerce.number().int().min(1).max(64).optional(),
  vllmVersion: version.optional(),
  tgiVersion: version.optional(),
  engineVersion: version.optional(),
  command: z.string().min(1).optional(),
  env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*=.*$/, "write KEY=value")).optional(),
  wsl2: z.boolean().optional(),
  json: z.boolean().optional(),
  help: z.boolean().optional(),
});
export type OwnOptions = z.infer<typeof ownSchema>;

const FIXES: Record<string, string> = {
  engine: "use vllm or tgi.",
  vllmVersion: "use a release number such as 0.11.0.",
  tgiVersion: "use a release number such as 3.3.5.",
  engineVersion: "use a release number such as 0.11.0.",
  env: "write --env KEY=value, e.g. --env VLLM_USE_V1=0.",
  gpuMemoryBytes: "use a positive whole number of bytes, e.g. 25769803776 for 24 GiB.",
  tp: "use a whole number from 1 to 64.",
};

const camel = (flag: string): string => flag.replace(/^-+/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export interface SplitArgv {
  own: OwnOptions;
  /** Everything else, in order, for the engine's flag parser. */
  engineWords: string[];
}

/** Splits argv into `estimate`'s options and the engine's words; `--flag=value` works for both. */
export function splitArgv(argv: readonly string[]): SplitArgv {
  const raw: Record<string, unknown> = {};
  const engineWords: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? "";
    const eq = word.startsWith("--") ? word.indexOf("=") : -1;
    const name = (eq > 0 ? word.slice(0, eq) : word) as OwnName;
    const kind = OWN[name];
    if (kind === undefined) {
      engineWords.push(word);
      continue;
    }
    const key = name === "-h" ? "help" : camel(name);
    if (kind === "bool") {
      if (eq > 0)
        throw new UsageError(
          `${name} takes no value (got ${JSON.stringify(word.slice(eq + 1))}). Fix: write ${name} alone, or leave it out.`,
        );
      raw[key] = true;
      continue;
    }
    const value = eq > 0 ? word.slice(eq + 1) : argv[i + 1];
    if (value === undefined || (eq < 0 && value.startsWith("--")))
      throw new UsageError(`${name} needs a value. Fix: write ${name} <value>.`);
    if (eq < 0) i += 1;
    raw[key] = kind === "list" ? [...((raw[key] as string[] | undefined) ?? []), value] : value;
  }
  const parsed = ownSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new UsageError(
      `${flag} ${JSON.stringify(raw[key])} is not valid: ${issue.message}. Fix: ${FIXES[key] ?? "see --help."}`,
    );
  }
  return { own: parsed.data, engineWords };
}

export const USAGE = `usage: npm run --silent cli -- estimate --model <catalog id> | --config <config.json> | --command "<vllm serve / docker run / text-generation-launcher line>"
                                     --gpu <name> | --gpu-memory-bytes <n> [engine flags] [--json]
  estimate's own options: --engine vllm|tgi  --tp <n>  --vllm-version | --tgi-version | --engine-version <x.y.z>
  --env KEY=value (repeatable: VLLM_USE_V1, VLLM_USE_FLASHINFER_SAMPLER, TORCH_BLAS_PREFER_HIPBLASLT, TGI's ATTENTION
  and flag env vars)  --wsl2 (the host runs the engine under WSL2, e.g. Docker Desktop on Windows)
  every other option is the engine's own flag, exactly as vllm serve or text-generation-launcher takes it
  (--gpu-memory-utilization, --max-model-len, --block-size, --pipeline-parallel-size, --kv-cache-memory-bytes,
  --num-gpu-blocks-override, --cpu-offload-gb, --enable-lora, --max-loras, --speculative-config, --limit-mm-per-prompt,
  --num-shard, --cuda-memory-fraction, --max-batch-prefill-tokens, --max-batch-total-tokens, …); flags that do not
  change memory are accepted and listed as notes. With --gpu and --gpu-memory-bytes both, the card is the catalog's
  with the memory CUDA reports.`;
