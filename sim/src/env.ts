import { z } from "zod";

/** The simulator's environment contract (sim/README.md, "Environment"). */
const numeric = (ok: (n: number) => boolean, expected: string) =>
  z
    .string()
    .trim()
    .refine((text) => text !== "" && ok(Number(text)), expected)
    .transform(Number);
const number = (min: number) => numeric((n) => Number.isFinite(n) && n >= min, `a number ≥ ${min}`);
const whole = (min: number) => numeric((n) => Number.isInteger(n) && n >= min, `a whole number ≥ ${min}`);

const simEnvSchema = z.object({
  FLEETDECK_SIM_GPU: z.string().trim().min(1, "a catalog GPU name such as RTX 4090D").optional(),
  FLEETDECK_SIM_GPUS: z.string().trim().min(1, "a comma-separated list of catalog GPU names").optional(),
  FLEETDECK_SIM_GPU_COUNT: whole(1).optional(),
  FLEETDECK_SIM_HOST: z.string().trim().min(1, "a host name").optional(),
  FLEETDECK_SIM_LOAD_SECONDS: number(0).optional(),
  FLEETDECK_SIM_STATE_DIR: z.string().trim().min(1, "a directory path").optional(),
  FLEETDECK_SIM_STATE_INTERVAL_MS: whole(50).optional(),
  FLEETDECK_SIM_STATE_STALE_MS: whole(100).optional(),
  FLEETDECK_SIM_ENGINE: z.enum(["vllm", "tgi"], "vllm or tgi").optional(),
  FLEETDECK_SIM_ENGINE_VERSION: z
    .string()
    .trim()
    .regex(/^\d+\.\d+(\.\d+)?$/, "a release number such as 0.11.0 or 3.3.5")
    .optional(),
  FLEETDECK_SIM_MODEL_CONFIG: z.string().trim().min(1, "the path of a config.json").optional(),
  FLEETDECK_SIM_NVIDIA_SMI_FIXTURE: z.string().trim().min(1, "the path of an nvidia-smi output file").optional(),
  FLEETDECK_SIM_DRIVER_VERSION: z.string().trim().min(1).default("580.159.04"),
  FLEETDECK_SIM_CUDA_VERSION: z.string().trim().min(1).default("13.0"),
  NVIDIA_VISIBLE_DEVICES: z.string().optional(),
  CUDA_VISIBLE_DEVICES: z.string().optional(),
  HOSTNAME: z.string().optional(),
});

export type SimEnv = z.infer<typeof simEnvSchema>;

export class SimEnvError extends Error {}

/** Reads the contract from `env`; a bad value throws one line naming the variable, the value and what it expects. */
export function readSimEnv(env: Readonly<Record<string, string | undefined>> = process.env): SimEnv {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in simEnvSchema.shape && value !== ""),
  );
  const parsed = simEnvSchema.safeParse(relevant);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0]);
  throw new SimEnvError(`${name} is "${env[name] ?? ""}": expected ${issue.message}`);
}
