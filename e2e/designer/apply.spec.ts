import { findTemplate } from "../../lib/layout/templates";
import type { Layout } from "../../lib/vocabulary/layout-schema";
import { DESIGNER_OPERATOR, expect, test } from "./fixtures";
import { seedLayout, setOwner } from "./seed-layout";

/**
 * Issue 15 item 3: "Apply…" in the designer shows the plan, confirms, runs the apply-revision action and shows what
 * it did or why it refused, as an operator granted team=designer. (What applying starts is the runtime's.)
 */

const SEED_2X2 = findTemplate("qwen2.5-7b-4090d-2x2-int4")!.layout;
const onHost = (name: string, layoutName: string): Layout => ({
  ...SEED_2X2,
  name: layoutName,
  hosts: SEED_2X2.hosts.map((h) => ({ ...h, id: name, name })),
  instances: SEED_2X2.instances.map((i) => ({ ...i, placement: i.placement && { ...i.placement, hostId: name } })),
});

test("an operator applies the saved revision on a granted host: plan, confirm, result", async ({ as }) => {
  const id = seedLayout(onHost("dux-apply-ok", "apply me"), [{ name: "dux-apply-ok", labels: { team: "designer" } }]);
  const page = await as("operator");
  await page.goto(`/layouts/${id}`);
  await page.getByRole("button", { name: "Apply…" }).click();
  const dialog = page.getByRole("dialog", { name: "Apply revision 1" });
  await expect(dialog.getByRole("region", { name: "Start" })).toContainText("Start (2)");
  await dialog.getByRole("button", { name: "Apply revision 1" }).click();
  await expect(dialog.getByRole("status")).toHaveText(
    "Applied revision 1: qwen7b-int4-1 on dux-apply-ok, qwen7b-int4-2 on dux-apply-ok.",
  );
  // What runs now is what the page plans against: opened again, both instances are kept.
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Apply…" }).click();
  await expect(
    page.getByRole("dialog", { name: "Apply revision 1" }).getByRole("region", { name: "Keep running" }),
  ).toContainText("Keep running (2)");
});

test("two tabs plan against the same state: the second apply is refused as stale, and a reload plans again", async ({
  as,
}) => {
  const id = seedLayout(onHost("dux-apply-race", "raced"), [{ name: "dux-apply-race", labels: { team: "designer" } }]);
  const first = await as("operator");
  const second = await first.context().newPage();
  for (const page of [first, second]) await page.goto(`/layouts/${id}`);
  for (const page of [first, second]) await page.getByRole("button", { name: "Apply…" }).click();
  const dialogOf = (page: typeof first) => page.getByRole("dialog", { name: "Apply revision 1" });
  await dialogOf(first).getByRole("button", { name: "Apply revision 1" }).click();
  await expect(dialogOf(first).getByRole("status")).toContainText("Applied revision 1");
  await dialogOf(second).getByRole("button", { name: "Apply revision 1" }).click();
  await expect(dialogOf(second).getByRole("alert")).toContainText(
    /Revision 1 .*was applied by .* review the plan again/i,
  );
  await second.reload();
  await second.getByRole("button", { name: "Apply…" }).click();
  await expect(dialogOf(second).getByRole("region", { name: "Keep running" })).toContainText("Keep running (2)");
});

test("a refusal is shown in the dialog: a host outside the grants, a host that is not registered", async ({ as }) => {
  const refused = seedLayout(onHost("dux-apply-other", "not my hosts"), [
    { name: "dux-apply-other", labels: { team: "other" } },
  ]);
  const unknown = seedLayout(onHost("dux-nowhere", "unregistered host"));
  const page = await as("operator");
  // The operator owns both, so the designer is theirs to edit; applying is still checked host by host.
  for (const id of [refused, unknown]) setOwner(id, DESIGNER_OPERATOR.username);
  for (const [id, message] of [
    [refused, "your host grants (team=designer) don't match it"],
    [unknown, 'is placed on "dux-nowhere", which is not a registered host'],
  ] as const) {
    await page.goto(`/layouts/${id}`);
    await page.getByRole("button", { name: "Apply…" }).click();
    const dialog = page.getByRole("dialog", { name: "Apply revision 1" });
    await dialog.getByRole("button", { name: "Apply revision 1" }).click();
    await expect(dialog.getByRole("alert")).toContainText(message);
    await expect(dialog.getByRole("status")).toHaveCount(0);
  }
});

test("unsaved changes: Apply says to save first and stays disabled", async ({ as }) => {
  const id = seedLayout(onHost("dux-apply-dirty", "dirty"), [
    { name: "dux-apply-dirty", labels: { team: "designer" } },
  ]);
  const page = await as("operator");
  await page.goto(`/layouts/${id}`);
  await page.getByRole("button", { name: /^Open qwen7b-int4-1:/ }).click();
  await page.getByRole("region", { name: "Instance qwen7b-int4-1" }).getByLabel("max_model_len (tokens)").fill("16384");
  await page.getByRole("button", { name: "Apply…" }).click();
  const dialog = page.getByRole("dialog", { name: "Apply revision 1" });
  await expect(dialog.getByRole("note")).toContainText("unsaved changes: save them as a revision first");
  await expect(dialog.getByRole("button", { name: "Apply revision 1" })).toBeDisabled();
});
