import { describe, expect, it } from "vitest";
import {
  HIPBLASLT_GFX942_BYTES,
  NCCL_FIRST_COMMUNICATOR_BYTES,
  NCCL_NEXT_COMMUNICATOR_BYTES,
  NON_TORCH_LIBRARIES_BYTES,
  nonTorchPlan,
  RCCL_XGMI_PEER_BYTES,
  WSL2_EXTRA_BYTES,
  usesCustomAllReduce,
} from "./non-torch";
import { A100_80GB, H100_80GB, MI300X, RTX_4090D } from "./testing/gpu-fixtures";

const plan = (input: Partial<Parameters<typeof nonTorchPlan>[0]>) =>
  nonTorchPlan({
    ranks: 1,
    tp: 1,
    gpu: H100_80GB,
    accounting: "baseline-diff",
    ncclInBudget: false,
    customAllReduce: false,
    communicators: 2,
    ...input,
  });

describe("non-torch memory from what allocates it", () => {
  it("is cuBLAS and kernel images alone at TP 1, whatever the accounting", () => {
    expect(plan({}).countedBytes).toBe(NON_TORCH_LIBRARIES_BYTES);
    expect(plan({}).outsideBytes).toBe(0);
    expect(plan({ accounting: "device-used" }).countedBytes).toBe(NON_TORCH_LIBRARIES_BYTES);
  });

  it("keeps NCCL's communicators outside a baseline-diff budget and counts them where the profile counts the device", () => {
    const outside = plan({ ranks: 2, tp: 2, gpu: A100_80GB });
    const communicators = NCCL_FIRST_COMMUNICATOR_BYTES + NCCL_NEXT_COMMUNICATOR_BYTES;
    expect(outside.outsideBytes).toBe(communicators);
    const counted = plan({ ranks: 2, tp: 2, gpu: A100_80GB, accounting: "peak-plus-non-torch" });
    expect(counted.outsideBytes).toBe(0);
    expect(counted.countedBytes - outside.countedBytes).toBe(communicators);
    expect(plan({ ranks: 2, tp: 2, gpu: A100_80GB, communicators: 1 }).outsideBytes).toBe(
      NCCL_FIRST_COMMUNICATOR_BYTES,
    );
  });

  it("books NVLS buffers on Hopper NVSwitch boards, ring buffers on PCIe peers, none through host shared memory", () => {
    const nvls = plan({ ranks: 2, tp: 2 }).countedBytes - NON_TORCH_LIBRARIES_BYTES;
    const ring = plan({ ranks: 2, tp: 2, gpu: { ...A100_80GB, interconnect: "pcie" } }).countedBytes;
    const shm = plan({ ranks: 2, tp: 2, gpu: RTX_4090D }).countedBytes;
    expect(nvls).toBeGreaterThan(1.5 * 2 ** 30);
    expect(ring).toBeGreaterThan(NON_TORCH_LIBRARIES_BYTES);
    expect(ring).toBeLessThan(NON_TORCH_LIBRARIES_BYTES + 2 ** 27);
    expect(shm).toBe(NON_TORCH_LIBRARIES_BYTES);
  });

  it("sets up custom all-reduce only where peers can reach each other: not on RTX 4090-class cards", () => {
    expect(usesCustomAllReduce(2, RTX_4090D, false)).toBe(false);
    expect(usesCustomAllReduce(2, A100_80GB, false)).toBe(true);
    expect(usesCustomAllReduce(4, { ...A100_80GB, interconnect: "pcie" }, false)).toBe(false);
    expect(usesCustomAllReduce(4, H100_80GB, false)).toBe(true);
    expect(usesCustomAllReduce(3, H100_80GB, false)).toBe(false);
    expect(usesCustomAllReduce(2, H100_80GB, true)).toBe(false);
    expect(usesCustomAllReduce(1, H100_80GB, false)).toBe(false);
  });

  it("adds hipBLASLt's kernels on gfx942 unless TORCH_BLAS_PREFER_HIPBLASLT=0, and on no other card", () => {
    expect(plan({ gpu: MI300X }).countedBytes).toBe(NON_TORCH_LIBRARIES_BYTES + HIPBLASLT_GFX942_BYTES);
    expect(plan({ gpu: MI300X, preferHipBlasLt: false }).countedBytes).toBe(NON_TORCH_LIBRARIES_BYTES);
    expect(plan({ gpu: { ...MI300X, rocmArch: "gfx1100" } }).countedBytes).toBe(NON_TORCH_LIBRARIES_BYTES);
    expect(plan({ gpu: H100_80GB, preferHipBlasLt: true }).countedBytes).toBe(NON_TORCH_LIBRARIES_BYTES);
    expect(plan({ gpu: MI300X }).explanation).toContain("hipBLASLt");
  });

  it("grows RCCL's buffers with the xGMI peers of the TP group, where NVLink's ring stays fixed", () => {
    const rccl = (tp: number) =>
      plan({ ranks: tp, tp, gpu: MI300X, preferHipBlasLt: false, accounting: "device-used" }).countedBytes;
    const communicators = NCCL_FIRST_COMMUNICATOR_BYTES + NCCL_NEXT_COMMUNICATOR_BYTES;
    expect(rccl(2)).toBe(NON_TORCH_LIBRARIES_BYTES + communicators + RCCL_XGMI_PEER_BYTES);
    expect(rccl(8) - rccl(2)).toBe(6 * RCCL_XGMI_PEER_BYTES);
    const ring = (tp: number) => plan({ ranks: tp, tp, gpu: { ...A100_80GB, interconnect: "pcie" } }).countedBytes;
    expect(ring(8)).toBe(ring(2));
    expect(plan({ ranks: 8, tp: 8, gpu: MI300X }).explanation).toContain("xGMI peer");
  });

  it("adds WSL2's CUDA overhead on a WSL2 host in every accounting that counts the device", () => {
    expect(plan({ gpu: { ...H100_80GB, wsl2: true } }).countedBytes).toBe(NON_TORCH_LIBRARIES_BYTES + WSL2_EXTRA_BYTES);
    expect(plan({ gpu: { ...H100_80GB, wsl2: true }, accounting: "device-used" }).explanation).toContain("WSL2");
    expect(plan({ gpu: { ...H100_80GB, wsl2: true }, accounting: "torch-peak" }).countedBytes).toBe(0);
  });
});
