"use client";

import { useState, useTransition } from "react";
import { signOut } from "@/lib/actions/auth/sign-out";
import { signOutEverywhere } from "@/lib/actions/auth/sign-out-everywhere";
import { useHydrated } from "@/components/ui/use-hydrated";

/** The signed-in person, their role, and the two ways out. */
export function UserMenu({ label, role }: { label: string; role: string }) {
  const hydrated = useHydrated();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const leave = (everywhere: boolean) =>
    start(async () => {
      const result = everywhere ? await signOutEverywhere({}) : await signOut({});
      if (result.ok) window.location.assign("/sign-in");
      else setError(result.error);
    });
  return (
    <div className="mt-6 border-t border-slate-200 pt-3 text-sm dark:border-slate-800" data-testid="user-menu">
      <p className="font-medium break-all">{label}</p>
      <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">Role: {role}</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="underline" disabled={pending || !hydrated} onClick={() => leave(false)}>
          Sign out
        </button>
        <button type="button" className="underline" disabled={pending || !hydrated} onClick={() => leave(true)}>
          Sign out everywhere
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
