/**
 * Images may run only when an entry of the allow-list (Settings → Runtime) names them: `repository:*` allows every
 * tag of that repository, anything else must match exactly.
 */
export function imageAllowed(image: string, allowList: readonly string[]): boolean {
  return allowList.some((entry) =>
    entry.endsWith(":*")
      ? image.startsWith(entry.slice(0, -1)) && !image.slice(entry.length - 1).includes("/")
      : entry === image,
  );
}

export function imageRefusal(image: string, allowList: readonly string[]): string {
  return `image ${image} is not on the runtime's image allow-list (${allowList.join(", ") || "empty"}): an admin can add it under Settings → Runtime`;
}
