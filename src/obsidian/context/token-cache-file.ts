// The plugin's token cache: <vault>/.decp/cache/tokens-<encoding>.json, the file the CLI keeps too,
// never data.json (Sync would carry every count to every device and rewrite data.json after each
// edit). Written in batches, at most once every few seconds while counting and once on unload; a
// missing or broken file only costs a recount. A cache an older version kept in data.json moves here.

import { debounce, normalizePath, type DataAdapter } from "obsidian";
import type { TokenCacheSnapshot, TokenCacheStore } from "../../core/context";
import type { Encoding } from "../../core/settings";
import type DecpPlugin from "../../main";

export const TOKEN_CACHE_FOLDER = ".decp/cache";
const BATCH_MS = 5000;

const cachePath = (encoding: Encoding): string => normalizePath(`${TOKEN_CACHE_FOLDER}/tokens-${encoding}.json`);

async function writeSnapshot(adapter: DataAdapter, snapshot: TokenCacheSnapshot): Promise<void> {
  if (!(await adapter.exists(TOKEN_CACHE_FOLDER))) await adapter.mkdir(TOKEN_CACHE_FOLDER);
  await adapter.write(cachePath(snapshot.encoding), JSON.stringify(snapshot) + "\n");
}

export function tokenCacheFile(plugin: DecpPlugin): TokenCacheStore {
  const adapter = plugin.app.vault.adapter;
  const pending = new Map<Encoding, TokenCacheSnapshot>();
  const writePending = async (): Promise<void> => {
    const snapshots = [...pending.values()];
    pending.clear();
    for (const snapshot of snapshots) await writeSnapshot(adapter, snapshot);
  };
  const report = (error: unknown): void => console.error("Data Engineering Copilot Patterns: token cache", error);
  // Not reset by each save: a steady stream of edits still writes every BATCH_MS, never on each one.
  const batch = debounce(() => void writePending().catch(report), BATCH_MS, false);
  plugin.register(() => {
    batch.cancel();
    void writePending().catch(report);
  });
  const migrated = migrateFromPluginData(plugin, adapter).catch(report);

  return {
    async load(encoding) {
      await migrated;
      try {
        if (!(await adapter.exists(cachePath(encoding)))) return null;
        return JSON.parse(await adapter.read(cachePath(encoding))) as TokenCacheSnapshot;
      } catch {
        return null;
      }
    },
    async save(snapshot) {
      pending.set(snapshot.encoding, snapshot);
      batch();
    },
  };
}

/** Older versions kept the cache in data.json under "tokenCache": move it once (a cache file already there wins). */
async function migrateFromPluginData(plugin: DecpPlugin, adapter: DataAdapter): Promise<void> {
  const legacy = await plugin.takeLegacyState<Partial<Record<Encoding, TokenCacheSnapshot>>>("tokenCache");
  for (const snapshot of Object.values(legacy ?? {})) {
    if (snapshot?.encoding && !(await adapter.exists(cachePath(snapshot.encoding))))
      await writeSnapshot(adapter, snapshot);
  }
}
