import { z } from "zod";

/**
 * The runtime's settings (Settings → Runtime; stored as one setting row): which images may run, where the
 * Hugging Face cache lives, which stored secret is HF_TOKEN, and the simulator's knobs on simulated-GPU hosts.
 */

/** `repository:*` (any tag), `repository:tag` or `repository@sha256:…`. */
const IMAGE_PATTERN =
  /^[a-z0-9]([a-z0-9._/-]*[a-z0-9])?(:[0-9]{1,5}\/[a-z0-9._/-]+)?(:(\*|[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})|@sha256:[a-f0-9]{64})$/;

export const imageAllowEntrySchema = z
  .string()
  .trim()
  .regex(
    IMAGE_PATTERN,
    "write an image as repository:tag, repository:* (any tag) or repository@sha256:digest, e.g. vllm/vllm-openai:*",
  );

const absolutePath = z
  .string()
  .trim()
  .regex(/^\/[A-Za-z0-9._/-]*$/, "an absolute path of letters, digits, '.', '_', '-' and '/'")
  .refine((p) => !p.split("/").includes(".."), "a path without '..'");

const volumeName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, "a Docker volume name: letters, digits, '_', '.', '-'");

export const hfCacheSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("volume"), name: volumeName }),
  z.object({ kind: z.literal("host-path"), path: absolutePath }),
]);
export type HfCache = z.infer<typeof hfCacheSchema>;

/** The setting row that holds them (JSON). */
export const RUNTIME_SETTINGS_KEY = "runtime.settings";

export const DEFAULT_IMAGE_ALLOW_LIST = [
  "vllm/vllm-openai:*",
  "ghcr.io/huggingface/text-generation-inference:*",
  "fleetdeck-sim:latest",
] as const;

export const runtimeSettingsSchema = z
  .object({
    imageAllowList: z
      .array(imageAllowEntrySchema)
      .max(64)
      .default([...DEFAULT_IMAGE_ALLOW_LIST]),
    /** The image simulated-GPU hosts run instead of the engine's. */
    simImage: imageAllowEntrySchema.default("fleetdeck-sim:latest"),
    hfCache: hfCacheSchema.default({ kind: "volume", name: "fleetdeck-hf-cache" }),
    /** Host paths an admin allowed as the Hugging Face cache; hfCache.path must be one of them. */
    hfCacheAllowedPaths: z.array(absolutePath).max(16).default([]),
    /** Name of the stored secret passed to engines as HF_TOKEN; unset: none. */
    hfTokenSecret: z.string().trim().min(1).max(120).optional(),
    /** FLEETDECK_SIM_LOAD_SECONDS for simulated engines; unset: the simulator's default. */
    simLoadSeconds: z.number().min(0).max(3600).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.hfCache.kind === "host-path" && !s.hfCacheAllowedPaths.includes(s.hfCache.path)) {
      ctx.addIssue({
        code: "custom",
        path: ["hfCache", "path"],
        message: `hfCache.path "${s.hfCache.path}" is not an allowed host path: add it to hfCacheAllowedPaths (allowed: ${s.hfCacheAllowedPaths.join(", ") || "none"}) or use a named volume`,
      });
    }
    if (s.simImage.endsWith(":*")) {
      ctx.addIssue({ code: "custom", path: ["simImage"], message: "simImage names one image: give its tag" });
    }
  });

export type RuntimeSettings = z.infer<typeof runtimeSettingsSchema>;
export type RuntimeSettingsInput = z.input<typeof runtimeSettingsSchema>;

export const DEFAULT_RUNTIME_SETTINGS: RuntimeSettings = runtimeSettingsSchema.parse({});
