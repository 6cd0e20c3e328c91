import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { createHeadlessToken } from "../../lib/auth/headless-token";
import { migrate } from "../../lib/migrations";
import { ActionError } from "../../lib/server/action-error";
import { ConfigError, env } from "../../lib/server/env";
import { TOKEN_SCOPE_INFO, TOKEN_SCOPES } from "../../lib/vocabulary/access";

const USAGE = `usage: admin create-token --user <username|email> --scope <scope> [--scope <scope>…] [--name N] [--days D] [--json]
  Creates an API token for an existing user, straight in this machine's database (DATABASE_URL), and prints it once.
  scopes: ${TOKEN_SCOPES.map((s) => `\n    ${s.padEnd(18)} ${TOKEN_SCOPE_INFO[s].allows}`).join("")}
  --name   what uses the token (default bootstrap)     --days   1–365 (default 30)
  --json   print {"token", "id", "prefix", "user", "scopes", "expiresAt"}`;

async function createToken(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      user: { type: "string" },
      scope: { type: "string", multiple: true },
      name: { type: "string" },
      days: { type: "string" },
      json: { type: "boolean", default: false },
    },
    strict: true,
  });
  const scopes = (values.scope ?? [])
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter(Boolean);
  await migrate(env().DATABASE_URL);
  const created = await createHeadlessToken({
    user: values.user ?? "",
    scopes: scopes as never,
    name: values.name,
    days: values.days,
  });
  if (values.json) console.log(JSON.stringify(created));
  else {
    console.log(created.token);
    console.error(
      `token ${created.prefix}… for ${created.user.username ?? created.user.email} (${created.user.role}), scopes ${created.scopes.join(", ")}, expires ${created.expiresAt}. It is not shown again.`,
    );
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command !== "create-token") {
    console.error(`admin: unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  try {
    return await createToken(rest);
  } catch (err) {
    if (err instanceof ZodError) {
      const issue = err.issues[0]!;
      const field = String(issue.path[0] ?? "input");
      console.error(`admin create-token: --${field === "scopes" ? "scope" : field}: ${issue.message}`);
      return 2;
    }
    if (err instanceof ActionError || err instanceof ConfigError) {
      console.error(`admin create-token: ${err.message}`);
      return 1;
    }
    if (err instanceof TypeError && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`admin create-token: ${err.message}\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`admin: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
