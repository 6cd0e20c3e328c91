/** Compares release numbers such as "0.10.2" and "0.11"; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  const pb = b.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length, 3); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** True when `version` is `since` or newer. An unknown version means the newest release. */
export const isAtLeast = (version: string | undefined, since: string): boolean =>
  version === undefined || compareVersions(version, since) >= 0;

/** Turns an image tag ("v0.8.5", "3.3.5", "latest", "sha-abc") into a release number, if it is one. */
export function versionFromTag(tag: string | undefined): string | undefined {
  const match = tag?.match(/^v?(\d+\.\d+(?:\.\d+)?)/);
  return match?.[1];
}
