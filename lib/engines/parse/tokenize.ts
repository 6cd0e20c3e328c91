/**
 * A shell-word tokenizer for pasted commands: single and double quotes, backslash escapes,
 * `\`-newline continuations and the flattened `\ ` continuations web pages leave behind
 * (a backslash standing alone between words). Splits commands on newlines, `;`, `&&`, `||`, `|`
 * and drops `#` comments.
 */

export interface ShellCommand {
  words: string[];
}

const OPERATORS = ["&&", "||", ";", "|", "&"];

export function tokenizeCommands(text: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let word = "";
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = "";
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push({ words });
    words = [];
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (ch === "\\") {
      const next = text[i + 1];
      if (next === "\n" || (next === "\r" && text[i + 2] === "\n")) {
        i += next === "\r" ? 3 : 2;
        continue;
      }
      if (next === undefined) {
        i += 1;
        continue;
      }
      // A backslash alone between words is a continuation whose newline was flattened away.
      if (!inWord && (next === " " || next === "\t")) {
        i += 2;
        continue;
      }
      word += next;
      inWord = true;
      i += 2;
      continue;
    }
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close === -1 ? text.length : close;
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      i += 1;
      while (i < text.length && text[i] !== '"') {
        const c = text[i] ?? "";
        const n = text[i + 1];
        if (c === "\\" && n !== undefined && '"\\$`\n'.includes(n)) {
          if (n !== "\n") word += n;
          i += 2;
        } else {
          word += c;
          i += 1;
        }
      }
      inWord = true;
      i += 1;
      continue;
    }
    if (ch === "#" && !inWord) {
      while (i < text.length && text[i] !== "\n") i += 1;
      continue;
    }
    if (ch === "\n" || ch === "\r") {
      endCommand();
      i += 1;
      continue;
    }
    if (ch === " " || ch === "\t") {
      endWord();
      i += 1;
      continue;
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, i));
    if (operator) {
      endCommand();
      i += operator.length;
      continue;
    }
    word += ch;
    inWord = true;
    i += 1;
  }
  endCommand();
  return commands;
}

/** Tokenizes text that holds a single command (its words, all commands joined). */
export const tokenizeWords = (text: string): string[] => tokenizeCommands(text).flatMap((command) => command.words);
