"use client";

import { useState } from "react";
import { setUserRole } from "@/lib/actions/users/set-user-role";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import type { UserRow } from "@/lib/queries/users/list-users";

export const ROLES = ["viewer", "operator", "admin"] as const;

const a = (word: string | null) => (word && /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

const MAY: Record<(typeof ROLES)[number], string> = {
  viewer: "read everything and change nothing",
  operator: "design layouts and apply, start and stop on the hosts their grants match",
  admin: "do everything: users, hosts, secrets and settings",
};

/**
 * A user's role: changing it asks first, and the select shows the role the server has: back to the old one when the
 * change is cancelled or refused.
 */
export function RoleSelect({ user }: { user: UserRow }) {
  const change = useAction(setUserRole);
  const [shown, setShown] = useState(user.role);
  const [asked, setAsked] = useState<string | null>(null);
  const [base, setBase] = useState(user.role);
  if (base !== user.role) {
    setBase(user.role);
    setShown(user.role);
  }
  return (
    <>
      <select
        aria-label={`Role of ${user.username}`}
        value={shown}
        disabled={!change.ready}
        onChange={(e) => setAsked(e.target.value)}
        className="rounded border border-slate-300 bg-white px-1 dark:border-slate-700 dark:bg-slate-950"
      >
        {ROLES.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      <ConfirmDialog
        open={asked !== null}
        title={`Make ${user.username} ${a(asked)}?`}
        description={`${user.username} is ${a(user.role)} now. As ${a(asked)} they may ${MAY[asked as keyof typeof MAY] ?? ""}. The change applies to their next request.`}
        confirmLabel={`Make ${asked}`}
        onCancel={() => setAsked(null)}
        onConfirm={() => {
          const role = asked!;
          setAsked(null);
          setShown(role);
          change.run({ userId: user.id, role }, undefined, () => setShown(user.role));
        }}
      />
      {change.error && (
        <span role="alert" className="block text-xs text-red-700">
          {change.error}
        </span>
      )}
    </>
  );
}
