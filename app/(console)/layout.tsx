import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { Sidebar } from "@/components/shell/sidebar";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { currentActor } from "@/lib/auth/authorize";
import { hasAnyUser } from "@/lib/auth/first-run";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect((await hasAnyUser()) ? "/sign-in" : "/setup");
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="border-b border-slate-200 bg-white p-3 md:w-52 md:shrink-0 md:border-r md:border-b-0 dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-3 flex items-center justify-between md:mb-6">
          <Link href="/fleet" className="text-lg font-bold tracking-tight">
            fleetdeck
          </Link>
          <span className="md:hidden">
            <ThemeToggle />
          </span>
        </div>
        <Sidebar />
        <div className="mt-6 hidden md:block">
          <ThemeToggle />
        </div>
        <UserMenu label={actor.label} role={actor.role} />
      </aside>
      <main id="main" className="min-w-0 flex-1 p-4 md:p-8">
        {children}
      </main>
    </div>
  );
}
