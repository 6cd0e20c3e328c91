#!/usr/bin/env node
/** fleetdeck CLI: `npm run --silent cli -- <command> [options]`. Each command lives in cli/commands/<name>.ts. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> }> = {
  estimate: { summary: "memory budget of one instance", load: () => import("./commands/estimate") },
  check: {
    summary: "findings for a pasted docker run / vllm serve / text-generation-launcher line or LLM(...) call",
    load: () => import("./commands/check"),
  },
  layout: { summary: "encode | decode | validate | place a layout file", load: () => import("./commands/layout") },
  hosts: {
    summary: "list | add | label | test | discover | remove registered Docker hosts",
    load: () => import("./commands/hosts"),
  },
  remote: { summary: "talk to a remote fleetdeck's /api/v1 with an API token", load: () => import("./remote") },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: npm run --silent cli -- <command> [options]\n\ncommands:\n${lines.join("\n")}\n\nRun a command with --help for its options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command "${name}": use one of ${Object.keys(COMMANDS).join(", ")}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
