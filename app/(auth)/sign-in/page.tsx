import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { currentActor } from "@/lib/auth/authorize";
import { hasAnyUser, seedAdminFromEnv } from "@/lib/auth/first-run";
import { safeNext } from "@/lib/auth/safe-next";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  await seedAdminFromEnv();
  if (!(await hasAnyUser())) redirect("/setup");
  const next = safeNext((await searchParams).next);
  if (await currentActor()) redirect(next);
  return (
    <Card>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm next={next} />
    </Card>
  );
}
