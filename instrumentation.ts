import type { Instrumentation } from "next";

/** Runs once when the server starts: validate configuration, migrate the database. Exits with one line on failure. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./lib/boot");
  await boot();
}

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("./lib/server/log");
  const err = error as Error & { digest?: string };
  log.error(
    {
      digest: err.digest,
      path: request.path,
      method: request.method,
      route: context.routePath,
      err: { name: err.name, message: err.message, stack: err.stack },
    },
    "request failed",
  );
};
