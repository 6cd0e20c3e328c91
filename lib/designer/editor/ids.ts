/** An id not in `taken`: "qwen" → "qwen", "qwen-2", "qwen-3"…; stays a valid slug (≤ 63 chars). */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean = slugify(base);
  if (!taken.has(clean)) return clean;
  const stem = clean.replace(/-\d+$/, "");
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${stem.slice(0, 63 - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Any text → a valid layout id (letters, digits, '.', '_', '-'; starts with a letter or digit). */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .replace(/-+$/, "")
    .slice(0, 63);
  return slug === "" ? "item" : slug;
}
