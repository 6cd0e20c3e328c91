/** Where in the interval a target is scraped: spread by a hash of its id (as Prometheus does), stable across restarts. */
export function scrapeOffsetMs(id: string, intervalMs: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % intervalMs;
}
