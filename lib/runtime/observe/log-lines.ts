/** Picking the lines people need from an engine's log: its progress while loading, its error when it exited. */

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g");
const MAX_LINE = 240;

/** vLLM's and TGI's own start-up lines, in the order they appear. */
const PROGRESS = [
  /Starting to load model|Loading (model )?weights|Loading safetensors|Model loading took/i,
  /Downloading|download process|already present on the host|Successfully downloaded/i,
  /KV cache|Capturing CUDA graph|Graph capturing|init engine|memory profiling/i,
  /Starting shard|Waiting for shard|Shard ready|Warming up|max batch total tokens|Starting Webserver/i,
  /Starting vLLM API server|Application startup complete|Connected$/i,
];

const ERROR = /\berror\b|Error:|Exception|\bfailed\b|Traceback|panicked/i;

/** Log prefixes: vLLM's "INFO 12-01 10:00:00 [core.py:77] ", "(EngineCore_0 pid=12) ", TGI's "… INFO text_generation_launcher: ". */
function stripPrefix(line: string): string {
  return line
    .replace(ANSI, "")
    .replace(/^\([^)]*pid=\d+\)\s*/, "")
    .replace(/^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \[[^\]]*\]\s*/, "")
    .replace(/^\S+Z\s+(INFO|WARN|ERROR|DEBUG)\s+[\w:]+:\s*(\S+\.rs:\d+:\s*)?/, "")
    .trim();
}

const cut = (line: string) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line);

/** Splits text into lines, dropping a trailing empty one and progress-bar carriage returns. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.split("\r").pop() ?? "");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The newest start-up line of the engine, without its log prefix; null when none is in the lines. */
export function progressLine(lines: readonly string[]): string | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = stripPrefix(lines[i]!);
    if (PROGRESS.some((p) => p.test(text))) return cut(text);
  }
  return null;
}

/** The engine's error: the last line that reads as one (argparse's "error: …", a Python exception, clap's "error:"). */
export function errorLine(lines: readonly string[]): string | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = stripPrefix(lines[i]!);
    if (ERROR.test(text) && !/^Traceback \(most recent call last\)/.test(text)) return cut(text);
  }
  return null;
}
