import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../layout/templates";
import { layoutSchema } from "../../vocabulary/layout-schema";
import { placeReplicas } from "./place-replicas";

const seed = TEMPLATES.find((t) => t.id === "qwen2.5-7b-4090d-2x2-int4")!.layout;
const twoHosts = layoutSchema.parse({
  ...seed,
  hosts: [...seed.hosts, { ...seed.hosts[0]!, id: "gpu-node-2", name: "gpu-node-2" }],
});
const registered = [
  { id: "reg-1", name: "gpu-node-1" },
  { id: "reg-2", name: "gpu-node-2" },
];
const [a, b] = seed.instances;
const claims = [
  { hostId: "reg-1", gpuIndices: [0, 1], instance: a! },
  { hostId: "reg-1", gpuIndices: [2, 3], instance: b! },
];

describe("placeReplicas", () => {
  it("puts a new replica on the free GPUs of another host of the layout", () => {
    const result = placeReplicas({
      instance: a!,
      count: 1,
      firstReplica: 1,
      document: twoHosts,
      registeredHosts: registered,
      claims,
    });
    expect(result).toEqual({ ok: true, placements: [{ replica: 1, hostId: "reg-2", gpuIndices: [0, 1] }] });
  });
  it("counts replicas already there, and refuses with placement's reason when nothing fits", () => {
    const full = [
      ...claims,
      { hostId: "reg-2", gpuIndices: [0, 1], instance: a! },
      { hostId: "reg-2", gpuIndices: [2, 3], instance: b! },
    ];
    const result = placeReplicas({
      instance: a!,
      count: 1,
      firstReplica: 1,
      document: twoHosts,
      registeredHosts: registered,
      claims: full,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^no room for replica 1 of qwen7b-int4-1: needs 2 GPUs/);
  });
  it("places several at once without overlapping, and only on registered hosts", () => {
    const result = placeReplicas({
      instance: a!,
      count: 2,
      firstReplica: 1,
      document: twoHosts,
      registeredHosts: registered,
      claims,
    });
    expect(result).toEqual({
      ok: true,
      placements: [
        { replica: 1, hostId: "reg-2", gpuIndices: [0, 1] },
        { replica: 2, hostId: "reg-2", gpuIndices: [2, 3] },
      ],
    });
    expect(
      placeReplicas({
        instance: a!,
        count: 1,
        firstReplica: 1,
        document: twoHosts,
        registeredHosts: [registered[0]!],
        claims,
      }).ok,
    ).toBe(false);
  });
});
