/**
 * Child process of bench/host-poll.ts: starts fake Docker daemons on loopback (see lib/runtime/testing/fake-dockerd)
 * and prints their URLs as one JSON line, so the poller under test does not share an event loop with its targets.
 * Usage: fake-docker-hosts.ts <fast> <slow> <slowDelayMs> <hung>
 */
import { startFakeDockerd } from "@/lib/runtime/testing/fake-dockerd";

const [fast = 0, slow = 0, slowDelayMs = 0, hung = 0] = process.argv.slice(2).map(Number);
const start = (count: number, delayMs: number) =>
  Promise.all(Array.from({ length: count }, () => startFakeDockerd({ delayMs })));

const [fastHosts, slowHosts, hungHosts] = await Promise.all([
  start(fast, 0),
  start(slow, slowDelayMs),
  start(hung, 3_600_000),
]);
process.stdout.write(
  `${JSON.stringify({ fast: fastHosts.map((h) => h.url), slow: slowHosts.map((h) => h.url), hung: hungHosts.map((h) => h.url) })}\n`,
);
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
