import { getEncoding } from "js-tiktoken";
import { createTokenCounter, parseEncoding } from "../../../src/core/context";
import { fixtureCorpus } from "./corpus";

describe("token counts equal the js-tiktoken oracle", () => {
  const corpus = Object.entries(fixtureCorpus());

  test.each(["o200k_base", "cl100k_base"] as const)("%s: every fixture file", async (encoding) => {
    const counter = await createTokenCounter(encoding);
    const oracle = getEncoding(encoding);
    for (const [path, text] of corpus) {
      // disallowedSpecial = []: special-token spellings in notes count as plain text.
      expect({ path, tokens: counter.count(text) }).toEqual({ path, tokens: oracle.encode(text, [], []).length });
    }
  });

  test("the encodings really differ (the setting matters)", async () => {
    const o200k = await createTokenCounter("o200k_base");
    const cl100k = await createTokenCounter("cl100k_base");
    const text = fixtureCorpus()["unicode.md"];
    expect(o200k.count(text)).not.toBe(cl100k.count(text));
  });

  test("an unknown encoding is a user error naming it", () => {
    expect(() => parseEncoding("p50k")).toThrow(/Unknown encoding "p50k"/);
  });
});
