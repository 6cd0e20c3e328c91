import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Finds, by reading the source tree, every module that exposes server entry points:
 * "use server" modules (server actions) and app/ route handlers (route.ts).
 */

const SKIP = new Set(["node_modules", "generated", ".next", "fixtures", "e2e", ".test-env"]);
const SOURCE = /\.(ts|tsx|js|mjs)$/;
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function walk(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir)) {
    if (SKIP.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (SOURCE.test(entry) && !/\.test\.tsx?$/.test(entry)) out.push(path);
  }
  return out;
}

/** True when the module's first statement is the "use server" directive (comments and blank lines before it allowed). */
export function isUseServerModule(source: string): boolean {
  const stripped = source.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, "");
  return /^["']use server["'];?/.test(stripped);
}

export function discoverServerEntryPoints(root: string): { actionModules: string[]; routeModules: string[] } {
  const files = ["app", "lib", "components"].flatMap((d) => {
    try {
      return walk(join(root, d), []);
    } catch {
      return [];
    }
  });
  const actionModules = files.filter((f) => isUseServerModule(readFileSync(f, "utf8"))).map((f) => relative(root, f));
  const routeModules = files
    .filter((f) => /^app\/.*\/route\.(ts|js|mjs)$/.test(relative(root, f)))
    .map((f) => relative(root, f));
  return { actionModules: actionModules.sort(), routeModules: routeModules.sort() };
}
