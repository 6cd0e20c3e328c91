import { z } from "zod";

/**
 * How fleetdeck discovers GPUs and polls hosts (Settings → Hosts, stored as one setting). Defaults apply to what is
 * not stored, so a fresh install needs nothing.
 */

export const DEFAULT_PROBE_IMAGE = "nvidia/cuda:12.4.1-base-ubuntu22.04";
export const DEFAULT_SIM_IMAGE = "fleetdeck-sim:latest";
export const HOST_SETTINGS_KEY = "hosts.settings";

const image = (field: string, example: string) =>
  z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$/,
      `${field} must be an image reference such as ${example} (letters, digits, . _ / : @ -)`,
    );

export const hostSettingsSchema = z
  .object({
    /** Runs `nvidia-smi -q -x` on hosts with real GPUs (needs the NVIDIA container runtime). */
    probeImage: image("probeImage", DEFAULT_PROBE_IMAGE).default(DEFAULT_PROBE_IMAGE),
    /** The simulator image: its `nvidia-smi -q -x` prints the simulated GPUs of hosts with simulated GPUs. */
    simImage: image("simImage", DEFAULT_SIM_IMAGE).default(DEFAULT_SIM_IMAGE),
    /** Extra environment for the probe container, KEY=VALUE each. */
    probeEnv: z
      .array(
        z
          .string()
          .regex(
            /^[A-Za-z_][A-Za-z0-9_]*=.*$/,
            "each probeEnv entry is KEY=VALUE, e.g. NVIDIA_DRIVER_CAPABILITIES=utility",
          ),
      )
      .max(32, "at most 32 probeEnv entries")
      .default([]),
    probeTimeoutMs: z
      .number()
      .int()
      .min(1000, "probeTimeoutMs must be at least 1000 ms")
      .max(600_000, "probeTimeoutMs must be at most 600000 ms (10 min)")
      .default(60_000),
    healthIntervalMs: z
      .number()
      .int()
      .min(1000, "healthIntervalMs must be at least 1000 ms")
      .max(3_600_000, "healthIntervalMs must be at most 3600000 ms (1 h)")
      .default(10_000),
    /** Per host; default: half the interval, at most 5 s. */
    healthTimeoutMs: z.number().int().min(100, "healthTimeoutMs must be at least 100 ms").optional(),
  })
  .refine((s) => s.healthTimeoutMs === undefined || s.healthTimeoutMs < s.healthIntervalMs, {
    message: "healthTimeoutMs must be less than healthIntervalMs: each check has to end before the next round",
    path: ["healthTimeoutMs"],
  });

export type HostSettings = z.output<typeof hostSettingsSchema>;

export const effectiveHealthTimeoutMs = (s: HostSettings) =>
  s.healthTimeoutMs ?? Math.min(5000, Math.floor(s.healthIntervalMs / 2));
