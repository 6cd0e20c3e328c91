"use client";

/** The only thing a person sees of an unexpected error: no stack, no message, a reference to find it in the server log. */
export function ErrorNotice({ digest, reset }: { digest?: string; reset?: () => void }) {
  return (
    <div
      role="alert"
      className="mx-auto max-w-xl rounded-lg border border-red-300 bg-red-50 p-6 dark:border-red-900 dark:bg-red-950"
    >
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm">
        fleetdeck could not finish this request. Nothing you entered was lost; try again, and if it keeps happening,
        give your administrator this reference so they can find it in the server log:
      </p>
      <p className="mt-3 font-mono text-sm">
        reference: {digest ?? "unavailable (error in the browser; see the console)"}
      </p>
      {reset && (
        <button
          type="button"
          onClick={reset}
          className="mt-4 rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700"
        >
          Try again
        </button>
      )}
    </div>
  );
}
