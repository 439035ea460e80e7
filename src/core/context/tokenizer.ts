// Exact BPE token counts. gpt-tokenizer is loaded on first use through dynamic import(), which
// esbuild turns into a lazily initialised module in the CJS plugin bundle: onload never evaluates it.

import { UserError } from "../errors";
import type { Encoding } from "../settings";

export const ENCODINGS: readonly Encoding[] = ["o200k_base", "cl100k_base"];

export interface TokenCounter {
  readonly encoding: Encoding;
  count(text: string): number;
}

type CountTokens = (text: string, options?: { disallowedSpecial?: Set<string> }) => number;

// Text that happens to spell a special token ("<|endoftext|>") is counted as ordinary text, as an
// API call would treat pasted note text.
const asPlainText = { disallowedSpecial: new Set<string>() };

const loaded = new Map<Encoding, Promise<CountTokens>>();

export function parseEncoding(value: string): Encoding {
  if ((ENCODINGS as readonly string[]).includes(value)) return value as Encoding;
  throw new UserError(`Unknown encoding "${value}"`, { token: value }, `Use one of: ${ENCODINGS.join(", ")}`);
}

function loadEncoding(encoding: Encoding): Promise<CountTokens> {
  let pending = loaded.get(encoding);
  if (!pending) {
    // Literal specifiers so the bundler can see (and lazily wrap) each entry point.
    pending =
      encoding === "cl100k_base"
        ? import("gpt-tokenizer/encoding/cl100k_base").then((m) => m.countTokens as CountTokens)
        : import("gpt-tokenizer/encoding/o200k_base").then((m) => m.countTokens as CountTokens);
    loaded.set(encoding, pending);
  }
  return pending;
}

/** Loads the encoding on first call (later calls reuse it) and returns an exact counter. */
export async function createTokenCounter(encoding: Encoding): Promise<TokenCounter> {
  const countTokens = await loadEncoding(parseEncoding(encoding));
  return {
    encoding,
    count: (text: string) => (text === "" ? 0 : countTokens(text, asPlainText)),
  };
}

/** Wraps a counter so tests and reports can see how many texts were actually tokenized. */
export function countingCalls(counter: TokenCounter): TokenCounter & { calls: number } {
  const wrapped = {
    encoding: counter.encoding,
    calls: 0,
    count(text: string): number {
      wrapped.calls++;
      return counter.count(text);
    },
  };
  return wrapped;
}
