/**
 * Splits the log stream of a container created without a TTY: frames of an 8-byte header (stream 1 = stdout,
 * 2 = stderr; big-endian payload length at byte 4) followed by the payload.
 */
export function demuxDockerLogs(buffer: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let at = 0;
  while (at + 8 <= buffer.length) {
    const stream = buffer[at];
    const length = buffer.readUInt32BE(at + 4);
    const payload = buffer.subarray(at + 8, at + 8 + length);
    (stream === 2 ? err : out).push(payload);
    at += 8 + length;
  }
  return { stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}
