import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { Card } from "@/components/ui/card";
import { hasAnyUser, seedAdminFromEnv } from "@/lib/auth/first-run";

export const metadata: Metadata = { title: "Create the first admin" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  await seedAdminFromEnv();
  if (await hasAnyUser()) redirect("/sign-in");
  return (
    <Card>
      <h1 className="mb-1 text-xl font-semibold">Create the first admin</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        This fleetdeck has no users yet. The account you create here can add operators and viewers in Settings.
      </p>
      <SetupForm />
    </Card>
  );
}
