import { describe, expect, it } from "vitest";
import type { Finding } from "../../vocabulary/finding";
import { countLine, groupFindings } from "./findings-groups";

const f = (code: string, severity: Finding["severity"], instanceId?: string): Finding => ({
  code,
  severity,
  message: code,
  fix: "x",
  ...(instanceId ? { instanceId } : {}),
});

describe("the layout's findings summary", () => {
  it("groups by severity then by part of the plan, errors first and larger groups first", () => {
    const groups = groupFindings([
      f("gpu.memory-above-threshold", "warning", "a"),
      f("layout.port-clash", "error", "b"),
      f("gpu.memory-above-threshold", "warning", "b"),
      f("quant.unknown-value", "error", "c"),
      f("quant.checkpoint-mismatch", "error", "d"),
      f("host.ram-overcommit", "error"),
      f("weird.thing", "warning"),
    ]);
    expect(groups.map((g) => [g.key, g.findings.length])).toEqual([
      ["error:Quantization", 2],
      ["error:Host RAM and CPU", 1],
      ["error:Ports and names", 1],
      ["warning:GPU memory", 2],
      ["warning:Other", 1],
    ]);
    expect(groups[0]!.findings.map((x) => x.instanceId)).toEqual(["c", "d"]);
  });

  it("counts errors and warnings in words", () => {
    expect(countLine([])).toBe("No errors or warnings");
    expect(countLine([f("a.b", "error"), f("a.b", "warning"), f("a.c", "warning")])).toBe("1 error, 2 warnings");
    expect(countLine([f("a.b", "warning")])).toBe("1 warning");
  });
});
