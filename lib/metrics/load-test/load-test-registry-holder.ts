import "server-only";
import { loadTestQueries } from "../../queries/load-tests/load-test-queries";
import { LoadTestRegistry } from "./load-test-registry";

const holder = globalThis as typeof globalThis & { __fleetdeckLoadTests?: LoadTestRegistry };

/** The process's load test registry (shared by server actions and route handlers, which Next bundles apart). */
export function loadTestRegistry(): LoadTestRegistry {
  holder.__fleetdeckLoadTests ??= new LoadTestRegistry(loadTestQueries());
  return holder.__fleetdeckLoadTests;
}
