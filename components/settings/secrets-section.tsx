"use client";

import { deleteSecret } from "@/lib/actions/secrets/delete-secret";
import { saveSecret } from "@/lib/actions/secrets/save-secret";
import { buttonClass, primaryButtonClass } from "@/components/ui/buttons";
import { FormError, InputField } from "@/components/ui/field";
import { DataTable } from "@/components/ui/data-table";
import type { SecretInfo } from "@/lib/queries/secrets/list-secret-names";
import { useAction } from "@/components/ui/use-action";

const KINDS = ["huggingface-token", "registry-credentials", "docker-tls", "other"];

export function SecretsSection({ secrets }: { secrets: SecretInfo[] }) {
  const save = useAction(saveSecret);
  const remove = useAction(deleteSecret);
  return (
    <section aria-labelledby="secrets-heading" className="mb-10">
      <h2 id="secrets-heading" className="mb-2 text-lg font-semibold">
        Secrets
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Hugging Face tokens, registry credentials and Docker TLS keys, encrypted at rest (AES-256-GCM, with a key
        derived from the server secret). Values are write-only: they are never shown again, sent to the browser or
        written to the audit log.
      </p>
      <DataTable
        caption="Secrets"
        rows={secrets}
        rowKey={(s) => s.id}
        columns={[
          { header: "Name", cell: (s) => <code>{s.name}</code> },
          { header: "Kind", cell: (s) => s.kind },
          { header: "Updated", cell: (s) => s.updatedAt.toISOString().slice(0, 19).replace("T", " ") },
          {
            header: "Actions",
            cell: (s) => (
              <button
                type="button"
                className={buttonClass}
                aria-label={`Delete secret ${s.name}`}
                onClick={() => remove.run({ secretId: s.id })}
              >
                Delete
              </button>
            ),
          },
        ]}
      />
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        aria-label="Store a secret"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          save.run({ name: String(f.get("name")), kind: String(f.get("kind")), value: String(f.get("value")) }, () =>
            form.reset(),
          );
        }}
      >
        <div className="w-full">
          <FormError message={save.error ?? remove.error} />
        </div>
        <InputField label="Secret name" name="name" placeholder="hf-token" error={save.fieldErrors.name} />
        <label className="mb-3 block text-sm">
          <span className="mb-1 block font-medium">Kind</span>
          <select
            name="kind"
            className="rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
          >
            {KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <InputField label="Value" name="value" type="password" autoComplete="off" error={save.fieldErrors.value} />
        <button type="submit" className={`${primaryButtonClass} mb-3`} disabled={!save.ready}>
          Store secret
        </button>
      </form>
    </section>
  );
}
