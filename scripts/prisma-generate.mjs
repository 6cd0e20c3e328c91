#!/usr/bin/env node
// Generates the Prisma clients for SQLite (canonical schema) and Postgres (derived), offline:
// `prisma generate` needs no schema engine, but the CLI looks for one, so point it at any executable.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sqliteSchema = join(root, "prisma/schema.prisma");
const pgDir = join(root, "lib/generated");
const pgSchema = join(pgDir, "schema.postgres.prisma");

mkdirSync(pgDir, { recursive: true });
const derived = readFileSync(sqliteSchema, "utf8")
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('output       = "../lib/generated/prisma-sqlite"', 'output       = "./prisma-pg"');
if (!derived.includes('"postgresql"') || !derived.includes("./prisma-pg")) {
  throw new Error("prisma-generate: could not derive the Postgres schema; check the generator/datasource blocks");
}
writeFileSync(pgSchema, derived);

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const prisma = join(root, "node_modules/prisma/build/index.js");
for (const schema of [sqliteSchema, pgSchema]) {
  execFileSync(process.execPath, [prisma, "generate", "--schema", schema], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
console.log("prisma clients generated (sqlite, postgresql)");
