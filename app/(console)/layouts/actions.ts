"use server";
import { createLayout as createLayoutAction } from "@/lib/actions/layouts/create-layout";

/** Creates a saved layout with revision 1 (from "New layout", a template, or "Save a copy" of a share link). */
export async function createLayout(input: unknown) {
  return createLayoutAction(input);
}
