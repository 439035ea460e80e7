// 1. Tokenizers: gpt-tokenizer (runtime) against js-tiktoken (oracle) on the same notes: identical
// counts, throughput, and load time in a fresh process.

import { getEncoding } from "js-tiktoken";
import { createTokenCounter } from "../../src/core/context";
import { runChild } from "./child-process";
import { check, collectGarbage, figure, median, progress, type Figure } from "./figures";
import type { NoteSet } from "./vault-data";

export async function benchTokenizers(corpus: NoteSet, reps: number): Promise<Figure[]> {
  const texts = [...corpus.notes.values()];
  const mb = corpus.bytes / 1e6;
  progress(`tokenizers: ${texts.length} notes, ${mb.toFixed(1)} MB`);
  const gpt = await createTokenCounter("o200k_base");
  const tiktoken = getEncoding("o200k_base");
  // Special-token look-alikes count as plain text in both, as decp counts pasted notes.
  const countTiktoken = (text: string): number => tiktoken.encode(text, [], []).length;

  // Interleaved passes over every note (js-tiktoken takes ~40 s per full pass, so three); the
  // first pass of each also records the counts that must be identical.
  const gptCounts: number[] = [];
  let differing = 0;
  const gptTimes: number[] = [];
  const tiktokenTimes: number[] = [];
  for (let pass = 0; pass < Math.min(reps, 3); pass++) {
    collectGarbage();
    let start = performance.now();
    for (let i = 0; i < texts.length; i++) gptCounts[i] = gpt.count(texts[i]);
    gptTimes.push(performance.now() - start);
    progress(`tokenizers: js-tiktoken pass ${pass + 1}`);
    collectGarbage();
    start = performance.now();
    for (let i = 0; i < texts.length; i++) if (countTiktoken(texts[i]) !== gptCounts[i] && pass === 0) differing++;
    tiktokenTimes.push(performance.now() - start);
  }
  const gptMs = median(gptTimes);
  const tiktokenMs = median(tiktokenTimes);

  progress("tokenizers: load times in fresh processes");
  const loads = (mode: string) =>
    median(Array.from({ length: reps }, () => runChild<{ ms: number }>("child.cjs", [mode]).ms));
  const gptLoad = loads("load-gpt-tokenizer");
  const tiktokenLoad = loads("load-js-tiktoken");
  return [
    check("counts_identical", differing === 0, `${differing} of ${texts.length} notes differ`),
    figure("corpus_mb", mb, "MB"),
    figure("gpt_tokenizer_throughput", mb / (gptMs / 1000), "MB/s"),
    figure("js_tiktoken_throughput", mb / (tiktokenMs / 1000), "MB/s"),
    figure("gpt_tokenizer_speedup", tiktokenMs / gptMs, "x js-tiktoken"),
    figure("gpt_tokenizer_load", gptLoad, "ms"),
    figure("js_tiktoken_load", tiktokenLoad, "ms"),
  ];
}
