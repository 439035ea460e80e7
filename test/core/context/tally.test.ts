import { mkdtempSync, rmSync } from "node:fs";
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
  expect(result.files).toEqual(Object.keys(corpus).sort().map((path) => ({ path, tokens: oracle.encode(corpus[path], [], []).length })));
  expect(result.total).toBe(result.files.reduce((s, f) => s + f.tokens, 0));
  expect(result.share).toBeCloseTo(result.total / 5000);
  expect(result.phase).toBe("stop");
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
  expect(result.files.find((f) => f.path === "unicode.md")?.tokens).toBe(getEncoding("o200k_base").encode("Edited: naïve café ☕\n").length);
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
  const result = await tally.tally(["diagram.png", "spec.pdf", "big.md", "blob.dat", "notes.weird", "data.csv"], 5000, settings);
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
