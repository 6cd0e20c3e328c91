import { describe, expect, it } from "vitest";
import { seedComparison } from "./seed-comparison";

/** The seed article's 4× RTX 4090D question, in virtual time: the differences the README explains. */
describe("one TP-4 vs two TP-2 vs four TP-1 instances of Qwen2.5-7B INT4 on 4× RTX 4090D", () => {
  const rows = seedComparison();
  const row = (layout: string, clients: number) => rows.find((r) => r.layout === layout && r.clients === clients)!;

  it("TP-4 gives the shortest time per token to a lone user (weights read in parallel)", () => {
    expect(row("1 × TP4", 1).itlP50Ms).toBeLessThan(row("2 × TP2", 1).itlP50Ms);
    expect(row("2 × TP2", 1).itlP50Ms).toBeLessThan(row("4 × TP1", 1).itlP50Ms);
  });

  it("four replicas serve the most tokens under heavy load (no all-reduce over PCIe)", () => {
    expect(row("4 × TP1", 256).outputTokensPerSecond).toBeGreaterThan(row("2 × TP2", 256).outputTokensPerSecond);
    expect(row("2 × TP2", 256).outputTokensPerSecond).toBeGreaterThan(row("1 × TP4", 256).outputTokensPerSecond);
  });

  it("every layout fills each GPU to about the same memory: vLLM takes gpu_memory_utilization of the card whatever the split", () => {
    const used = new Set(rows.map((r) => r.gpuUsedGiB));
    expect(used.size).toBe(1);
  });
});
