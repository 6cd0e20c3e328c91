import type { Instrumentation } from "next";

/**
 * Runs once when the server starts: validate configuration, migrate the database (exits with one line on failure),
 * then start the runtime's reconcile loop.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./lib/boot");
  await boot();
  const { startRuntime } = await import("./lib/runtime/controller");
  startRuntime();
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
