import { mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getEncoding } from "js-tiktoken";
import { FsVault } from "../../../src/cli/fs-vault";
import { TokenCacheFile } from "../../../src/cli/token-cache-file";
import { countingCalls, createTokenCounter, openTokenTally, type TokenCounter } from "../../../src/core/context";
import { DEFAULT_SETTINGS, type DecpSettings } from "../../../src/core/settings";
import type { VaultPort } from "../../../src/core/vault";
import { fixtureCorpus } from "./corpus";

let root: string;
let vault: FsVault;
const settings: DecpSettings = { ...DEFAULT_SETTINGS };

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "decp-tally-"));
  vault = new FsVault(root);
  for (const [path, text] of Object.entries(fixtureCorpus())) await vault.write(path, text);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function counted(): Promise<TokenCounter & { calls: number }> {
  return countingCalls(await createTokenCounter("o200k_base"));
}

test("a tally of the whole corpus equals js-tiktoken file by file, and totals them", async () => {
  const tally = await openTokenTally(vault, settings);
  const result = await tally.tally(await vault.list(), 5000, settings);
  const oracle = getEncoding("o200k_base");
  const corpus = fixtureCorpus();
  expect(result.files).toEqual(
    Object.keys(corpus)
      .sort()
      .map((path) => ({ path, tokens: oracle.encode(corpus[path], [], []).length })),
  );
  expect(result.total).toBe(result.files.reduce((s, f) => s + f.tokens, 0));
  expect(result.share).toBeCloseTo(result.total / 5000);
  expect(result.phase).toBe("stop");
});

test("a tally tells its caller of every file as it is counted or skipped, cached or not (CLI progress)", async () => {
  await vault.write("picture.png", "not really a png");
  const paths = await vault.list();
  const tally = await openTokenTally(vault, settings);
  for (const run of [1, 2]) {
    const seen: string[] = [];
    await tally.tally(paths, 5000, settings, (path) => seen.push(path));
    expect({ run, seen }).toEqual({ run, seen: paths });
  }
});

test("after editing one note, a second tally recounts exactly that note", async () => {
  const counter = await counted();
  const store = new TokenCacheFile(root);
  const first = await openTokenTally(vault, settings, store, counter);
  const paths = await vault.list();
  await first.tally(paths, 5000, settings);
  await first.persist(paths);
  const fileCount = Object.keys(fixtureCorpus()).length;
  expect(counter.calls).toBe(fileCount);

  // A restart: a new tally service reading the persisted cache recounts nothing unchanged.
  await vault.write("unicode.md", "Edited: naïve café ☕\n");
  counter.calls = 0;
  const second = await openTokenTally(vault, settings, store, counter);
  const result = await second.tally(paths, 5000, settings);
  expect(counter.calls).toBe(1);
  expect(result.files.find((f) => f.path === "unicode.md")?.tokens).toBe(
    getEncoding("o200k_base").encode("Edited: naïve café ☕\n").length,
  );
});

test("identical content under a new path (a rename) is not recounted; deleted files are pruned", async () => {
  const counter = await counted();
  const store = new TokenCacheFile(root);
  const tally = await openTokenTally(vault, settings, store, counter);
  await tally.tally(["crlf.md"], 5000, settings);
  const text = await vault.read("crlf.md");
  await vault.write("moved/crlf.md", text);
  counter.calls = 0;
  await tally.tally(["moved/crlf.md"], 5000, settings);
  expect(counter.calls).toBe(0);
  await tally.persist(["moved/crlf.md"]);
  const snapshot = await store.load("o200k_base");
  expect(Object.keys(snapshot?.entries ?? {})).toEqual(["moved/crlf.md"]);
});

test("images, PDFs, binaries and files over the size limit are skipped with the reason", async () => {
  await vault.write("diagram.png", "not really a png");
  await vault.write("spec.pdf", "%PDF-1.4");
  await vault.write("big.md", "x".repeat(3000));
  await vault.write("blob.dat", "a\u0000b");
  await vault.write("notes.weird", "plain text with an odd extension");
  const tally = await openTokenTally(vault, { ...settings, maxTallyBytes: 2000 });
  const result = await tally.tally(
    ["diagram.png", "spec.pdf", "big.md", "blob.dat", "notes.weird", "data.csv"],
    5000,
    settings,
  );
  expect(result.skipped).toEqual([
    { path: "big.md", reason: "larger than 2.0 kB (3.0 kB)" },
    { path: "blob.dat", reason: "binary file" },
    { path: "diagram.png", reason: "image" },
    { path: "spec.pdf", reason: "PDF" },
  ]);
  expect(result.files.map((f) => f.path)).toEqual(["data.csv", "notes.weird"]);
});

test("a note that changes or vanishes during a tally gives the counts of what was read, without crashing", async () => {
  let reads = 0;
  const shifting: VaultPort = {
    ...vault,
    list: (f?: string) => vault.list(f),
    stat: (p: string) => vault.stat(p),
    read: async (p: string) => {
      const text = await vault.read(p);
      // Every read edits another note behind the tally's back, and deletes one.
      reads++;
      await vault.write("numbers.md", `changed ${reads} times`);
      if (reads === 1) rmSync(join(root, "special.txt"));
      return text;
    },
  } as unknown as VaultPort;
  const tally = await openTokenTally(shifting, settings);
  const result = await tally.tally(["crlf.md", "numbers.md", "special.txt"], 5000, settings);
  expect(result.files.map((f) => f.path)).toEqual(["crlf.md", "numbers.md"]);
  expect(result.files[1].tokens).toBe(getEncoding("o200k_base").encode("changed 1 times").length);
  expect(result.skipped).toEqual([{ path: "special.txt", reason: "not found" }]);
  expect(result.total).toBe(result.files[0].tokens + result.files[1].tokens);
});

test("on FsVault's synchronous path too, a note deleted between its stat and its read is skipped as not found", async () => {
  class Racing extends FsVault {
    override statNow(path: string) {
      const stat = super.statNow(path);
      // The stat is taken, then another process deletes the note before the tally reads it.
      if (path === "special.txt") rmSync(join(root, path), { force: true });
      return stat;
    }
  }
  const racing = new Racing(root);
  const tally = await openTokenTally(racing, settings);
  const result = await tally.tally(["crlf.md", "special.txt"], 5000, settings);
  expect(result.files.map((f) => f.path)).toEqual(["crlf.md"]);
  expect(result.skipped).toEqual([{ path: "special.txt", reason: "not found" }]);
  // A second tally no longer finds it at all, and nothing counted for it was cached.
  expect((await tally.tally(["special.txt"], 5000, settings)).skipped).toEqual([
    { path: "special.txt", reason: "not found" },
  ]);
});

/** The FsVault with its reads counted, to see which files a tally opened. */
function countingReads(inner: FsVault): VaultPort & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    list: (f?: string) => inner.list(f),
    stat: (p: string) => inner.stat(p),
    readBytes: (p: string) => inner.readBytes(p),
    read: (p: string) => {
      reads.push(p);
      return inner.read(p);
    },
  } as unknown as VaultPort & { reads: string[] };
}

test("a warm tally reads no file whose mtime and size are unchanged, even after a restart from the cache file", async () => {
  const watched = countingReads(vault);
  const store = new TokenCacheFile(root);
  const paths = await vault.list();
  const first = await openTokenTally(watched, settings, store);
  const cold = await first.tally(paths, 5000, settings);
  await first.persist(paths);
  expect(watched.reads.length).toBe(paths.length);

  watched.reads.length = 0;
  expect(await first.tally(paths, 5000, settings)).toEqual(cold);
  const restarted = await openTokenTally(watched, settings, store);
  expect(await restarted.tally(paths, 5000, settings)).toEqual(cold);
  expect(watched.reads).toEqual([]);
});

test("an edit that keeps the size but changes the mtime is read and recounted", async () => {
  const watched = countingReads(vault);
  const tally = await openTokenTally(watched, settings);
  await tally.tally(["numbers.md"], 5000, settings);
  const before = (await vault.stat("numbers.md"))!;
  const text = await vault.read("numbers.md");
  const edited = text.replace(/\d/, (d) => String((Number(d) + 1) % 10));
  expect(edited.length).toBe(text.length);
  await vault.write("numbers.md", edited);
  utimesSync(join(root, "numbers.md"), new Date(), new Date(before.mtime + 5000));

  watched.reads.length = 0;
  const result = await tally.tally(["numbers.md"], 5000, settings);
  expect(watched.reads).toEqual(["numbers.md"]);
  expect(result.total).toBe(getEncoding("o200k_base").encode(edited, [], []).length);
});

test("a cache file written before stats were kept still loads: counts reused, each file read once more to learn its stat", async () => {
  const counter = await counted();
  const store = new TokenCacheFile(root);
  const paths = await vault.list();
  const first = await openTokenTally(vault, settings, store, counter);
  await first.tally(paths, 5000, settings);
  const snapshot = first.cache.snapshot();
  for (const [path, entry] of Object.entries(snapshot.entries)) snapshot.entries[path] = [entry[0], entry[1]];
  await store.save(snapshot);

  const watched = countingReads(vault);
  counter.calls = 0;
  const upgraded = await openTokenTally(watched, settings, store, counter);
  await upgraded.tally(paths, 5000, settings);
  expect(counter.calls).toBe(0);
  expect(watched.reads.length).toBe(paths.length);
  watched.reads.length = 0;
  await upgraded.tally(paths, 5000, settings);
  expect(watched.reads).toEqual([]);
});
