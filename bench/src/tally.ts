// 2. Tally: the cached tally service on FsVault over a generated vault. Cold (empty cache) as a ratio
// to the bare tokenizer over the same texts in memory; warm (all cached); one note edited.

import { readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { FsVault } from "../../src/cli/fs-vault";
import { TokenCacheFile } from "../../src/cli/token-cache-file";
import { createTokenCounter, openTokenTally, type TokenTally } from "../../src/core/context";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { collectGarbage, figure, median, progress, timeMedian, type Figure } from "./figures";
import type { NoteSet } from "./vault-data";

export async function benchTally(root: string, data: NoteSet, reps: number): Promise<Figure[]> {
  const vault = new FsVault(root);
  const settings = { ...DEFAULT_SETTINGS };
  const counter = await createTokenCounter(settings.encoding);
  const paths = await vault.list();
  const texts = [...data.notes.values()];
  progress(`tally: ${paths.length} notes on FsVault`);

  // Cold and raw alternate, so both see the same machine load; each cold run starts a new service.
  const raw: number[] = [];
  const cold: number[] = [];
  let warm: TokenTally | undefined;
  for (let i = 0; i < reps + 1; i++) {
    collectGarbage();
    let start = performance.now();
    for (const text of texts) counter.count(text);
    const rawMs = performance.now() - start;
    warm = await openTokenTally(vault, settings, undefined, counter);
    collectGarbage();
    start = performance.now();
    await warm.tally(paths, settings.budget, settings);
    const coldMs = performance.now() - start;
    if (i > 0) {
      raw.push(rawMs);
      cold.push(coldMs);
    }
  }
  const service = warm!;
  progress("tally: warm and edited");
  const warmMs = await timeMedian(() => service.tally(paths, settings.budget, settings), {
    reps: reps * 3,
    warmups: 2,
  });
  const statMs = await timeMedian(() => paths.forEach((p) => statSync(join(root, p))), { reps: reps * 3, warmups: 1 });
  const readMs = await timeMedian(() => paths.forEach((p) => readFileSync(join(root, p), "utf8")), {
    reps,
    warmups: 1,
  });

  // One note edited between runs (a new line changes its size and mtime). The plugin hears of the
  // edit from the vault's modify event and recounts that note (the status bar's count); a CLI run
  // re-checks every file's stat.
  const edited = paths[Math.floor(paths.length / 2)];
  const original = data.notes.get(edited)!;
  let round = 0;
  const edit = () => vault.write(edited, `${original}\nEdit ${++round}: the grain changed again.\n`);
  const editedMs = await timeMedian(() => service.readFile(edited), { reps: reps * 3, warmups: 1, before: edit });
  const recheckMs = await timeMedian(() => service.tally(paths, settings.budget, settings), {
    reps: reps * 3,
    warmups: 1,
    before: edit,
  });
  await vault.write(edited, original);

  // The CLI's second run: a new service reading the persisted cache file.
  const store = new TokenCacheFile(root);
  const persisted = await openTokenTally(vault, settings, store, counter);
  await persisted.tally(paths, settings.budget, settings);
  await persisted.persist(paths);
  const restartMs = await timeMedian(
    async () => (await openTokenTally(vault, settings, store, counter)).tally(paths, settings.budget, settings),
    { reps, warmups: 1 },
  );
  // Leave the folder as generated for the peer, which would otherwise also count the cache file.
  rmSync(join(root, ".decp"), { recursive: true, force: true });

  return [
    figure("tally_notes", paths.length, "notes"),
    figure("tally_raw_tokenizer", median(raw), "ms", undefined, "bare countTokens over the same texts in memory"),
    figure("tally_cold", median(cold), "ms", undefined, "empty cache: stat, read, hash, count every note"),
    figure(
      "tally_read_every_file",
      readMs,
      "ms",
      undefined,
      "readFileSync of every note: the I/O a cold tally cannot avoid",
    ),
    figure("tally_cold_ratio", median(cold) / median(raw), "x raw tokenizer", ["<=", 1.3]),
    figure("tally_warm", warmMs, "ms", ["<=", 50]),
    figure(
      "tally_stat_every_file",
      statMs,
      "ms",
      undefined,
      "statSync of every note: the floor for any stat-checked warm tally",
    ),
    figure("tally_one_note_edited", editedMs, "ms", ["<=", 10], "readFile(edited) after the modify event"),
    figure(
      "tally_one_note_edited_full_recheck",
      recheckMs,
      "ms",
      undefined,
      "whole-vault tally after the edit: every stat checked, one note read",
    ),
    figure(
      "tally_restart_from_cache_file",
      restartMs,
      "ms",
      undefined,
      "a new service loading .decp/cache, as a second CLI run",
    ),
  ];
}
