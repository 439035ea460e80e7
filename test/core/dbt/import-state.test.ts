// Re-import with the import state: unchanged nodes whose notes are as the last import left them are
// neither read, rendered nor written; a one-model change re-renders that model and its neighbours
// only; a note the user edited is read and merged as always; a byte-identical manifest with every
// note unchanged needs no parse at all (reimportUnchanged).

import { importDbtProject, reimportUnchanged, type DbtProject } from "../../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { MemoryStateStore, model, project, WatchedVault, type Node } from "./manifest-builders";

// A chain a -> b -> c -> d -> e: changing c concerns c, and b and d at most.
const CHAIN = ["a", "b", "c", "d", "e"];
function chain(change: Record<string, Node> = {}): DbtProject {
  return project(...CHAIN.map((n, i) => model(n, i === 0 ? [] : [`model.shop.${CHAIN[i - 1]}`], change[n] ?? {})));
}

/** Notes read, each once (applyPlan reads a note again to check it before replacing it). */
const readOnce = (vault: WatchedVault): string[] => [...new Set(vault.reads)].sort();
const note = (name: string) => `dbt/shop/models/${name}.md`;
const settings = DEFAULT_SETTINGS;

async function imported(): Promise<{ vault: WatchedVault; store: MemoryStateStore }> {
  const vault = new WatchedVault();
  const store = new MemoryStateStore();
  const first = await importDbtProject(vault, settings, chain(), { stateStore: store, manifestHash: "m1" });
  expect(first.created).toBe(5);
  vault.reads = [];
  return { vault, store };
}

test("an unchanged project re-imports without reading, rendering or writing a note", async () => {
  const { vault, store } = await imported();
  const report = await importDbtProject(vault, settings, chain(), { stateStore: store, manifestHash: "m2" });
  expect(report).toMatchObject({ written: 0, unchanged: 5, created: 0, updated: 0 });
  expect(vault.reads).toEqual([]);
});

test("a one-model change reads and re-renders that model (and the neighbours its links name) only", async () => {
  const { vault, store } = await imported();
  const before = await vault.read(note("d"));
  vault.reads = [];
  const report = await importDbtProject(vault, settings, chain({ c: { description: "Now about orders" } }), {
    stateStore: store,
  });
  // The neighbours' notes do not show c's description: they are not even read.
  expect(readOnce(vault)).toEqual([note("c")]);
  expect(report).toMatchObject({ written: 1, updated: 1, unchanged: 4 });
  expect(await vault.read(note("c"))).toContain("Now about orders");
  expect(await vault.read(note("d"))).toBe(before);

  // A new edge: e now also reads from a. Both ends change, nothing else is read.
  vault.reads = [];
  const rewired = chain({
    c: { description: "Now about orders" },
    e: { depends_on: { nodes: ["model.shop.d", "model.shop.a"] } },
  });
  const second = await importDbtProject(vault, settings, rewired, { stateStore: store });
  expect(readOnce(vault)).toEqual([note("a"), note("e")]);
  expect(second).toMatchObject({ written: 2, unchanged: 3 });
});

test("a note the user edited since the import is read and merged, its text kept", async () => {
  const { vault, store } = await imported();
  await vault.process(note("a"), (text) => `${text}\nMy own notes on a.\n`);
  vault.reads = [];
  const report = await importDbtProject(vault, settings, chain(), { stateStore: store });
  expect(vault.reads).toEqual([note("a")]);
  expect(report).toMatchObject({ written: 0, unchanged: 5 });
  expect(await vault.read(note("a"))).toContain("My own notes on a.");
  vault.reads = [];
  // Its new stat is recorded: the next import trusts it again.
  await importDbtProject(vault, settings, chain(), { stateStore: store });
  expect(vault.reads).toEqual([]);
});

test("a byte-identical manifest with every note unchanged is answered from the state; any note edit forces an import", async () => {
  const { vault, store } = await imported();
  const same = await reimportUnchanged(vault, settings, store, "m1");
  expect(same).toMatchObject({ project: "shop", models: 5, written: 0, unchanged: 5 });
  expect(await reimportUnchanged(vault, settings, store, "another file")).toBeNull();
  expect(await reimportUnchanged(vault, { ...settings, dbtFolder: "elsewhere" }, store, "m1")).toBeNull();
  await vault.process(note("e"), (text) => `${text}\nmine\n`);
  expect(await reimportUnchanged(vault, settings, store, "m1")).toBeNull();
});

test("a state from another note format is not trusted: every note is read again", async () => {
  const { vault, store } = await imported();
  store.states.get("shop")!.format = -1;
  await importDbtProject(vault, settings, chain(), { stateStore: store });
  expect(vault.reads.sort()).toEqual(CHAIN.map(note).sort());
});
