"use client";

import { useId, useState } from "react";
import { primaryButtonClass } from "@/components/ui/buttons";
import { FormError, InputField } from "@/components/ui/field";
import type { HostView } from "@/lib/queries/hosts/host-view";
import { GpuFields } from "./gpu-fields";
import { hostFormInput } from "./host-form-input";

const selectClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950";
const textareaClass = `${selectClass} w-full font-mono text-xs`;

export interface HostFormProps {
  mode: "add" | "edit";
  host?: HostView;
  pending: boolean;
  error: string | null;
  fieldErrors: Record<string, string[]>;
  onSubmit: (input: Record<string, unknown>) => void;
}

function Pem({ name, label, hint, error }: { name: string; label: string; hint: string; error?: string[] }) {
  const id = useId();
  return (
    <div className="mb-3 text-sm">
      <label htmlFor={id} className="mb-1 block font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={3}
        autoComplete="off"
        spellCheck={false}
        placeholder={hint}
        className={textareaClass}
        aria-invalid={error ? true : undefined}
      />
      {error && <p className="text-xs text-red-700 dark:text-red-400">{error.join("; ")}</p>}
    </div>
  );
}

/** Add or edit a host. Credentials are write-only: on edit the fields start blank and blank keeps the stored ones. */
export function HostForm({ mode, host, pending, error, fieldErrors, onSubmit }: HostFormProps) {
  const [kind, setKind] = useState(host?.kind ?? "docker");
  const [url, setUrl] = useState(host?.endpoint ?? "");
  const keep = mode === "edit" ? "blank: keep the stored one" : "";
  const f = (name: string) => fieldErrors[name];
  const stored = (role: string) => host?.credentials.includes(role as never);
  return (
    <form
      aria-label={mode === "add" ? "Add a host" : `Edit host ${host?.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(hostFormInput(new FormData(e.currentTarget), mode));
      }}
    >
      <FormError message={error} />
      <input type="hidden" name="originalUrl" value={host?.endpoint ?? ""} />
      <input type="hidden" name="kind" value={kind} />
      <InputField label="Name" name="name" defaultValue={host?.name} placeholder="gpu-node-1" error={f("name")} />
      {mode === "add" && (
        <fieldset className="mb-3 text-sm">
          <legend className="mb-1 font-medium">Kind</legend>
          <label className="mr-4">
            <input type="radio" checked={kind === "docker"} onChange={() => setKind("docker")} /> Docker endpoint
          </label>
          <label>
            <input type="radio" checked={kind === "local-sim"} onChange={() => setKind("local-sim")} /> Local simulated
            host (no Docker; engines run as simulator processes)
          </label>
        </fieldset>
      )}
      {kind === "docker" && (
        <>
          <InputField
            label="Endpoint URL"
            name="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="unix:///var/run/docker.sock, tcp://gpu-1:2376 or ssh://deploy@gpu-1"
            error={f("endpoint.url") ?? f("endpoint")}
          />
          {url.startsWith("tcp:") && (
            <fieldset className="mb-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <legend className="px-1 text-sm font-medium">
                TLS client certificate{stored("tls-key") ? " (stored; leave blank to keep)" : ""}
              </legend>
              <Pem
                name="caPem"
                label="CA certificate (ca.pem)"
                hint={keep || "paste the whole PEM file"}
                error={f("endpoint.tls.caPem")}
              />
              <Pem
                name="certPem"
                label="Client certificate (cert.pem)"
                hint={keep || "paste the whole PEM file"}
                error={f("endpoint.tls.certPem")}
              />
              <Pem
                name="keyPem"
                label="Client key (key.pem)"
                hint={keep || "paste key.pem (unencrypted)"}
                error={f("endpoint.tls.keyPem") ?? f("endpoint.tls")}
              />
            </fieldset>
          )}
          {url.startsWith("ssh:") && (
            <fieldset className="mb-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <legend className="px-1 text-sm font-medium">
                SSH{stored("ssh-key") ? " (a key is stored; leave blank to keep)" : ""}
              </legend>
              <Pem
                name="privateKeyPem"
                label="Private key"
                hint={keep || "paste the key file, e.g. ~/.ssh/id_ed25519"}
                error={f("endpoint.ssh.privateKeyPem")}
              />
              <InputField
                label="Key passphrase (optional)"
                name="passphrase"
                type="password"
                autoComplete="off"
                error={f("endpoint.ssh.passphrase")}
              />
              <InputField
                label="Host key to pin (optional, SHA256:…)"
                name="hostKeySha256"
                defaultValue={host?.sshHostKeySha256 ?? ""}
                error={f("endpoint.ssh.hostKeySha256")}
              />
            </fieldset>
          )}
        </>
      )}
      <InputField
        label="Labels (what role grants match)"
        name="labels"
        defaultValue={Object.entries(host?.labels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")}
        placeholder="team=a, zone=eu"
        error={f("labels")}
      />
      <GpuFields kind={kind} host={host} fieldErrors={fieldErrors} />
      <button type="submit" className={primaryButtonClass} disabled={pending}>
        {mode === "add" ? "Add host" : "Save changes"}
      </button>
    </form>
  );
}
