// The byte-identical fast path (reimportUnchanged) on a real folder: it answers from the import state
// only while an import would do and report nothing new. Any note edited, deleted, replaced by a link
// or added with a unique_id, a removed note un-marked, or a node the last import left out: an import runs.

import { mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import { importDbtProject, reimportUnchanged, type DbtProject } from "../../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { MemoryStateStore, model, project } from "./manifest-builders";

const settings = DEFAULT_SETTINGS;
const note = (name: string) => `dbt/shop/models/${name}.md`;
const chain = (names = ["a", "b", "c", "d", "e"]): DbtProject =>
  project(...names.map((n, i) => model(n, i === 0 ? [] : [`model.shop.${names[i - 1]}`])));

let root: string;
let outside: string;
let vault: FsVault;
let store: MemoryStateStore;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "decp-reimport-"));
  outside = mkdtempSync(join(tmpdir(), "decp-reimport-out-"));
  vault = new FsVault(root);
  store = new MemoryStateStore();
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const importAs = (hash: string, nodes = chain()) =>
  importDbtProject(vault, settings, nodes, { stateStore: store, manifestHash: hash });
const fastPath = (hash = "m1") => reimportUnchanged(new FsVault(root), settings, store, hash);

test("a deleted note forces an import, which writes it again", async () => {
  await importAs("m1");
  expect(await fastPath()).toMatchObject({ written: 0, unchanged: 5 });
  unlinkSync(join(root, note("c")));
  expect(await fastPath()).toBeNull();
  expect(await importAs("m1")).toMatchObject({ created: 1 });
  expect(await fastPath()).toMatchObject({ written: 0 });
});

test("a note replaced by a link is not trusted, even when the link shows the very same stat", async () => {
  await importAs("m1");
  // Moved (mtime and size kept) and linked back: inside the vault, then outside it.
  renameSync(join(root, note("a")), join(root, "moved-a.md"));
  symlinkSync(join(root, "moved-a.md"), join(root, note("a")));
  expect(await fastPath()).toBeNull();
  unlinkSync(join(root, note("a")));
  renameSync(join(root, "moved-a.md"), join(outside, "a.md"));
  symlinkSync(join(outside, "a.md"), join(root, note("a")));
  expect(await fastPath()).toBeNull();
});

test("a note added to the folder naming a node forces an import; a note of the user's own does not", async () => {
  await importAs("m1");
  writeFileSync(join(root, "dbt/shop/models/my thoughts.md"), "# On the shop\n\nNo front matter of decp's.\n");
  expect(await fastPath()).toMatchObject({ written: 0, unchanged: 5 });
  // A copy of a's note (same unique_id) is a note an import must look at.
  writeFileSync(join(root, "dbt/shop/models/a copy.md"), readFileSync(join(root, note("a"))));
  expect(await fastPath()).toBeNull();
});

test("a note the last import marked removed keeps the fast path while it stays marked", async () => {
  await importAs("m1");
  const report = await importAs("m2", chain(["a", "b", "c", "d"]));
  expect(report.removed).toEqual([note("e")]);
  expect(await fastPath("m2")).toMatchObject({ written: 0, removed: [note("e")] });
  // The user takes the mark off: an import puts it back.
  const marked = readFileSync(join(root, note("e")), "utf8");
  expect(marked).toMatch(/^status: removed$/m);
  writeFileSync(join(root, note("e")), marked.replace(/^status: removed$/m, "status: kept"));
  expect(await fastPath("m2")).toBeNull();
  expect(await importAs("m2", chain(["a", "b", "c", "d"]))).toMatchObject({ written: 1 });
  expect(await fastPath("m2")).toMatchObject({ written: 0 });
  // Deleted, it is no longer reported removed by an import: the last report is not repeated.
  unlinkSync(join(root, note("e")));
  expect(await fastPath("m2")).toBeNull();
});

test("a node the last import left out (a note of the user's in its place) is reported by an import, not the state", async () => {
  await vault.write(note("c"), "# My own note where c's would go\n");
  const first = await importAs("m1");
  expect(first.skipped.map((s) => s.path)).toEqual([note("c")]);
  expect(await fastPath()).toBeNull();
});
