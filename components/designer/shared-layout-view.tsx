"use client";
import { useEffect, useState } from "react";
import type { CreateLayoutInput } from "@/lib/actions/layouts/inputs";
import type { ActionResult } from "@/lib/actions/types";
import type { DesignerAccess } from "@/lib/designer/access";
import { type DecodeResult, decodeLayout, LINK_VERSION } from "@/lib/layout/codec";
import { buttonClass } from "../ui/buttons";
import { Designer } from "./designer";
import { SaveCopyDialog } from "./save-copy-dialog";

type CreateLayout = (input: CreateLayoutInput) => Promise<ActionResult<{ id: string; number: number }>>;

const NO_QUERY_LINKS =
  "the layout is in the address's ?l= part, which fleetdeck no longer reads (it reaches the server, and long ones are refused there): ask for a new link, whose layout follows #l=";

/** The layout of the address's fragment (#l=…); the query string is never read. */
function readLink(): DecodeResult {
  const { hash, search } = window.location;
  if (/[#&]l=/.test(hash)) return decodeLayout(hash);
  if (/[?&]l=/.test(search)) return { ok: false, code: "not-a-link", error: NO_QUERY_LINKS };
  return { ok: false, code: "not-a-link", error: "this address carries no layout: a share link ends in #l=<token>" };
}

/**
 * A shared link, read-only for everyone (it lives in the link). Signed in and allowed to create layouts: "Save a
 * copy". Signed out: "Sign in to save a copy", which brings the person back to this same link.
 */
export function SharedLayoutView({
  signedIn,
  access,
  vramCeiling,
  createLayout,
}: {
  signedIn: boolean;
  access: DesignerAccess;
  vramCeiling: number;
  createLayout?: CreateLayout;
}) {
  const [decoded, setDecoded] = useState<DecodeResult | null>(null);
  const [hash, setHash] = useState("");
  useEffect(() => {
    const read = () => {
      setDecoded(readLink());
      setHash(window.location.hash);
    };
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  if (!decoded) return <p className="text-sm text-slate-600 dark:text-slate-400">Reading the link…</p>;
  if (!decoded.ok) {
    return (
      <div
        role="alert"
        className="rounded-md border border-red-300 bg-red-50 p-4 text-sm dark:border-red-900 dark:bg-red-950/40"
      >
        <p className="font-semibold">This share link cannot be opened.</p>
        <p className="mt-1 whitespace-pre-line break-words">The link is broken: {decoded.error}.</p>
        <p className="mt-1">Nothing was opened. Ask for the link again, and copy all of it (it is long).</p>
      </div>
    );
  }
  return (
    <div className="space-y-2">
      {decoded.fromVersion < LINK_VERSION && (
        <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
          This link was made by an older fleetdeck (version {decoded.fromVersion}); it was upgraded to open here.
        </p>
      )}
      <Designer
        key={hash}
        initial={decoded.layout}
        access={access}
        vramCeiling={vramCeiling}
        readOnlyReason={access.readOnlyReason}
        actions={({ state }) =>
          createLayout ? (
            <SaveCopyDialog layout={state.layout} createLayout={createLayout} note="Saved from a share link" />
          ) : (
            !signedIn && (
              <a className={buttonClass} href={`/sign-in?next=${encodeURIComponent("/layouts/share")}${hash}`}>
                Sign in to save a copy
              </a>
            )
          )
        }
      />
    </div>
  );
}
