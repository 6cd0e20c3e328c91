import { createPasswordResetLink } from "@/lib/actions/users/create-password-reset-link";
import { defineRoute } from "@/lib/api/define-route";

/** A one-time password-reset link (path with a #secret) to hand to the user. */
export const POST = defineRoute(createPasswordResetLink);
