import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { alive, me } from "./docker2-outage";

describe("the second dockerd's outage lock: who still holds an entry", () => {
  it("is the process that wrote it, not a later one the kernel gave the same pid", () => {
    expect(alive(me())).toBe(true);
    const [pid] = me().split(".");
    expect(alive(`${pid}.1`)).toBe(false);
    // Entries of the older format (a bare pid) cannot be told from a reused pid: they count as gone.
    expect(alive(pid!)).toBe(false);
    const exited = spawnSync("true").pid!;
    expect(alive(`${exited}.?`)).toBe(false);
  });
});
