"use client";

import { useState } from "react";
import { createPasswordResetLink } from "@/lib/actions/users/create-password-reset-link";
import { deleteUser } from "@/lib/actions/users/delete-user";
import { disableUser } from "@/lib/actions/users/disable-user";
import { enableUser } from "@/lib/actions/users/enable-user";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import type { UserRow } from "@/lib/queries/users/list-users";

type Asked = "disable" | "delete" | null;

/** Disable or enable, reset the password (a one-time link the admin copies), delete: each asks first where it bites. */
export function UserActions({ user }: { user: UserRow }) {
  const disable = useAction(disableUser);
  const enable = useAction(enableUser);
  const remove = useAction(deleteUser);
  const reset = useAction(createPasswordResetLink);
  const [asked, setAsked] = useState<Asked>(null);
  const [link, setLink] = useState<string | null>(null);
  const error = disable.error ?? enable.error ?? remove.error ?? reset.error;
  const ready = disable.ready && enable.ready && remove.ready && reset.ready;
  const small = "text-xs underline disabled:opacity-50";
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {user.disabled ? (
        <button
          type="button"
          className={small}
          aria-label={`Enable ${user.username}`}
          disabled={!ready}
          onClick={() => enable.run({ userId: user.id })}
        >
          Enable
        </button>
      ) : (
        <button
          type="button"
          className={small}
          aria-label={`Disable ${user.username}`}
          disabled={!ready}
          onClick={() => setAsked("disable")}
        >
          Disable
        </button>
      )}
      <button
        type="button"
        className={small}
        aria-label={`Reset the password of ${user.username}`}
        disabled={!ready || user.disabled}
        onClick={() => reset.run({ userId: user.id }, (d) => setLink(`${window.location.origin}${d.path}`))}
      >
        Reset password
      </button>
      <button
        type="button"
        className={`${small} text-red-700`}
        aria-label={`Delete ${user.username}`}
        disabled={!ready}
        onClick={() => setAsked("delete")}
      >
        Delete
      </button>
      {link && (
        <span role="status" className="block w-full text-xs">
          One-time link for {user.username} (valid 24 h, shown once):{" "}
          <code data-testid="reset-link" className="break-all select-all">
            {link}
          </code>
        </span>
      )}
      {error && (
        <span role="alert" className="block w-full text-xs text-red-700">
          {error}
        </span>
      )}
      <ConfirmDialog
        open={asked === "disable"}
        title={`Disable ${user.username}?`}
        description={`${user.username} is signed out everywhere at once and their API tokens stop working. Enable the account to let them back in.`}
        confirmLabel="Disable"
        onCancel={() => setAsked(null)}
        onConfirm={() => {
          setAsked(null);
          disable.run({ userId: user.id });
        }}
      />
      <ConfirmDialog
        open={asked === "delete"}
        title={`Delete ${user.username}?`}
        description={`Their sessions, API tokens and grants go with the account; their layouts stay, without an owner. The audit log keeps what they did. This cannot be undone.`}
        confirmLabel="Delete"
        onCancel={() => setAsked(null)}
        onConfirm={() => {
          setAsked(null);
          remove.run({ userId: user.id });
        }}
      />
    </span>
  );
}
