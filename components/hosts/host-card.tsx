"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/buttons";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { useAction } from "@/components/ui/use-action";
import { discoverGpus } from "@/lib/actions/hosts/discover-gpus";
import { editHost } from "@/lib/actions/hosts/edit-host";
import { removeHost } from "@/lib/actions/hosts/remove-host";
import { type HostConnectionTest, testHostConnection } from "@/lib/actions/hosts/test-host-connection";
import type { HostView } from "@/lib/queries/hosts/host-view";
import type { DiscoveryResult } from "@/lib/runtime/hosts/discover-host-gpus";
import { ConnectionResult, DiscoveryMessage } from "./connection-result";
import { EngineFactsList } from "./engine-facts";
import { GpuTable } from "./gpu-table";
import { HealthBadge } from "./health-badge";
import { HostForm } from "./host-form";
import { SimulatedBadge } from "./simulated-badge";

/** One host: state, endpoint, labels, engine facts and GPUs; for admins also Test, Discover, Edit and Remove. */
/** `now` comes from the server render, so relative times read the same when the page hydrates. */
export function HostCard({ host, canManage, now }: { host: HostView; canManage: boolean; now: Date }) {
  const [tested, setTested] = useState<HostConnectionTest | null>(null);
  const [discovered, setDiscovered] = useState<DiscoveryResult | null>(null);
  const [editing, setEditing] = useState(false);
  const test = useAction(testHostConnection);
  const discover = useAction(discoverGpus);
  const edit = useAction(editHost);
  const remove = useAction(removeHost);
  const labels = Object.entries(host.labels);
  return (
    <Card className="mb-4">
      <article aria-label={`Host ${host.name}`} data-testid="host-card">
        <header className="mb-2 flex flex-wrap items-center gap-2">
          <h3 className="text-base font-semibold">{host.name}</h3>
          <SimulatedBadge host={host} />
          <code className="text-xs text-slate-600 dark:text-slate-400">{host.endpoint || "no daemon (local)"}</code>
        </header>
        <HealthBadge health={host.health} now={now} />
        <p className="mt-1 text-sm" data-testid="host-labels">
          Labels:{" "}
          {labels.length
            ? labels.map(([k, v]) => (
                <code key={k} className="mr-1 rounded bg-slate-100 px-1 dark:bg-slate-800">{`${k}=${v}`}</code>
              ))
            : "none"}
        </p>
        {host.kind === "docker" && (
          <p className="text-xs text-slate-500">
            Credentials:{" "}
            {host.credentials.length ? `${host.credentials.join(", ")} (stored encrypted, never shown)` : "none"}
            {host.sshHostKeySha256 ? ` · pinned host key ${host.sshHostKeySha256}` : ""}
          </p>
        )}
        {host.engine && (
          <div className="mt-2">
            <EngineFactsList engine={host.engine} checkedAt={host.engineCheckedAt} />
          </div>
        )}
        <div className="mt-3">
          <GpuTable host={host} />
          {host.discovery.error && (
            <p className="mt-1 text-xs text-red-700 dark:text-red-400">
              Last discovery failed at {host.discovery.error.step}: {host.discovery.error.message}. Fix:{" "}
              {host.discovery.error.fix}
            </p>
          )}
        </div>
        {canManage && (
          <div className="mt-3 flex flex-wrap gap-2">
            <button
              type="button"
              className={buttonClass}
              disabled={!test.ready}
              onClick={() => test.run({ hostId: host.id }, setTested)}
            >
              {test.pending ? "Testing…" : "Test connection"}
            </button>
            <button
              type="button"
              className={buttonClass}
              disabled={!discover.ready}
              onClick={() => discover.run({ hostId: host.id }, setDiscovered)}
            >
              {discover.pending ? "Discovering…" : "Discover GPUs"}
            </button>
            <Modal trigger="Edit" title={`Edit ${host.name}`} open={editing} onOpenChange={setEditing}>
              <HostForm
                mode="edit"
                host={host}
                pending={edit.pending}
                error={edit.error}
                fieldErrors={edit.fieldErrors}
                onSubmit={(input) => edit.run({ ...input, hostId: host.id }, () => setEditing(false))}
              />
            </Modal>
            <button
              type="button"
              className={buttonClass}
              disabled={!remove.ready}
              onClick={() => {
                if (window.confirm(`Remove host ${host.name}? Its stored credentials are deleted too.`))
                  remove.run({ hostId: host.id });
              }}
            >
              Remove
            </button>
          </div>
        )}
        <FormError message={test.error ?? discover.error ?? remove.error} />
        {tested && <ConnectionResult result={tested} />}
        {discovered && <DiscoveryMessage result={discovered} />}
      </article>
    </Card>
  );
}
