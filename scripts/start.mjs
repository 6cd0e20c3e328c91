#!/usr/bin/env node
// `npm start`: check the configuration, build when the sources are newer than the last build,
// then serve through fleetdeck's HTTP server (scripts/server.mjs, Next's custom-server API: it decides the
// client's address and refuses bad requests before Next). The app migrates the database when it boots
// (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const root = fileURLToPath(new URL("..", import.meta.url));
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const { parseEnv, ConfigError } = await tsImport("../lib/server/env.ts", import.meta.url);
try {
  parseEnv(process.env);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : String(err));
  process.exit(2);
}

const SOURCES = [
  "app",
  "proxy.ts",
  "components",
  "lib",
  "public",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
];
const SKIP = new Set(["node_modules", "generated", "fixtures"]);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (SKIP.has(entry) || entry.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const buildId = join(root, process.env.FLEETDECK_DIST_DIR || ".next", "BUILD_ID");
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
if (sourcesAt > builtAt) {
  console.log(
    builtAt ? "fleetdeck: sources changed since the last build; building…" : "fleetdeck: first start; building…",
  );
  const started = Date.now();
  const build = spawnSync(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "build"], {
    stdio: "inherit",
  });
  if (build.status !== 0) {
    console.error("fleetdeck: the build failed (see above); nothing was started");
    process.exit(build.status ?? 1);
  }
  console.log(`fleetdeck: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const server = spawn(process.execPath, [join(root, "scripts/server.mjs")], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
