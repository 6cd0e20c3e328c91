import { migrateLayout } from "./migrations";
import { type Layout, layoutSchema } from "../vocabulary/layout-schema";
import { describeIssues } from "./zod-issues";

/** A stored revision's document as a Layout; older schema versions are migrated. */
export function parseRevisionDocument(
  text: string,
  where: string,
): { ok: true; layout: Layout } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: `${where} is not valid JSON; the database row was changed outside fleetdeck.` };
  }
  const version =
    typeof raw === "object" && raw !== null && "schemaVersion" in raw
      ? Number((raw as { schemaVersion: unknown }).schemaVersion)
      : 1;
  const migrated =
    typeof raw === "object" && raw !== null && version < 1
      ? migrateLayout(raw as Record<string, unknown>, version)
      : raw;
  const parsed = layoutSchema.safeParse(migrated);
  return parsed.success
    ? { ok: true, layout: parsed.data }
    : { ok: false, error: `${where} does not match the layout schema: ${describeIssues(parsed.error).join("; ")}` };
}
