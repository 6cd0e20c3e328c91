import { main } from "./main";

/** The bundle's entry point: `node sim.mjs <command> …` (sim/README.md, "Entry point"). */
const argv = process.argv.slice(2);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => process.exit(signal === "SIGTERM" ? 0 : 130));
}

main(argv).then(
  (code) => {
    process.exitCode = code;
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(
      `fleetdeck-sim: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(70);
  },
);
