"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { type DecodeResult, LINK_VERSION, decodeLayout } from "@/lib/layout/codec";
import type { CreateLayoutInput } from "@/lib/actions/layouts/inputs";
import { Designer } from "./designer";
import { SaveDialog } from "./save-dialog";

type CreateLayout = (input: CreateLayoutInput) => Promise<ActionResult<{ id: string; number: number }>>;

/** A shared link, read-only: the token comes from the fragment (#l=…, never sent to the server) or ?l=…. */
export function SharedLayoutView({ createLayout }: { createLayout: CreateLayout }) {
  const router = useRouter();
  const [decoded, setDecoded] = useState<DecodeResult | null>(null);
  useEffect(() => {
    const read = () => {
      const { hash, search } = window.location;
      const text = /[#&]l=/.test(hash) ? hash : /[?&]l=/.test(search) ? search : "";
      setDecoded(
        text
          ? decodeLayout(text)
          : { ok: false, code: "not-a-link", error: "this address carries no layout: a share link ends in #l=<token>" },
      );
    };
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  if (!decoded) return <p className="text-sm text-slate-500">Reading the link…</p>;
  if (!decoded.ok) {
    return (
      <div
        role="alert"
        className="rounded-md border border-red-300 bg-red-50 p-4 text-sm dark:border-red-900 dark:bg-red-950/40"
      >
        <p className="font-semibold">This share link cannot be opened.</p>
        <p className="mt-1">The link is broken: {decoded.error}.</p>
        <p className="mt-1">Nothing was opened. Ask for the link again, and copy all of it (it is long).</p>
      </div>
    );
  }
  return (
    <div className="space-y-2">
      {decoded.fromVersion < LINK_VERSION && (
        <p role="status" className="text-sm text-amber-700">
          This link was made by an older fleetdeck (version {decoded.fromVersion}); it was upgraded to open here.
        </p>
      )}
      <Designer
        key={decoded.layout.name + decoded.layout.instances.length}
        initial={decoded.layout}
        readOnly
        actions={(state) => (
          <SaveDialog
            trigger="Save a copy"
            onSave={async (note) => {
              const result = await createLayout({
                document: { ...state.layout, name: state.layout.name },
                note: note || "Saved from a share link",
              });
              if (result.ok) router.push(`/layouts/${result.data.id}`);
              return result;
            }}
          />
        )}
      />
    </div>
  );
}
