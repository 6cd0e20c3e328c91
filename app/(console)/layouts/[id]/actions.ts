"use server";
import { saveRevision as saveRevisionAction } from "@/lib/actions/layouts/save-revision";

/** Appends an immutable revision to this layout. */
export async function saveRevision(input: unknown) {
  return saveRevisionAction(input);
}
