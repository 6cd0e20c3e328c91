import { describe, expect, it } from "vitest";
import { kernelIsWsl } from "./registered-host-summary";

describe("a registered host's daemon under WSL2", () => {
  it("is told by its kernel's name, as vLLM tells it (in_wsl)", () => {
    expect(kernelIsWsl("5.15.153.1-microsoft-standard-WSL2")).toBe(true);
    expect(kernelIsWsl("6.6.87.2-microsoft-standard-WSL2")).toBe(true);
    expect(kernelIsWsl("6.1.0-18-amd64")).toBe(false);
    expect(kernelIsWsl("5.15.0-105-generic")).toBe(false);
    expect(kernelIsWsl(undefined)).toBe(false);
  });
});
