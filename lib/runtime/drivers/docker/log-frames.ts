import { StringDecoder } from "node:string_decoder";

/**
 * Docker's log stream of a container created without a TTY: frames of an 8-byte header (stream type, then the
 * payload length big-endian at byte 4) and the payload. Frames may split anywhere across chunks, and so may lines.
 */
export class LogFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private readonly utf8 = new StringDecoder("utf8");
  private partial = "";

  /** Feeds a chunk; returns the complete lines it finished. */
  push(chunk: Buffer): string[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let text = "";
    let at = 0;
    while (at + 8 <= this.pending.length) {
      const length = this.pending.readUInt32BE(at + 4);
      if (at + 8 + length > this.pending.length) break;
      text += this.utf8.write(this.pending.subarray(at + 8, at + 8 + length));
      at += 8 + length;
    }
    this.pending = this.pending.subarray(at);
    const lines = (this.partial + text).split(/\r?\n/);
    this.partial = lines.pop() ?? "";
    return lines.map((l) => l.split("\r").pop() ?? "");
  }

  /** The unfinished last line, if any. */
  flush(): string[] {
    const rest = this.partial + this.utf8.end();
    this.partial = "";
    return rest ? [rest.split("\r").pop() ?? ""] : [];
  }
}

export function decodeLogFrames(buffer: Buffer): string[] {
  const decoder = new LogFrameDecoder();
  return [...decoder.push(buffer), ...decoder.flush()];
}
