import type { HostView } from "@/lib/queries/hosts/host-view";
import { formatRelativeTime } from "@/lib/format";

const STEP: Record<string, string> = {
  credentials: "loading the credentials",
  dns: "DNS lookup",
  tcp: "TCP connection",
  socket: "unix socket",
  tls: "TLS handshake",
  "ssh-host-key": "SSH host key check",
  "ssh-auth": "SSH authentication",
  ssh: "SSH connection",
  "remote-docker": "docker on the SSH host",
  api: "Docker API",
};

const when = (at: Date | null, now: Date) => (at ? formatRelativeTime(at, now) : "never");

/** "reachable · rtt 1.2 ms", or "unreachable since …: <step> failed: <error>. Fix: …" */
export function HealthBadge({ health, now }: { health: HostView["health"]; now: Date }) {
  if (health.status === "reachable")
    return (
      <span data-testid="host-health" className="text-sm text-emerald-700 dark:text-emerald-400">
        ● reachable{health.rttMs !== null ? ` · rtt ${health.rttMs} ms` : ""}
        {health.since ? ` · since ${when(health.since, now)}` : ""}
      </span>
    );
  if (health.status === "unreachable")
    return (
      <span data-testid="host-health" className="text-sm text-red-700 dark:text-red-400">
        ● unreachable since {when(health.since, now)}
        {health.failingStep ? ` · ${STEP[health.failingStep] ?? health.failingStep} failed` : ""}
        {health.error ? `: ${health.error}` : ""}
        {health.fix ? (
          <span className="block text-xs text-slate-600 dark:text-slate-400">Fix: {health.fix}</span>
        ) : null}
        <span className="block text-xs text-slate-500">last seen {when(health.lastSeenAt, now)}</span>
      </span>
    );
  return (
    <span data-testid="host-health" className="text-sm text-slate-500">
      ○ not checked yet
    </span>
  );
}
