/**
 * Designer page benchmark in real Chromium: a 64-host × 8-GPU layout with 200 instances.
 * Measures, in the page with the performance API, the main-thread work an input event costs before its frame is on
 * screen (script to React's commit, style and layout, the next frame's paint), and the time to that frame. Cases: an edit in the side panel (gpu_memory_utilization: all budgets and findings
 * recomputed), a drag step (pointermove over a new cell: the drop preview), a drop (move a block: layout edit).
 * Baseline in the same run: the same operations on the seed's 2×2 layout (1 host × 4 GPUs, 2 instances).
 * Run: npx tsx bench/designer-page.ts → prints a table, writes bench/results/designer-page.json.
 * BENCH_PROFILE=1 also writes CPU profiles and BENCH_TRACE=1 Chrome traces (op:* marks bound each operation) to .test-env/;
 * BENCH_DRAG_ONLY=1 skips the edits (a profile of drags and drops alone).
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { type Page, chromium } from "@playwright/test";
import { encodeLayout } from "../lib/layout/codec";
import { syntheticFleet } from "../lib/layout/testing/fleet-fixtures";
import { placeInstances } from "../lib/layout/place";
import type { Layout } from "../lib/vocabulary/layout-schema";
import { TEMPLATES } from "../lib/layout/templates";
import { slotMemoryBytes } from "../lib/layout/resolvers";
import { type Sample, inPageMeasure } from "./designer-page-probe";
import { spread } from "./stats";

/** A whole number from the environment, or a one-line error naming the variable, the value and what it takes. */
function wholeFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name}=${JSON.stringify(raw)}: give a whole number from ${min} to ${max} (default ${fallback})`);
  return n;
}

const PORT = wholeFromEnv("BENCH_PORT", 3210, 1, 65535);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = wholeFromEnv("BENCH_RUNS", 30, 1, 1000);
const ADMIN = { email: "bench@example.test", username: "bench-admin", password: "bench-password-123" };

async function startServer(): Promise<() => void> {
  rmSync(".test-env/bench.db", { force: true });
  rmSync(".test-env/bench-data", { recursive: true, force: true });
  const server = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOSTNAME_BIND: "127.0.0.1",
      DATABASE_URL: "file:./.test-env/bench.db",
      FLEETDECK_DATA_DIR: ".test-env/bench-data",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${BASE}/sign-in`)).status < 500) return () => process.kill(-server.pid!, "SIGTERM");
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start");
}

async function signIn(page: Page) {
  await page.goto(`${BASE}/fleet`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Password again").fill(ADMIN.password);
  await page.getByRole("button", { name: /create admin/i }).click();
  await page.waitForURL(/\/fleet$/);
}

/** Opens a layout for editing: through its share link and "Save a copy", as a person would. */
async function openEditable(page: Page, layout: Layout) {
  await page.goto(`${BASE}/layouts/share#l=${encodeLayout(layout)}`);
  await page.getByRole("button", { name: "Save a copy" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Save revision" }).click();
  await page.waitForURL(/\/layouts\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await page.getByRole("grid", { name: "GPU layout" }).waitFor();
}

const stats = (xs: number[]) => spread(xs, 2);

async function measureLayout(page: Page, name: string, layout: Layout) {
  await openEditable(page, layout);
  // An instance near the top of the grid (rows are windowed: one far down the page is not in the DOM until scrolled
  // to) that is narrower than its host, so each drop really moves it.
  const near = new Map(layout.hosts.slice(0, 4).map((h) => [h.id, h.gpus.length]));
  const instance = layout.instances.find((i) => i.placement && i.tp < (near.get(i.placement.hostId) ?? 0))!;
  // tsx keeps function names with an `__name` helper that the page does not have.
  await page.evaluate("globalThis.__name = (f) => f");
  const cdp = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await cdp.send("Profiler.start");
  }
  const trace = process.env.BENCH_TRACE ? await page.context().newCDPSession(page) : null;
  const traceEvents: unknown[] = [];
  if (trace) {
    trace.on("Tracing.dataCollected", (e) => traceEvents.push(...e.value));
    await trace.send("Tracing.start", {
      categories: "devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,toplevel",
      transferMode: "ReportEvents",
    });
  }
  const samples: Sample[] = await page.evaluate(inPageMeasure, {
    instanceId: instance.id,
    runs: RUNS,
    edits: process.env.BENCH_DRAG_ONLY !== "1",
  });
  if (trace) {
    const done = new Promise((r) => trace.once("Tracing.tracingComplete", r));
    await trace.send("Tracing.end");
    await done;
    writeFileSync(`.test-env/designer-${layout.instances.length}.trace.json`, JSON.stringify({ traceEvents }));
  }
  if (cdp) {
    const { profile } = await cdp.send("Profiler.stop");
    writeFileSync(`.test-env/designer-${layout.instances.length}.cpuprofile`, JSON.stringify(profile));
  }
  const pick = (kind: Sample["kind"]) => samples.filter((s) => s.kind === kind);
  const summary = (kind: Sample["kind"]) => ({
    frameWorkMs: stats(pick(kind).map((s) => s.scriptMs + s.layoutMs + s.renderMs)),
    scriptMs: stats(pick(kind).map((s) => s.scriptMs)),
    deriveMs: stats(pick(kind).map((s) => s.deriveMs)),
    styleLayoutMs: stats(pick(kind).map((s) => s.layoutMs)),
    renderMs: stats(pick(kind).map((s) => s.renderMs)),
    toNextFrameMs: stats(pick(kind).map((s) => s.toFrameMs)),
  });
  return {
    name,
    hosts: layout.hosts.length,
    gpus: layout.hosts.reduce((n, h) => n + h.gpus.length, 0),
    instances: layout.instances.length,
    edit: summary("edit"),
    dragStep: summary("drag-step"),
    drop: summary("drop"),
  };
}

async function main() {
  mkdirSync(".test-env", { recursive: true });
  const stop = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.FLEETDECK_TEST_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await signIn(page);
    const big = placeInstances(syntheticFleet(64, 200), { policy: "binpack", gpuMemoryBytes: slotMemoryBytes }).layout;
    const seed = TEMPLATES.find((t) => t.id === "qwen2.5-7b-4090d-2x2-int4")!.layout;
    const baseline = await measureLayout(page, "baseline: seed 2×2 (1 host × 4 GPUs, 2 instances)", seed);
    const large = await measureLayout(page, "64 hosts × 8 GPUs, 200 instances", big);
    const result = {
      benchmark: "designer-page",
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? "unknown",
        browser: `chromium ${browser.version()}`,
      },
      runs: RUNS,
      method:
        "In the page, with performance.now(), 30 runs of each operation: frameWork = script + styleLayout + render, the main-thread time the operation costs before its frame is on screen (the number to hold under 16 ms). script = event dispatch → the first DOM mutation (a MutationObserver callback after React's commit): handlers, derive, render, commit. derive = the designer:derive measure (lib/budget + lib/layout/rules + grid view models), part of script. styleLayout = the style recalculation and layout forced right after. render = the next frame's rendering update (prepaint, paint, layerize): rAF callback → a posted message. toNextFrame = event → after that frame, including the wait for vsync. Chromium with --disable-gpu (software rendering) on 2 shared vCPUs beside the Next.js server.",
      cases: [baseline, large],
    };
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/designer-page.json", `${JSON.stringify(result, null, 2)}\n`);
    for (const c of result.cases) {
      console.log(`\n${c.name}`);
      for (const k of ["edit", "dragStep", "drop"] as const) {
        const v = c[k];
        console.log(
          `  ${k.padEnd(9)} frame work median ${v.frameWorkMs.median} p95 ${v.frameWorkMs.p95} ms = script ${v.scriptMs.median} (derive ${v.deriveMs.median}) + style/layout ${v.styleLayoutMs.median} + render ${v.renderMs.median} | to next frame ${v.toNextFrameMs.median}`,
        );
      }
    }
  } finally {
    await browser.close();
    stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
