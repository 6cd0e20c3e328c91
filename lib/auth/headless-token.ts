import "server-only";
import { z } from "zod";
import { writeAudit } from "../queries/audit/write-audit-event";
import { db } from "../queries/db";
import { retryWhenBusy, takeWriteLock } from "../queries/retry-when-busy";
import { insertApiToken } from "../queries/tokens/insert-api-token";
import { findLoginAccount } from "../queries/users/find-login-account";
import { findUser } from "../queries/users/find-user";
import { ActionError } from "../server/action-error";
import { generateToken, tokenScopesSchema } from "../tokens/token-format";
import { TOKEN_SCOPE_INFO, TOKEN_SCOPES } from "../vocabulary/access";

/**
 * An API token made on the server's own machine, for automation that starts with nothing but the database
 * (`npm run --silent cli -- admin create-token`): whoever can run this can read the database anyway. The token is
 * the user's, limited to the scopes asked for and to what the user's role allows, and the audit log says it came
 * from the local CLI.
 */

export const headlessTokenInput = z.object({
  user: z.string().trim().min(1, "give --user <username or email>"),
  scopes: tokenScopesSchema,
  name: z.string().trim().min(1).max(80, "use at most 80 characters for --name").default("bootstrap"),
  days: z.coerce
    .number({ message: "give --days a whole number from 1 to 365" })
    .int("give --days a whole number from 1 to 365")
    .min(1, "give --days a whole number from 1 to 365")
    .max(365, "give --days a whole number from 1 to 365")
    .default(30),
});

export interface HeadlessToken {
  token: string;
  id: string;
  prefix: string;
  user: { id: string; username: string | null; email: string; role: string };
  scopes: string[];
  expiresAt: string;
}

export async function createHeadlessToken(raw: z.input<typeof headlessTokenInput>): Promise<HeadlessToken> {
  const input = headlessTokenInput.parse(raw);
  // The CLI writes while the server may be writing too: it takes the write lock first, and retries if SQLite still
  // answers busy.
  return retryWhenBusy(() => createIn(input));
}

async function createIn(input: z.output<typeof headlessTokenInput>): Promise<HeadlessToken> {
  return db().$transaction(async (tx) => {
    await takeWriteLock(tx);
    const account = await findLoginAccount(tx, input.user);
    const user = account ? await findUser(tx, account.id) : null;
    if (!user) throw new ActionError(`There is no user "${input.user}": give a username or email that exists.`);
    if (user.banned) throw new ActionError(`${input.user} is disabled: enable the account first.`);
    const adminOnly = input.scopes.filter((s) => TOKEN_SCOPE_INFO[s].adminOnly);
    if (user.role !== "admin" && adminOnly.length > 0)
      throw new ActionError(
        `${input.user} is ${user.role === "operator" ? "an" : "a"} ${user.role}: ${adminOnly.join(", ")} need an admin.`,
      );
    if (user.role === "viewer" && input.scopes.some((s) => s !== "read"))
      throw new ActionError(
        `${input.user} is a viewer: only the read scope makes sense (of ${TOKEN_SCOPES.join(", ")}).`,
      );
    const { token, prefix, hashedToken } = generateToken();
    const expiresAt = new Date(Date.now() + input.days * 86_400_000);
    const row = await insertApiToken(tx, {
      name: input.name,
      prefix,
      hashedToken,
      scopes: input.scopes,
      userId: user.id,
      expiresAt,
    });
    await writeAudit(tx, { label: "local CLI (admin create-token)" }, "token.create", {
      targetType: "api_token",
      targetId: row.id,
      targetLabel: input.name,
      after: {
        name: input.name,
        tokenPrefix: prefix,
        owner: user.username ?? user.email,
        scopes: input.scopes,
        expiresAt,
      },
    });
    return {
      token,
      id: row.id,
      prefix,
      user: { id: user.id, username: user.username, email: user.email, role: user.role },
      scopes: input.scopes,
      expiresAt: expiresAt.toISOString(),
    };
  });
}
