import type { APIRequestContext } from "@playwright/test";
import { BASE_URL } from "../playwright.config";

/** Stops everything of a layout through the REST API as the caller of `request`; a refusal fails the test, saying why. */
export async function stopLayout(request: APIRequestContext, layoutId: string, label: string): Promise<void> {
  const res = await request.post(`/api/v1/layouts/${layoutId}/stop`, { headers: { origin: BASE_URL } });
  if (!res.ok()) throw new Error(`stopping ${label} failed: ${res.status()} ${await res.text()}`);
}
