import { describe, expect, it } from "vitest";
import type { Host, Instance, Layout } from "../../vocabulary/layout-schema";
import { canRedo, canUndo, editorReducer, initEditor, isDirty } from "./reducer";
import type { EditorAction, EditorState } from "./types";

const host = (id: string, gpus = 4): Host => ({
  id,
  name: id,
  gpus: Array.from({ length: gpus }, (_, index) => ({ index, gpuId: "rtx-4090d" })),
  ramBytes: 64 * 2 ** 30,
  cpuCores: 16,
  labels: {},
});
const instance = (id: string, tp: number, hostId: string | null, gpus: number[] = []): Instance => ({
  id,
  engine: "vllm",
  model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
  dtype: "auto",
  kvCacheDtype: "auto",
  tp,
  gpuMemoryUtilization: 0.9,
  enforceEager: false,
  placement: hostId ? { hostId, gpuIndices: gpus } : null,
  limits: {},
});
const layout = (instances: Instance[] = []): Layout => ({
  schemaVersion: 1,
  name: "t",
  hosts: [host("host-a"), host("host-b", 2)],
  instances,
});
const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state);

describe("editorReducer", () => {
  it("adds an instance on the selected GPUs and opens it", () => {
    const s = run(
      initEditor(layout()),
      { type: "select", hostId: "host-a", gpuIndices: [0, 1] },
      { type: "add-instance", instance: instance("q", 2, "host-a", [0, 1]) },
    );
    expect(s.layout.instances.map((i) => i.id)).toEqual(["q"]);
    expect(s.openInstanceId).toBe("q");
    expect(s.selection).toBeNull();
    expect(isDirty(s)).toBe(true);
  });

  it("gives each new placed instance a free port on its host; a moved one without a port gets one there", () => {
    let s = run(
      initEditor(layout()),
      { type: "add-instance", instance: instance("a", 1, "host-a", [0]) },
      { type: "add-instance", instance: instance("b", 1, "host-a", [1]) },
      { type: "add-instance", instance: { ...instance("c", 1, "host-a", [2]), port: 9000 } },
      { type: "add-instance", instance: instance("u", 1, null) },
      { type: "duplicate-instance", id: "a" },
    );
    expect(s.layout.instances.map((i) => [i.id, i.port])).toEqual([
      ["a", 8000],
      ["b", 8001],
      ["c", 9000],
      ["u", undefined],
      ["a-2", 8002],
    ]);
    s = run(s, { type: "move-instance", id: "u", hostId: "host-b", startIndex: 0 });
    expect(s.layout.instances.find((i) => i.id === "u")!.port).toBe(8000);
  });

  it("gives a duplicate id a suffix", () => {
    const s = run(initEditor(layout([instance("q", 1, "host-a", [0])])), {
      type: "add-instance",
      instance: instance("q", 1, "host-a", [1]),
    });
    expect(s.layout.instances.map((i) => i.id)).toEqual(["q", "q-2"]);
  });

  it("keeps untouched instances as the same objects (memoized rendering relies on it)", () => {
    const start = initEditor(layout([instance("a", 1, "host-a", [0]), instance("b", 1, "host-a", [1])]));
    const s = run(start, { type: "update-instance", id: "a", patch: { maxModelLen: 8192 } });
    expect(s.layout.instances[1]).toBe(start.layout.instances[1]);
    expect(s.layout.hosts).toBe(start.layout.hosts);
    expect(s.layout.instances[0]!.maxModelLen).toBe(8192);
  });

  it("resizes the placement when TP changes, growing into the next GPUs", () => {
    const s = run(initEditor(layout([instance("a", 1, "host-a", [1])])), { type: "resize-instance", id: "a", tp: 3 });
    expect(s.layout.instances[0]!.tp).toBe(3);
    expect(s.layout.instances[0]!.placement).toEqual({ hostId: "host-a", gpuIndices: [1, 2, 3] });
    const shrunk = run(s, { type: "update-instance", id: "a", patch: { tp: 1 } });
    expect(shrunk.layout.instances[0]!.placement!.gpuIndices).toEqual([1]);
  });

  it("moves a block to another host, clamped to the host's last GPUs", () => {
    const s = run(initEditor(layout([instance("a", 2, "host-a", [0, 1])])), {
      type: "move-instance",
      id: "a",
      hostId: "host-b",
      startIndex: 1,
    });
    expect(s.layout.instances[0]!.placement).toEqual({ hostId: "host-b", gpuIndices: [0, 1] });
  });

  it("ignores a move onto a host with too few GPUs, without touching history", () => {
    const start = initEditor(layout([instance("a", 4, "host-a", [0, 1, 2, 3])]));
    const s = run(start, { type: "move-instance", id: "a", hostId: "host-b", startIndex: 0 });
    expect(s).toBe(start);
  });

  it("duplicates onto the next free GPUs of the same host", () => {
    const s = run(initEditor(layout([instance("a", 2, "host-a", [0, 1])])), { type: "duplicate-instance", id: "a" });
    expect(s.layout.instances[1]).toMatchObject({ id: "a-2", placement: { hostId: "host-a", gpuIndices: [2, 3] } });
    expect(s.openInstanceId).toBe("a-2");
    const third = run(s, { type: "duplicate-instance", id: "a" });
    expect(third.layout.instances[2]!.placement).toBeNull();
  });

  it("applies a finding's patch and drops the command finding it fixed", () => {
    const fix = {
      code: "flag.other-engine",
      severity: "error" as const,
      message: "m",
      fix: "Use --num-shard 4.",
      patch: { tp: 4 },
    };
    let s = run(initEditor(layout()), {
      type: "add-instance",
      instance: instance("t", 1, "host-a", [0]),
      commandFindings: [fix],
    });
    expect(s.commandFindings.t).toHaveLength(1);
    s = run(s, { type: "apply-fix", finding: { ...fix, instanceId: "t" } });
    expect(s.layout.instances[0]!.tp).toBe(4);
    expect(s.layout.instances[0]!.placement!.gpuIndices).toEqual([0, 1, 2, 3]);
    expect(s.commandFindings.t).toBeUndefined();
  });

  it("applies the fix picked among several, on the instance the fix names; an empty patch only clears the finding", () => {
    const finding = {
      code: "x",
      severity: "error" as const,
      message: "m",
      fix: "one of two",
      patch: { tp: 2 },
      fixes: [
        { label: "TP 2", patch: { tp: 2 } },
        { label: "b to 0.5", patch: { gpuMemoryUtilization: 0.5 }, instanceId: "b" },
        { label: "keep", patch: {} },
      ],
    };
    const start = run(initEditor(layout([instance("a", 1, "host-a", [0]), instance("b", 1, "host-a", [1])])), {
      type: "mark-saved",
    });
    const s = run(start, { type: "apply-fix", finding: { ...finding, instanceId: "a" }, fix: finding.fixes[1] });
    expect(s.layout.instances.map((i) => [i.tp, i.gpuMemoryUtilization])).toEqual([
      [1, 0.9],
      [1, 0.5],
    ]);
    const pasted = run(start, {
      type: "add-instance",
      instance: instance("p", 1, "host-a", [2]),
      commandFindings: [finding],
    });
    const kept = run(pasted, { type: "apply-fix", finding: { ...finding, instanceId: "p" }, fix: finding.fixes[2] });
    expect(kept.layout).toBe(pasted.layout);
    expect(kept.commandFindings.p).toBeUndefined();
  });

  it("undoes and redoes edits, not selection", () => {
    let s = run(
      initEditor(layout()),
      { type: "add-instance", instance: instance("a", 1, "host-a", [0]) },
      { type: "select", hostId: "host-a", gpuIndices: [2] },
    );
    expect(canUndo(s)).toBe(true);
    s = run(s, { type: "undo" });
    expect(s.layout.instances).toHaveLength(0);
    expect(s.openInstanceId).toBeNull();
    expect(isDirty(s)).toBe(false);
    expect(canRedo(s)).toBe(true);
    s = run(s, { type: "redo" });
    expect(s.layout.instances).toHaveLength(1);
  });

  it("removing a host unplaces its instances and clears a selection on it", () => {
    const s = run(
      initEditor(layout([instance("a", 1, "host-b", [0])])),
      { type: "select", hostId: "host-b", gpuIndices: [1] },
      { type: "remove-host", hostId: "host-b" },
    );
    expect(s.layout.hosts.map((h) => h.id)).toEqual(["host-a"]);
    expect(s.layout.instances[0]!.placement).toBeNull();
    expect(s.selection).toBeNull();
  });

  it("selects by toggle, extends from the anchor, and keeps one host", () => {
    let s = run(
      initEditor(layout()),
      { type: "toggle-gpu", hostId: "host-a", gpuIndex: 1 },
      { type: "extend-selection", hostId: "host-a", gpuIndex: 3 },
    );
    expect(s.selection).toEqual({ hostId: "host-a", gpuIndices: [1, 2, 3], anchor: 1 });
    s = run(s, { type: "toggle-gpu", hostId: "host-a", gpuIndex: 2 });
    expect(s.selection!.gpuIndices).toEqual([1, 3]);
    s = run(s, { type: "toggle-gpu", hostId: "host-b", gpuIndex: 0 });
    expect(s.selection).toEqual({ hostId: "host-b", gpuIndices: [0], anchor: 0 });
    expect(run(s, { type: "clear-selection" }).selection).toBeNull();
  });

  it("picking GPUs closes the open instance so the panel offers a new one", () => {
    const s = run(
      initEditor(layout([instance("a", 1, "host-a", [0])])),
      { type: "open-instance", id: "a" },
      { type: "select", hostId: "host-a", gpuIndices: [1] },
    );
    expect(s.openInstanceId).toBeNull();
    expect(run(s, { type: "open-instance", id: "missing" }).openInstanceId).toBeNull();
  });

  it("mark-saved makes the current layout the clean one", () => {
    const s = run(initEditor(layout()), { type: "rename", name: "renamed" }, { type: "mark-saved" });
    expect(isDirty(s)).toBe(false);
    expect(run(s, { type: "rename", name: "  " })).toBe(s);
  });
});
