import { z } from "zod";
import { parseProxyList, proxyEntryProblem } from "./http-gate/trusted-proxies";
import { parseSize } from "../layout/file";

/**
 * fleetdeck's configuration, read from the environment and validated once.
 * A bad value stops start-up with one line naming the variable and what it expects.
 */

const databaseUrl = z.string().refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), {
  message: "expected file:./path/to.db (SQLite) or postgres://user:pass@host:5432/db",
});

const dockerEndpoint = z.string().refine((v) => /^(unix:\/\/\/|tcp:\/\/|ssh:\/\/|npipe:)/.test(v), {
  message: "expected a comma-separated list of unix:///path.sock, tcp://host:2376 or ssh://user@host",
});

const MIB = 1024 * 1024;

const wholeMs = (min: number, max: number, what: string) => {
  const message = `expected ${what} in whole milliseconds, from ${min} to ${max}`;
  return z.coerce.number({ message }).int(message).min(min, message).max(max, message);
};

export const envSchema = z.object({
  DATABASE_URL: databaseUrl.default("file:./data/fleetdeck.db"),
  PORT: z.coerce
    .number({ message: "expected a whole number from 1 to 65535" })
    .int("expected a whole number from 1 to 65535")
    .min(1, "expected a whole number from 1 to 65535")
    .max(65535, "expected a whole number from 1 to 65535")
    .default(3000),
  PROMETHEUS_URL: z
    .url({ protocol: /^https?$/, message: "expected an http(s) URL such as http://prometheus:9090" })
    .optional(),
  FLEETDECK_METRICS_INTERVAL_MS: wholeMs(1000, 3_600_000, "the embedded scraper's interval").default(5000),
  FLEETDECK_METRICS_RETENTION_MS: wholeMs(
    60_000,
    30 * 86_400_000,
    "how long the embedded store keeps samples",
  ).optional(),
  FLEETDECK_METRICS_MAX_BYTES: z
    .string()
    .transform((v, ctx) => {
      const bytes = parseSize(v);
      if (bytes === null || bytes < MIB) {
        ctx.addIssue({
          code: "custom",
          message: "expected the embedded store's memory cap: at least 1 MiB, in bytes or with a unit (512MiB, 2GiB)",
        });
        return z.NEVER;
      }
      return bytes;
    })
    .optional(),
  FLEETDECK_METRICS_TARGETS_FILE: z.string().min(1).optional(),
  FLEETDECK_SECRET: z.string().min(32, "expected at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
  FLEETDECK_DATA_DIR: z.string().min(1).default("./data"),
  DOCKER_HOSTS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(dockerEndpoint)),
  FLEETDECK_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ),
  FLEETDECK_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform(parseProxyList)
    .superRefine((entries, ctx) => {
      for (const entry of entries) {
        const problem = proxyEntryProblem(entry);
        if (problem)
          ctx.addIssue({ code: "custom", message: `${problem}: list addresses or ranges, e.g. 10.0.0.5,10.1.0.0/16` });
      }
    }),
  FLEETDECK_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: "expected the URL people open, such as https://fleet.example.com" })
    .optional(),
  FLEETDECK_SECURE_COOKIES: z
    .enum(["true", "false"], {
      message: "expected true or false (unset: decided from FLEETDECK_PUBLIC_URL and the request)",
    })
    .optional(),
  FLEETDECK_RECONCILE_INTERVAL_MS: z.coerce
    .number({ message: "expected milliseconds between reconcile passes, e.g. 5000 (0 turns the reconciler off)" })
    .int("expected a whole number of milliseconds")
    .min(0, "expected 0 (off) or more milliseconds")
    .max(3_600_000, "expected at most 3600000 (one hour)")
    .default(5_000),
  FLEETDECK_SIM_BUNDLE: z.string().min(1).default("sim/dist/sim.mjs"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "expected one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

type Source = Record<string, string | undefined>;

/** Parses the environment; empty strings count as unset. */
export function parseEnv(source: Source): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? "environment");
  const value = cleaned[name];
  const shown = name === "FLEETDECK_SECRET" ? "(hidden)" : JSON.stringify(value);
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : "";
  throw new ConfigError(`fleetdeck: bad configuration: ${name}=${shown}: ${issue.message}${more}`);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
