import { describe, expect, it } from "vitest";
import { speculativeJson } from "./case-args";

describe("speculativeJson", () => {
  it("turns the engine config line's repr into the JSON --speculative-config takes", () => {
    expect(
      JSON.parse(
        speculativeJson(
          "SpeculativeConfig(method='draft_model', model='Qwen/Qwen2.5-0.5B-Instruct', num_spec_tokens=5)",
        ),
      ),
    ).toEqual({ method: "draft_model", model: "Qwen/Qwen2.5-0.5B-Instruct", num_speculative_tokens: 5 });
    expect(JSON.parse(speculativeJson("SpeculativeConfig(method='ngram', model=None, num_spec_tokens=5)"))).toEqual({
      method: "ngram",
      num_speculative_tokens: 5,
    });
  });

  it("passes JSON through as stated", () => {
    expect(speculativeJson('{"method":"eagle","num_speculative_tokens":3}')).toBe(
      '{"method":"eagle","num_speculative_tokens":3}',
    );
  });
});
