import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Set a new password" };
// Rendered per request: the CSP nonce (proxy.ts) must be on its scripts, or the form never hydrates.
export const dynamic = "force-dynamic";

/** Opened from the one-time link an admin copied (Settings → Users → Reset password); the secret is in the #fragment. */
export default function ResetPasswordPage() {
  return (
    <Card>
      <h1 className="mb-4 text-xl font-semibold">Set a new password</h1>
      <ResetPasswordForm />
    </Card>
  );
}
