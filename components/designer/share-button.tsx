"use client";
import { memo, useState } from "react";
import { shareUrl } from "@/lib/layout/codec";
import { buttonClass } from "../ui/buttons";
import { inputClass } from "../ui/field";
import { Modal } from "../ui/modal";
import { useDesignerContext } from "./use-designer";

/** The whole layout in a link (versioned, compressed, URL-safe), to copy and send. Reads the layout only while open. */
export const ShareButton = memo(function ShareButton() {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <Modal
      trigger="Share"
      title="Share this layout"
      description="Anyone with the link sees the same grid, read-only (after signing in, if an admin requires it); whoever may create layouts can save a copy. The layout travels in the link itself, after the #."
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setCopied(null);
      }}
    >
      <ShareBody copied={copied} setCopied={setCopied} />
    </Modal>
  );
});

function ShareBody({ copied, setCopied }: { copied: string | null; setCopied: (message: string) => void }) {
  const { state } = useDesignerContext();
  const url = shareUrl(state.layout, window.location.origin);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("Copied to the clipboard.");
    } catch {
      setCopied("The browser did not allow copying: select the link and copy it by hand.");
    }
  };
  return (
    <>
      <label htmlFor="share-link" className="block text-xs font-medium">
        Share link ({url.length.toLocaleString("en-US")} characters)
      </label>
      <input
        id="share-link"
        readOnly
        className={`${inputClass} font-mono text-xs`}
        value={url}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button type="button" className={`${buttonClass} mt-2`} onClick={copy}>
        Copy link
      </button>
      {copied && (
        <p role="status" className="mt-2 text-sm">
          {copied}
        </p>
      )}
    </>
  );
}
