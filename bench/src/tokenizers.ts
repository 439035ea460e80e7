// 1. Tokenizers: gpt-tokenizer (runtime) against js-tiktoken (oracle) on the same notes: identical
// counts, throughput, and load time in a fresh process.

import { getEncoding } from "js-tiktoken";
import { createTokenCounter } from "../../src/core/context";
import { runChild } from "./child-process";
import { check, figure, median, progress, timeMedian, type Figure } from "./figures";
import type { NoteSet } from "./vault-data";

export async function benchTokenizers(corpus: NoteSet, reps: number): Promise<Figure[]> {
  const texts = [...corpus.notes.values()];
  const mb = corpus.bytes / 1e6;
  progress(`tokenizers: ${texts.length} notes, ${mb.toFixed(1)} MB`);
  const gpt = await createTokenCounter("o200k_base");
  const tiktoken = getEncoding("o200k_base");
  // Special-token look-alikes count as plain text in both, as decp counts pasted notes.
  const countTiktoken = (text: string): number => tiktoken.encode(text, [], []).length;

  let differing = 0;
  for (const text of texts) if (gpt.count(text) !== countTiktoken(text)) differing++;
  const warmup = texts.slice(0, Math.max(1, Math.floor(texts.length / 20)));
  const pass = (count: (t: string) => number) => () => {
    for (const text of texts) count(text);
  };
  for (const text of warmup) countTiktoken(text);
  // js-tiktoken takes ~40 s per pass over the full corpus: three passes are enough for a median.
  const passes = Math.min(reps, 3);
  const gptMs = await timeMedian(pass((t) => gpt.count(t)), { reps: passes, warmups: 0 });
  progress("tokenizers: js-tiktoken pass");
  const tiktokenMs = await timeMedian(pass(countTiktoken), { reps: passes, warmups: 0 });

  progress("tokenizers: load times in fresh processes");
  const loads = (mode: string) => median(Array.from({ length: Math.max(3, reps) }, () => runChild<{ ms: number }>("child.cjs", [mode]).ms));
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
