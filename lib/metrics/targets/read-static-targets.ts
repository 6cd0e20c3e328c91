import "server-only";
import { readFile } from "node:fs/promises";
import { type StaticTargets, staticTargetsSchema } from "./static-targets";

export type StaticTargetsRead =
  | { status: "absent" }
  | { status: "ok"; targets: StaticTargets }
  | { status: "invalid"; message: string };

/** Reads and checks the static targets file; a missing file is no targets, a bad one is reported with its fields. */
export async function readStaticTargets(path: string): Promise<StaticTargetsRead> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { status: "absent" };
    return { status: "invalid", message: `${path}: cannot read it (${(e as Error).message})` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { status: "invalid", message: `${path}: not JSON (${(e as Error).message})` };
  }
  const parsed = staticTargetsSchema.safeParse(raw);
  if (!parsed.success)
    return {
      status: "invalid",
      message: `${path}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; ")}`,
    };
  return { status: "ok", targets: parsed.data };
}
