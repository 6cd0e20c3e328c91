import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The simulator bundle for local-sim tests: FLEETDECK_SIM_BUNDLE, else sim/dist/sim.mjs of this checkout, built with
 * `npm run sim:bundle` when the checkout has the simulator's sources but no bundle yet.
 */
export function simBundlePath(): string {
  const fromEnv = process.env.FLEETDECK_SIM_BUNDLE;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`FLEETDECK_SIM_BUNDLE=${fromEnv} does not exist: build it with npm run sim:bundle`);
    return fromEnv;
  }
  const local = path.resolve("sim/dist/sim.mjs");
  if (existsSync(local)) return local;
  if (existsSync(path.resolve("sim/build/bundle.ts"))) {
    execFileSync("npm", ["run", "-s", "sim:bundle"], { stdio: "inherit" });
    if (existsSync(local)) return local;
  }
  throw new Error(
    "the simulator bundle is missing: run npm run sim:bundle (sim/), or set FLEETDECK_SIM_BUNDLE to a built sim.mjs",
  );
}
