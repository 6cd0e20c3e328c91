import { describe, expect, it } from "vitest";
import { demuxDockerLogs } from "./demux-logs";

const frame = (stream: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe("demuxDockerLogs", () => {
  it("separates stdout from stderr, in order, across frames", () => {
    const logs = Buffer.concat([frame(1, "<nvidia"), frame(2, "warning: x\n"), frame(1, "_smi_log/>"), frame(2, "")]);
    expect(demuxDockerLogs(logs)).toEqual({ stdout: "<nvidia_smi_log/>", stderr: "warning: x\n" });
  });

  it("keeps multi-byte characters split across frames", () => {
    const bytes = Buffer.from("GPU ✓");
    const logs = Buffer.concat([
      frame(1, ""),
      Buffer.from([1, 0, 0, 0, 0, 0, 0, 5]),
      bytes.subarray(0, 5),
      Buffer.from([1, 0, 0, 0, 0, 0, 0, 2]),
      bytes.subarray(5),
    ]);
    expect(demuxDockerLogs(logs).stdout).toBe("GPU ✓");
  });
});
