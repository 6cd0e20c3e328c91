"use client";

import { useState } from "react";
import { createApiToken } from "@/lib/actions/tokens/create-api-token";
import { revokeApiToken } from "@/lib/actions/tokens/revoke-api-token";
import { buttonClass, primaryButtonClass } from "@/components/ui/buttons";
import { FormError, InputField } from "@/components/ui/field";
import { DataTable } from "@/components/ui/data-table";
import type { TokenRow } from "@/lib/queries/tokens/list-tokens";
import { type Role, TOKEN_SCOPE_INFO, TOKEN_SCOPES } from "@/lib/vocabulary/access";
import { useAction } from "@/components/ui/use-action";

function day(d: Date | null): string {
  return d ? d.toISOString().slice(0, 10) : "never";
}

export function TokensSection({ tokens, role }: { tokens: TokenRow[]; role: Role }) {
  const offered = TOKEN_SCOPES.filter((s) => role === "admin" || !TOKEN_SCOPE_INFO[s].adminOnly);
  const create = useAction(createApiToken);
  const revoke = useAction(revokeApiToken);
  const [shown, setShown] = useState<string | null>(null);
  return (
    <section aria-labelledby="tokens-heading" className="mb-10">
      <h2 id="tokens-heading" className="mb-2 text-lg font-semibold">
        API tokens
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        For automation and the CLI: <code>Authorization: Bearer fd_…</code> on <code>/api/v1</code> (see{" "}
        <a className="underline" href="/api/v1/openapi.json">
          openapi.json
        </a>
        ). A token acts with your role and grants, limited to its scopes. It is shown once; only its hash is stored.
        Revoking stops it at once.
      </p>
      {shown && (
        <div
          role="status"
          className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          <p className="mb-1 font-medium">Copy this token now: it will not be shown again.</p>
          <code data-testid="new-token" className="break-all select-all">
            {shown}
          </code>
        </div>
      )}
      <form
        className="mb-4 flex flex-wrap items-end gap-3"
        aria-label="Create a token"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          const scopes = offered.filter((s) => f.get(`scope-${s}`) === "on");
          create.run({ name: String(f.get("name")), scopes, expiresInDays: Number(f.get("expiresInDays")) }, (d) => {
            setShown(d.token);
            form.reset();
          });
        }}
      >
        <div className="w-full">
          <FormError message={create.error ?? revoke.error} />
        </div>
        <InputField label="Token name" name="name" placeholder="ci-deploy" error={create.fieldErrors.name} />
        <InputField
          label="Expires in (days)"
          name="expiresInDays"
          type="number"
          min={1}
          max={365}
          defaultValue={30}
          error={create.fieldErrors.expiresInDays}
        />
        <fieldset className="mb-3 w-full text-sm">
          <legend className="mb-1 font-medium">Scopes: what the token may do (never more than you)</legend>
          {offered.map((scope) => (
            <label key={scope} className="block">
              <input type="checkbox" name={`scope-${scope}`} defaultChecked={scope === "read"} aria-label={scope} />{" "}
              <code>{scope}</code> <span className="text-slate-500">{TOKEN_SCOPE_INFO[scope].allows}</span>
            </label>
          ))}
          {create.fieldErrors.scopes && (
            <span role="alert" className="block text-xs text-red-700">
              {create.fieldErrors.scopes.join("; ")}
            </span>
          )}
        </fieldset>
        <button type="submit" className={`${primaryButtonClass} mb-3`} disabled={!create.ready}>
          Create token
        </button>
      </form>
      <DataTable
        caption="API tokens"
        rows={tokens}
        rowKey={(t) => t.id}
        columns={[
          { header: "Name", cell: (t) => t.name },
          { header: "Token", cell: (t) => <code>{t.prefix}…</code> },
          { header: "Owner", cell: (t) => t.owner },
          { header: "Scopes", cell: (t) => t.scopes.join(", ") },
          { header: "State", cell: (t) => t.state },
          { header: "Expires", cell: (t) => day(t.expiresAt) },
          { header: "Last used", cell: (t) => day(t.lastUsedAt) },
          {
            header: "Actions",
            cell: (t) =>
              t.state === "active" ? (
                <button
                  type="button"
                  className={buttonClass}
                  aria-label={`Revoke token ${t.name}`}
                  disabled={!revoke.ready}
                  onClick={() => revoke.run({ tokenId: t.id })}
                >
                  Revoke
                </button>
              ) : null,
          },
        ]}
      />
    </section>
  );
}
