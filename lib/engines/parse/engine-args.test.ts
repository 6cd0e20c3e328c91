import { describe, expect, it } from "vitest";
import { splitEngineArgs } from "./engine-args";
import { parseCommandText } from "./index";

describe("engine argument words", () => {
  it("gives a vLLM list flag every word up to the next flag, as argparse's nargs='+' does", () => {
    const { flags, positionals } = splitEngineArgs("vllm", [
      "--cuda-graph-sizes",
      "1",
      "2",
      "4",
      "--max-num-seqs",
      "8",
    ]);
    expect(flags).toEqual([
      { flag: "--cuda-graph-sizes", value: "1,2,4" },
      { flag: "--max-num-seqs", value: "8" },
    ]);
    expect(positionals).toEqual([]);
  });

  it("keeps TGI's comma-separated list to one word", () => {
    const { flags, positionals } = splitEngineArgs("tgi", ["--cuda-graphs", "1,2,4", "extra"]);
    expect(flags).toEqual([{ flag: "--cuda-graphs", value: "1,2,4" }]);
    expect(positionals).toEqual(["extra"]);
  });

  it("reads space-separated capture sizes from a pasted vllm serve line without an unexpected-argument error", () => {
    const parsed = parseCommandText("vllm serve meta-llama/Llama-3.1-8B-Instruct --cuda-graph-sizes 1 2 4");
    expect(parsed.findings.map((f) => f.code)).not.toContain("flag.unexpected-argument");
    expect(parsed.instance.vllm?.cudaGraphSizes).toEqual([1, 2, 4]);
  });
});
