import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-10 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        There is nothing at this address. It may have been a layout or revision that was deleted.
      </p>
      <Link
        href="/fleet"
        className="mt-6 inline-block rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white"
      >
        Back to the fleet
      </Link>
    </main>
  );
}
