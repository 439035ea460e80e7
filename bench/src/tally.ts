// 2. Tally: the cached tally service on FsVault over a generated vault, each figure against its floor:
// cold (empty cache) against reading every file plus the bare tokenizer; warm (all cached) against
// a stat of every file; one note edited against stat, read and count of that note.

import { readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { FsVault } from "../../src/cli/fs-vault";
import { TokenCacheFile } from "../../src/cli/token-cache-file";
import { createTokenCounter, openTokenTally } from "../../src/core/context";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { figure, paired, progress, ratio, timed, timeMedian, type Figure } from "./figures";
import type { NoteSet } from "./vault-data";

export async function benchTally(root: string, data: NoteSet, reps: number): Promise<Figure[]> {
  const vault = new FsVault(root);
  const settings = { ...DEFAULT_SETTINGS };
  const counter = await createTokenCounter(settings.encoding);
  const paths = await vault.list();
  const texts = [...data.notes.values()];
  progress(`tally: ${paths.length} notes on FsVault`);

  // Cold against its floor (read every file, then the bare tokenizer over the texts), alternately;
  // each cold run starts a new service with an empty cache.
  const readAndCount = () =>
    timed(() => {
      for (const p of paths) counter.count(readFileSync(join(root, p), "utf8"));
    });
  const cold = await paired(
    async () => {
      const fresh = await openTokenTally(vault, settings, undefined, counter);
      return timed(() => fresh.tally(paths, settings.budget, settings));
    },
    readAndCount,
    reps,
  );
  const raw = await timeMedian(() => texts.forEach((t) => counter.count(t)), { reps, warmups: 1 });
  const service = await openTokenTally(vault, settings, undefined, counter);
  await service.tally(paths, settings.budget, settings);
  progress("tally: warm and edited");
  const statEvery = () => timed(() => paths.forEach((p) => statSync(join(root, p))));
  const warm = await paired(() => timed(() => service.tally(paths, settings.budget, settings)), statEvery, reps * 3);

  // One note edited between runs (a new line changes its size and mtime). The plugin hears of the
  // edit from the vault's modify event and recounts that note (the status bar's count); a CLI run
  // re-checks every file's stat.
  const edited = paths[Math.floor(paths.length / 2)];
  const original = data.notes.get(edited)!;
  let round = 0;
  const edit = () => vault.write(edited, `${original}\nEdit ${++round}: the grain changed again.\n`);
  const edited1 = await paired(
    async () => {
      await edit();
      return timed(() => service.readFile(edited));
    },
    async () => {
      await edit();
      return timed(() => {
        statSync(join(root, edited));
        counter.count(readFileSync(join(root, edited), "utf8"));
      });
    },
    reps * 3,
  );
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
    figure("tally_raw_tokenizer", raw, "ms", undefined, "bare countTokens over the same texts in memory"),
    ratio(
      "tally_cold",
      cold,
      "read every file + the bare tokenizer over each text",
      1.15,
      "empty cache: stat, read, hash, count every note",
    ),
    ratio("tally_warm", warm, "statSync of every file", 1.3, "every file's stat matches the cache: nothing read"),
    ratio(
      "tally_one_note_edited",
      edited1,
      "stat, read and count that one note",
      1.3,
      "readFile(edited) after the modify event",
    ),
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
