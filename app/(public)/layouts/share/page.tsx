import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SharedLayoutView } from "@/components/designer/shared-layout-view";
import { PageHeader } from "@/components/ui/page-header";
import { createLayout } from "@/lib/actions/layouts/create-layout";
import { shareViewAccess } from "@/lib/auth/designer-access";

export const metadata: Metadata = { title: "Shared layout" };
export const dynamic = "force-dynamic";

/**
 * A layout from a share link: the layout is in the fragment (#l=…), which browsers never send, so this page holds no
 * server data and opens for anyone. When an admin requires sign-in, a signed-out visitor goes to sign-in first; the
 * browser keeps the fragment across the redirect, and the sign-in form carries it back here.
 */
export default async function SharePage() {
  const { actor, settings, mustSignIn, access } = await shareViewAccess();
  if (mustSignIn) redirect(`/sign-in?next=${encodeURIComponent("/layouts/share")}`);
  return (
    <>
      <PageHeader
        title="Shared layout"
        description="What the link holds, read-only; nothing here comes from this server's fleet."
      />
      <SharedLayoutView
        signedIn={actor !== null}
        access={access}
        vramCeiling={settings.vramCeiling}
        createLayout={access.canCreate ? createLayout : undefined}
      />
    </>
  );
}
