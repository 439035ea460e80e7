// The plugin's token cache: kept in data.json under "tokenCache" (one snapshot per encoding), saved
// debounced so a burst of edits writes once, and flushed when the plugin unloads.

import { debounce } from "obsidian";
import type { TokenCacheSnapshot, TokenCacheStore } from "../../core/context";
import type { Encoding } from "../../core/settings";
import type DecpPlugin from "../../main";

type Stored = Partial<Record<Encoding, TokenCacheSnapshot>>;

export function pluginTokenStore(plugin: DecpPlugin): TokenCacheStore {
  const pending: Stored = {};
  const flush = debounce(
    () => {
      const stored = { ...(plugin.getState<Stored>("tokenCache") ?? {}), ...pending };
      void plugin.setState("tokenCache", stored);
    },
    2000,
    true,
  );
  plugin.register(() => flush.run());
  return {
    load: async (encoding) => plugin.getState<Stored>("tokenCache")?.[encoding] ?? null,
    save: async (snapshot) => {
      pending[snapshot.encoding] = snapshot;
      flush();
    },
  };
}
