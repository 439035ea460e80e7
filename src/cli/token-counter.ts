// The CLI's token counter: loads its encoding on the first text it counts, synchronously. A call whose
// counts all come from the token cache (a warm `decp tally`) never loads the tokenizer, which costs
// more than the rest of such a call. In dist/ each encoding is a file of its own beside cli.js.

import { parseEncoding, type TokenCounter } from "../core/context";
import type { Encoding } from "../core/settings";

type CountTokens = (text: string, options?: { disallowedSpecial?: Set<string> }) => number;

// As the core counter: text that spells a special token is ordinary text.
const asPlainText = { disallowedSpecial: new Set<string>() };

function load(encoding: Encoding): CountTokens {
  /* eslint-disable @typescript-eslint/no-require-imports -- a synchronous load on first use is the point */
  const module = (
    encoding === "cl100k_base"
      ? require("gpt-tokenizer/encoding/cl100k_base")
      : require("gpt-tokenizer/encoding/o200k_base")
  ) as { countTokens: CountTokens };
  /* eslint-enable @typescript-eslint/no-require-imports -- only the two loads above */
  return module.countTokens;
}

/** A counter whose tokenizer loads on the first non-empty text; `loaded` says whether it has. */
export function lazyTokenCounter(encoding: Encoding): TokenCounter & { readonly loaded: boolean } {
  const checked = parseEncoding(encoding);
  let countTokens: CountTokens | undefined;
  return {
    encoding: checked,
    get loaded() {
      return countTokens !== undefined;
    },
    count(text: string): number {
      if (text === "") return 0;
      countTokens ??= load(checked);
      return countTokens(text, asPlainText);
    },
  };
}
