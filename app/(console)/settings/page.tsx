import type { Metadata } from "next";
import { RuntimeSection } from "@/components/settings/runtime-section";
import { DesignerSettingsSection } from "@/components/settings/designer-settings-section";
import Link from "next/link";
import { SecretsSection } from "@/components/settings/secrets-section";
import { TokensSection } from "@/components/settings/tokens-section";
import { UsersSection } from "@/components/settings/users-section";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { authorizedRead, currentActor } from "@/lib/auth/authorize";
import { canWriteAnything } from "@/lib/auth/can";
import { listUsers } from "@/lib/queries/users/list-users";
import { listSecretNames } from "@/lib/queries/secrets/list-secret-names";
import { findRuntimeSettings } from "@/lib/queries/settings/find-runtime-settings";
import { describeConfig } from "@/lib/server/describe-config";
import { listTokens } from "@/lib/queries/tokens/list-tokens";
import { getDesignerSettings } from "@/lib/queries/settings/get-designer-settings";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const actor = await currentActor();
  const isAdmin = actor?.role === "admin";
  const mayTokens = actor !== null && actor.kind === "user" && canWriteAnything(actor);
  const [users, tokens, secrets, runtime, designer] = await Promise.all([
    isAdmin ? authorizedRead("user.manage", { type: "global" }, listUsers) : null,
    mayTokens ? authorizedRead("token.manage", { type: "global" }, listTokens) : null,
    isAdmin ? authorizedRead("secret.manage", { type: "global" }, listSecretNames) : null,
    isAdmin ? authorizedRead("settings.manage", { type: "global" }, findRuntimeSettings) : null,
    isAdmin && actor?.kind === "user"
      ? authorizedRead("settings.manage", { type: "global" }, getDesignerSettings)
      : null,
  ]);
  const rows = describeConfig(actor?.role ?? "viewer");
  return (
    <>
      <PageHeader
        title="Settings"
        description="How this fleetdeck server is configured. Change these with environment variables and restart."
      />
      <p className="mb-6 text-sm">
        <Link href="/settings/hosts" className="font-medium underline">
          Hosts
        </Link>
        : register Docker hosts, test them, label them, discover their GPUs.
      </p>
      {users && <UsersSection users={users} />}
      {tokens && actor && <TokensSection tokens={tokens} role={actor.role} />}
      {secrets && <SecretsSection secrets={secrets} />}
      {designer && <DesignerSettingsSection settings={designer} />}
      {runtime && secrets && (
        <RuntimeSection
          settings={runtime}
          tokenSecrets={secrets.filter((s) => s.kind === "huggingface-token").map((s) => s.name)}
        />
      )}
      <h2 className="mb-2 text-lg font-semibold">Configuration</h2>
      <DataTable
        caption="Configuration"
        rows={rows}
        rowKey={(r) => r.name}
        columns={[
          { header: "Variable", cell: (r) => <code>{r.name}</code> },
          { header: "Value", cell: (r) => <span className="font-mono text-xs break-all">{r.value}</span> },
          { header: "Meaning", cell: (r) => r.meaning },
        ]}
      />
    </>
  );
}
