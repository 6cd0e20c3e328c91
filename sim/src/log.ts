/** Log lines in the shapes the real engines print them, so log-scraping code sees familiar text. */
export type Level = "INFO" | "WARNING" | "ERROR" | "DEBUG";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export interface LineSink {
  out(line: string): void;
  err(line: string): void;
}

export const processSink: LineSink = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * vLLM: `INFO 12-01 22:40:01 [gpu_worker.py:298] Available KV cache memory: 54.39 GiB`, prefixed from
 * 0.10.2 on with the process that printed it, `(APIServer pid=1) ` or `(EngineCore_DP0 pid=84) `.
 */
export class VllmLog {
  constructor(
    private readonly sink: LineSink,
    private readonly processTags: boolean,
    private readonly now: () => Date = () => new Date(),
  ) {}

  line(level: Level, file: string, message: string, proc: "api" | "core" | "none" = "api"): void {
    const d = this.now();
    const stamp = `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    const tag =
      !this.processTags || proc === "none"
        ? ""
        : proc === "api"
          ? `(APIServer pid=${process.pid}) `
          : `(EngineCore_DP0 pid=${process.pid + 1}) `;
    const text = `${tag}${level} ${stamp} [${file}] ${message}`;
    if (level === "ERROR") this.sink.err(text);
    else this.sink.out(text);
  }

  info(file: string, message: string, proc: "api" | "core" = "api"): void {
    this.line("INFO", file, message, proc);
  }

  warn(file: string, message: string, proc: "api" | "core" = "api"): void {
    this.line("WARNING", file, message, proc);
  }

  /** A line without vLLM's header (tqdm progress bars, uvicorn). */
  raw(message: string, proc: "api" | "core" = "api"): void {
    const tag = !this.processTags
      ? ""
      : proc === "api"
        ? `(APIServer pid=${process.pid}) `
        : `(EngineCore_DP0 pid=${process.pid + 1}) `;
    this.sink.out(`${tag}${message}`);
  }
}

/** TGI (tracing-subscriber compact): `2025-01-01T00:00:00.123456Z  INFO shard-manager: text_generation_launcher: Starting shard rank=0`, or JSON with --json-output. */
export class TgiLog {
  constructor(
    private readonly sink: LineSink,
    private readonly json: boolean,
    private readonly now: () => Date = () => new Date(),
  ) {}

  line(
    level: "INFO" | "WARN" | "ERROR",
    target: string,
    message: string,
    span?: { name: string; fields?: string },
  ): void {
    const stamp = `${this.now().toISOString().slice(0, -1)}000Z`;
    if (this.json) {
      const record = {
        timestamp: stamp,
        level,
        fields: { message },
        target,
        ...(span ? { span: { name: span.name }, spans: [{ name: span.name }] } : {}),
      };
      this.sink.out(JSON.stringify(record));
      return;
    }
    const prefix = span ? `${span.name}: ` : "";
    const suffix = span?.fields ? ` ${span.fields}` : "";
    const text = `${stamp} ${level.padStart(5)} ${prefix}${target}: ${message}${suffix}`;
    if (level === "ERROR") this.sink.err(text);
    else this.sink.out(text);
  }

  info(target: string, message: string, span?: { name: string; fields?: string }): void {
    this.line("INFO", target, message, span);
  }

  warn(target: string, message: string, span?: { name: string; fields?: string }): void {
    this.line("WARN", target, message, span);
  }
}
