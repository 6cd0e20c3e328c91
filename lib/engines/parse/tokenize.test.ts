import { describe, expect, it } from "vitest";
import { parseSize } from "./sizes";
import { tokenizeCommands, tokenizeWords } from "./tokenize";

describe("tokenizeWords", () => {
  it("keeps quoted text as one word and drops the quotes", () => {
    expect(tokenizeWords(`a 'b c' "d e" f"g h"i`)).toEqual(["a", "b c", "d e", "fg hi"]);
  });
  it("keeps the double quotes of --gpus '\"device=0,1\"'", () => {
    expect(tokenizeWords(`--gpus '"device=0,1"'`)).toEqual(["--gpus", '"device=0,1"']);
  });
  it("reads escapes inside double quotes and outside", () => {
    expect(tokenizeWords(`"a \\"q\\" \\$x" b\\ c`)).toEqual(['a "q" $x', "b c"]);
  });
  it("joins backslash-newline continuations (also CRLF)", () => {
    expect(tokenizeWords("docker run \\\n  --gpus all \\\r\n  img")).toEqual(["docker", "run", "--gpus", "all", "img"]);
  });
  it("reads a flattened `\\ ` continuation as a word break", () => {
    expect(tokenizeWords(`docker run --gpus all \\ -p 8080:80 \\ --memory="32g"`)).toEqual([
      "docker",
      "run",
      "--gpus",
      "all",
      "-p",
      "8080:80",
      "--memory=32g",
    ]);
  });
  it("keeps JSON in single quotes intact", () => {
    const json = `{"rope_type":"yarn","factor":4.0}`;
    expect(tokenizeWords(`--rope-scaling '${json}'`)).toEqual(["--rope-scaling", json]);
  });
  it("splits commands on newlines, ; && || and | and drops # comments", () => {
    const commands = tokenizeCommands("docker pull img # fetch\ndocker run img && echo ok; ls | wc");
    expect(commands.map((c) => c.words)).toEqual([
      ["docker", "pull", "img"],
      ["docker", "run", "img"],
      ["echo", "ok"],
      ["ls"],
      ["wc"],
    ]);
  });
  it("treats # inside a word as text", () => {
    expect(tokenizeWords("a#b 'c # d'")).toEqual(["a#b", "c # d"]);
  });
  it("keeps an empty quoted word", () => {
    expect(tokenizeWords(`a "" b`)).toEqual(["a", "", "b"]);
  });
});

describe("parseSize", () => {
  it.each([
    ["32g", 32 * 2 ** 30],
    ["8GB", 8 * 2 ** 30],
    ["16gi", 16 * 2 ** 30],
    ["1024m", 2 ** 30],
    ["512k", 512 * 1024],
    ["1.5g", 1.5 * 2 ** 30],
    ["4096", 4096],
  ])("%s → %d bytes", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });
  it("refuses what is not a size", () => {
    expect(parseSize("lots")).toBeUndefined();
    expect(parseSize("32x")).toBeUndefined();
  });
});
