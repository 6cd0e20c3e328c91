import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { BASE_URL, E2E_DATA_DIR } from "../../playwright.config";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test("the built client chunks hold no secret and no server-only name", () => {
  const secret = readFileSync(`${E2E_DATA_DIR}/secret`, "utf8").trim();
  expect(secret.length).toBeGreaterThanOrEqual(32);
  const chunks = files(`${process.env.FLEETDECK_DIST_DIR || ".next"}/static`).filter((f) =>
    /\.(js|css|json|txt|map)$/.test(f),
  );
  expect(chunks.length).toBeGreaterThan(5);
  const needles = [
    secret,
    "FLEETDECK_SECRET",
    "DATABASE_URL",
    "hashedToken",
    "ciphertext",
    "BEGIN PRIVATE KEY",
    "fleetdeck/secrets/aes-256-gcm",
    "prisma-sqlite",
  ];
  const hits = chunks.flatMap((f) => {
    const text = readFileSync(f, "utf8");
    return needles
      .filter((n) => text.includes(n))
      .map((n) => `${f}: ${n === secret ? "(the FLEETDECK_SECRET value)" : n}`);
  });
  expect(hits).toEqual([]);
});

test("pages carry a strict CSP and the security headers", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const response = await page.goto("/instances");
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // The page hydrates under the CSP: a client button works and nothing was blocked.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit" })).toBeVisible();
  expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
});

test("the REST API refuses a cookie-authenticated write from another site", async ({ page }) => {
  const response = await page.request.post("/api/v1/revisions/any/apply", {
    headers: { origin: "https://evil.example" },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error).toMatch(/Cross-site request refused/);
});

test("the API answers anonymous callers with 401 and publishes its OpenAPI document to signed-in ones", async ({
  page,
  playwright,
}) => {
  const anon = await playwright.request.newContext({ baseURL: BASE_URL, storageState: { cookies: [], origins: [] } });
  const r = await anon.get("/api/v1/instances");
  expect(r.status()).toBe(401);
  expect(r.headers()["www-authenticate"]).toContain("Bearer");
  const doc = await page.request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  const json = await doc.json();
  expect(json.openapi).toBe("3.1.0");
  expect(Object.keys(json.paths)).toContain("/api/v1/revisions/{revisionId}/apply");
  await anon.dispose();
});
