import { z } from "zod";
import { findGpu } from "../../catalog";
import { parseSize } from "../../layout/file";
import { hostSettingsSchema } from "../../vocabulary/host-settings";

/**
 * The inputs of the hosts actions and of /api/v1/hosts (also read by the OpenAPI document and the forms). Secret
 * fields (PEM keys, passphrases) are write-only: they are stored encrypted and never come back.
 */

export const hostIdInput = z.object({
  hostId: z.string().min(1, "give the host's id (GET /api/v1/hosts lists them)").max(64),
});

export const hostNameSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
    "use 1–63 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. gpu-node-1)",
  );

const LABEL_KEY = /^[A-Za-z0-9._/-]{1,63}$/;
const LABEL_VALUE = /^[A-Za-z0-9._-]{0,63}$/;

/** "team=a, zone=eu" as an object; a pair without "=" is reported with its text. */
function labelText(text: string, ctx: z.RefinementCtx): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf("=");
    if (at <= 0) {
      ctx.addIssue({ code: "custom", message: `"${pair}" is not key=value: write labels as team=a, zone=eu` });
      continue;
    }
    out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return out;
}

/** The labels role grants match (`team=a`): an object, or the text "team=a, zone=eu". */
export const labelsSchema = z.preprocess(
  (value, ctx) => (typeof value === "string" ? labelText(value, ctx) : value),
  z
    .record(
      z.string().regex(LABEL_KEY, "a label key is 1–63 letters, digits, '.', '_', '/' or '-' (e.g. team, gpu.vendor)"),
      z.string().regex(LABEL_VALUE, "a label value is up to 63 letters, digits, '.', '_' or '-' (e.g. a, eu-west)"),
    )
    .refine((labels) => Object.keys(labels).length <= 32, "a host has at most 32 labels"),
);

const catalogGpuId = (field: string) =>
  z
    .string()
    .trim()
    .min(1, `${field}: name a catalog GPU (e.g. rtx-4090d, H100 80GB)`)
    .transform((name, ctx) => {
      const gpu = name === "custom" ? undefined : findGpu(name);
      if (!gpu) {
        ctx.addIssue({
          code: "custom",
          message: `"${name}" is not a catalog GPU: use a catalog id or name such as rtx-4090d, h100-sxm, L40S`,
        });
        return z.NEVER;
      }
      return gpu.id;
    });

const gpuCount = z
  .number({ message: "count must be a whole number of GPUs, 1 to 64" })
  .int("count must be a whole number of GPUs, 1 to 64")
  .min(1, "count must be at least 1")
  .max(64, "count must be at most 64");

/** "simulated GPUs: 4× RTX 4090D": the simulator plays these GPUs on this host. */
export const simulatedGpusSchema = z.object({ gpuId: catalogGpuId("gpuId"), count: gpuCount });

const sizeSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const bytes = typeof value === "number" ? value : parseSize(value);
  if (bytes === null || !Number.isSafeInteger(bytes) || bytes <= 0) {
    ctx.addIssue({ code: "custom", message: "memoryBytes is a size such as 24GiB, 80GB or a number of bytes" });
    return z.NEVER;
  }
  return bytes;
});

/** GPUs declared by hand: count × a catalog GPU, or count × "custom" with memoryBytes. */
export const declaredGpusSchema = z
  .object({
    count: gpuCount,
    gpuId: z.string().trim().min(1, "gpuId: name a catalog GPU, or custom with memoryBytes"),
    memoryBytes: sizeSchema.optional(),
  })
  .transform((declared, ctx) => {
    if (declared.gpuId === "custom") {
      if (declared.memoryBytes === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["memoryBytes"],
          message: "a custom GPU needs memoryBytes (e.g. 48GiB): the budget cannot guess its memory",
        });
        return z.NEVER;
      }
      return { count: declared.count, gpuId: "custom", memoryBytes: declared.memoryBytes };
    }
    const gpu = findGpu(declared.gpuId);
    if (!gpu) {
      ctx.addIssue({
        code: "custom",
        path: ["gpuId"],
        message: `"${declared.gpuId}" is not a catalog GPU: use a catalog id or name (rtx-4090d, h100-sxm, L40S), or custom with memoryBytes`,
      });
      return z.NEVER;
    }
    return { count: declared.count, gpuId: gpu.id, memoryBytes: declared.memoryBytes ?? null };
  });

const pemText = z.string().max(65_536, "a PEM file is at most 65,536 characters");

/** The endpoint as entered: the URL and, when they change, the credentials (blank: keep the stored ones). */
export const endpointInputSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, "give the Docker endpoint: unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host"),
  tls: z.object({ caPem: pemText, certPem: pemText, keyPem: pemText }).optional(),
  ssh: z
    .object({
      privateKeyPem: pemText.optional(),
      passphrase: z.string().max(1024).optional(),
      hostKeySha256: z.string().trim().max(100).optional(),
    })
    .optional(),
});

export const dcgmUrlSchema = z.url({
  protocol: /^https?$/,
  message: "dcgmUrl is dcgm-exporter's metrics URL, e.g. http://gpu-node-1:9400/metrics",
});

export const addHostInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("docker").default("docker"),
    name: hostNameSchema,
    endpoint: endpointInputSchema,
    labels: labelsSchema.default({}),
    simulatedGpus: simulatedGpusSchema.nullable().default(null),
    declaredGpus: declaredGpusSchema.nullable().default(null),
    dcgmUrl: dcgmUrlSchema.nullable().default(null),
  }),
  z.object({
    kind: z.literal("local-sim"),
    name: hostNameSchema,
    labels: labelsSchema.default({}),
    simulatedGpus: simulatedGpusSchema.default({ gpuId: "rtx-4090d", count: 4 }),
  }),
]);

/** The form and the API may omit kind: a Docker host. */
export const addHostInputWithDefault = z.preprocess(
  (value) =>
    value && typeof value === "object" && !Array.isArray(value) && !("kind" in value)
      ? { ...value, kind: "docker" }
      : value,
  addHostInput,
);

export const editHostInput = hostIdInput.extend({
  name: hostNameSchema.optional(),
  endpoint: endpointInputSchema.optional(),
  labels: labelsSchema.optional(),
  simulatedGpus: simulatedGpusSchema.nullable().optional(),
  declaredGpus: declaredGpusSchema.nullable().optional(),
  dcgmUrl: dcgmUrlSchema.nullable().optional(),
});

export const declareGpusInput = hostIdInput.extend({ declaredGpus: declaredGpusSchema.nullable() });

export const listHostsInput = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce
    .number({ message: "limit is a whole number from 1 to 1000" })
    .int("limit is a whole number from 1 to 1000")
    .min(1, "limit is a whole number from 1 to 1000")
    .max(1000, "limit is at most 1000; page with nextCursor")
    .default(100),
});

export const updateHostSettingsInput = hostSettingsSchema;

export type AddHostInput = z.infer<typeof addHostInput>;
export type EditHostInput = z.infer<typeof editHostInput>;
