/** A post-sign-in destination: only same-site paths ("/layouts/x"), never "//evil.example" or "https://…". */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/fleet";
  if (next.startsWith("/sign-in") || next.startsWith("/setup")) return "/fleet";
  return next;
}
