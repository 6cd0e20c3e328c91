/**
 * `fleetdeck layout <encode|decode|validate|place>`: share links, validation and placement from the terminal.
 * Exit codes: 0 ok, 1 the layout has errors (or instances stayed unplaced), 2 bad usage.
 */
import { readFile } from "node:fs/promises";
import { budgetFits, slotMemoryBytes } from "../../lib/layout/resolvers";
import { checkLayout } from "../../lib/layout/check-layout";
import { decodeLayout, shareUrl } from "../../lib/layout/codec";
import { formatLayoutJson, parseLayoutText } from "../../lib/layout/file";
import type { Finding } from "../../lib/vocabulary/finding";
import { type PlacementPolicy, placeInstances } from "../../lib/layout/place";
import type { Layout } from "../../lib/vocabulary/layout-schema";

const USAGE = `usage: fleetdeck layout <command>

  encode <file>                              print the share URL of a layout file (JSON or YAML)
  decode <url|token>                         print the layout of a share link as JSON
  validate <file>                            print findings; exit 1 when there are errors
  place <file> [--policy binpack|spread] [--all]
                                             print the layout with GPUs assigned (JSON on stdout,
                                             one line per instance on stderr); --all re-places
                                             instances that already have a placement

The share URL's base is $FLEETDECK_URL (default http://localhost:3000).`;

class UsageError extends Error {}

export async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "encode":
        return await encode(rest);
      case "decode":
        return decode(rest);
      case "validate":
        return await validate(rest);
      case "place":
        return await place(rest);
      case "--help":
      case "-h":
      case "help":
        console.log(USAGE);
        return 0;
      default:
        throw new UsageError(
          command
            ? `unknown layout command "${command}": use encode, decode, validate or place`
            : "layout needs a command",
        );
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
}

function onePositional(args: string[], what: string): string {
  const positional = args.filter((a) => !a.startsWith("--"));
  const unknown = args.filter((a) => a.startsWith("--"));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}`);
  if (positional.length !== 1)
    throw new UsageError(
      positional.length === 0 ? `missing ${what}` : `expected one ${what}, got ${positional.length}`,
    );
  return positional[0]!;
}

/** The layout in a file, or null after printing why it could not be read. */
async function readLayout(path: string): Promise<Layout | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === "ENOENT" ? `${path}: no such file` : `${path}: cannot read (${code ?? String(error)})`);
    return null;
  }
  const parsed = parseLayoutText(text, { fileName: path });
  if (!parsed.ok) {
    for (const line of parsed.errors) console.error(`${path}: ${line}`);
    return null;
  }
  return parsed.layout;
}

async function encode(args: string[]): Promise<number> {
  const layout = await readLayout(onePositional(args, "layout file"));
  if (!layout) return 1;
  console.log(shareUrl(layout, process.env.FLEETDECK_URL || "http://localhost:3000"));
  return 0;
}

function decode(args: string[]): number {
  const result = decodeLayout(onePositional(args, "share URL or token"));
  if (!result.ok) {
    console.error(result.error);
    return 1;
  }
  if (result.fromVersion !== 1)
    console.error(`note: this link was made with layout version ${result.fromVersion}; shown migrated to version 1`);
  process.stdout.write(formatLayoutJson(result.layout));
  return 0;
}

function formatFinding(f: Finding): string {
  const where = [
    f.hostId && `host ${f.hostId}`,
    f.gpuIndex !== undefined && `GPU ${f.gpuIndex}`,
    f.instanceId && `instance ${f.instanceId}`,
  ]
    .filter(Boolean)
    .join(", ");
  return `${f.severity.padEnd(7)} ${f.code}${where ? ` (${where})` : ""}: ${f.message}${f.fix ? `\n        fix: ${f.fix}` : ""}`;
}

async function validate(args: string[]): Promise<number> {
  const path = onePositional(args, "layout file");
  const layout = await readLayout(path);
  if (!layout) return 1;
  const { findings } = checkLayout(layout);
  for (const f of findings) console.log(formatFinding(f));
  const errors = findings.filter((f) => f.severity === "error").length;
  console.log(`${path}: ${errors} error(s), ${findings.length - errors} warning(s)`);
  return errors > 0 ? 1 : 0;
}

function parsePlaceArgs(args: string[]): { file: string; policy: PlacementPolicy; all: boolean } {
  let policy: PlacementPolicy = "binpack";
  let all = false;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--all") all = true;
    else if (arg === "--policy" || arg.startsWith("--policy=")) {
      const value = arg.includes("=") ? arg.slice("--policy=".length) : args[++i];
      if (value !== "binpack" && value !== "spread")
        throw new UsageError(`--policy takes binpack or spread, not ${value === undefined ? "nothing" : `"${value}"`}`);
      policy = value;
    } else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  return { file: onePositional(positional, "layout file"), policy, all };
}

async function place(args: string[]): Promise<number> {
  const { file, policy, all } = parsePlaceArgs(args);
  const layout = await readLayout(file);
  if (!layout) return 1;
  const { layout: placed, results } = placeInstances(layout, {
    policy,
    only: all ? "all" : "unplaced",
    fits: budgetFits,
    gpuMemoryBytes: slotMemoryBytes,
  });
  const byId = new Map(placed.instances.map((i) => [i.id, i]));
  for (const r of results) {
    const p = byId.get(r.instanceId)?.placement;
    const where = p ? `${p.hostId} GPU ${p.gpuIndices.join(",")}` : "";
    console.error(
      r.placed
        ? `${r.kept ? "kept  " : "placed"} ${r.instanceId} on ${where}`
        : `unplaced ${r.instanceId}: ${r.reason}`,
    );
  }
  process.stdout.write(formatLayoutJson(placed));
  return results.every((r) => r.placed) ? 0 : 1;
}
