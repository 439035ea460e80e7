// 2. Tally: the cached tally service on FsVault over a generated vault. Cold (empty cache) as a ratio
// to the bare tokenizer over the same texts in memory; warm (all cached); one note edited.

import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { FsVault } from "../../src/cli/fs-vault";
import { TokenCacheFile } from "../../src/cli/token-cache-file";
import { createTokenCounter, openTokenTally, type TokenTally } from "../../src/core/context";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { figure, progress, timeMedian, type Figure } from "./figures";
import type { NoteSet } from "./vault-data";

export async function benchTally(root: string, data: NoteSet, reps: number): Promise<Figure[]> {
  const vault = new FsVault(root);
  const settings = { ...DEFAULT_SETTINGS };
  const counter = await createTokenCounter(settings.encoding);
  const paths = await vault.list();
  const texts = [...data.notes.values()];
  progress(`tally: ${paths.length} notes on FsVault`);

  const rawMs = await timeMedian(() => texts.reduce((sum, t) => sum + counter.count(t), 0), { reps, warmups: 1 });
  let service: TokenTally | undefined;
  const coldMs = await timeMedian(
    () => service!.tally(paths, settings.budget, settings),
    { reps, warmups: 1, before: async () => (service = await openTokenTally(vault, settings, undefined, counter)) },
  );
  const warm = service!;
  progress("tally: warm and edited");
  const warmMs = await timeMedian(() => warm.tally(paths, settings.budget, settings), { reps: reps * 3, warmups: 2 });
  const statMs = await timeMedian(() => paths.forEach((p) => statSync(join(root, p))), { reps: reps * 3, warmups: 1 });

  // Edit one note between runs (a new line changes its size and mtime), then tally the whole vault.
  const edited = paths[Math.floor(paths.length / 2)];
  const original = data.notes.get(edited)!;
  let round = 0;
  const editMs = await timeMedian(() => warm.tally(paths, settings.budget, settings), {
    reps: reps * 3,
    warmups: 1,
    before: () => vault.write(edited, `${original}\nEdit ${++round}: the grain changed again.\n`),
  });
  await vault.write(edited, original);

  // The CLI's second run: a new service reading the persisted cache file.
  const store = new TokenCacheFile(root);
  await warm.tally(paths, settings.budget, settings);
  const persisted = await openTokenTally(vault, settings, store, counter);
  await persisted.tally(paths, settings.budget, settings);
  await persisted.persist(paths);
  const restartMs = await timeMedian(async () => (await openTokenTally(vault, settings, store, counter)).tally(paths, settings.budget, settings), { reps, warmups: 1 });
  // Leave the folder as generated for the peer, which would otherwise also count the cache file.
  rmSync(join(root, ".decp"), { recursive: true, force: true });

  return [
    figure("tally_notes", paths.length, "notes"),
    figure("tally_raw_tokenizer", rawMs, "ms", undefined, "bare countTokens over the same texts in memory"),
    figure("tally_cold", coldMs, "ms"),
    figure("tally_cold_ratio", coldMs / rawMs, "x raw tokenizer", ["<=", 1.3]),
    figure("tally_warm", warmMs, "ms", ["<=", 50]),
    figure("tally_stat_every_file", statMs, "ms", undefined, "statSync of every note: the floor for any stat-checked warm tally"),
    figure("tally_one_note_edited", editMs, "ms", ["<=", 10]),
    figure("tally_restart_from_cache_file", restartMs, "ms", undefined, "a new service loading .decp/cache, as a second CLI run"),
  ];
}
