import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * `admin …`: commands that work on this machine's fleetdeck database directly (DATABASE_URL, FLEETDECK_DATA_DIR as
 * for `npm start`), for headless setups. The server's modules are loaded under Node's react-server condition (they
 * refuse to load anywhere else), so the work runs in a child process started that way.
 */
export function run(args: string[]): Promise<number> {
  const main = fileURLToPath(new URL("./main.ts", import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", main, ...args], {
      stdio: "inherit",
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
