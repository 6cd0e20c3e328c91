const SAFE_WORD = /^[A-Za-z0-9_\-.,:/=@%+~]+$/;

/** Quotes one word for a POSIX shell; leaves plain words (and a leading `~`) as they are. */
export function shellQuote(word: string): string {
  if (word !== "" && SAFE_WORD.test(word) && !word.slice(1).includes("~")) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

export const shellJoin = (words: readonly string[]): string => words.map(shellQuote).join(" ");
