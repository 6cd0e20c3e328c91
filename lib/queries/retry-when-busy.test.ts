import { describe, expect, it } from "vitest";
import { retryWhenBusy } from "./retry-when-busy";

const busy = () => Object.assign(new Error("Operation has timed out"), { code: "P1008" });

describe("retryWhenBusy", () => {
  it("runs the work again after SQLite's busy answer, and returns its result", async () => {
    let calls = 0;
    const result = await retryWhenBusy(
      async () => {
        calls += 1;
        if (calls < 3) throw busy();
        return "done";
      },
      { firstDelayMs: 1 },
    );
    expect([result, calls]).toEqual(["done", 3]);
  });

  it("gives up after the last attempt with the busy error", async () => {
    let calls = 0;
    const run = retryWhenBusy(
      async () => {
        calls += 1;
        throw busy();
      },
      { attempts: 3, firstDelayMs: 1 },
    );
    await expect(run).rejects.toMatchObject({ code: "P1008" });
    expect(calls).toBe(3);
  });

  it("does not retry any other error", async () => {
    let calls = 0;
    const run = retryWhenBusy(async () => {
      calls += 1;
      throw new Error("unique constraint");
    });
    await expect(run).rejects.toThrow("unique constraint");
    expect(calls).toBe(1);
  });
});
