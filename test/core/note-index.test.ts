// The persisted vault index: a note whose stat is unchanged is neither read nor parsed again; a
// changed stat, a new note or a removed one is picked up; a corrupt or outdated snapshot is ignored.
// The lineage saved beside it answers a cold read alone while no dbt note changed, and only then.

import { loadNoteGraph, type NoteNode } from "../../src/core/context";
import { readVaultLineage, selectNodes } from "../../src/core/dbt";
import { graphIndex } from "../../src/core/dbt/graph-index";
import {
  NOTE_INDEX_VERSION,
  NoteIndex,
  type DerivedSnapshot,
  type NoteIndexSnapshot,
  type NoteIndexStore,
} from "../../src/core/note-index";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { UserError } from "../../src/core/errors";
import type { VaultFileStat, VaultPort } from "../../src/core/vault";

class MemoryStore implements NoteIndexStore {
  saved: NoteIndexSnapshot | null = null;
  saves = 0;
  loads = 0;
  derived = new Map<string, unknown>();
  async load(): Promise<NoteIndexSnapshot | null> {
    this.loads++;
    return this.saved && (JSON.parse(JSON.stringify(this.saved)) as NoteIndexSnapshot);
  }
  async loadDerived(name: string): Promise<unknown> {
    return this.derived.has(name) ? (JSON.parse(JSON.stringify(this.derived.get(name))) as unknown) : null;
  }
  async saveDerived(name: string, saved: DerivedSnapshot): Promise<void> {
    this.derived.set(name, JSON.parse(JSON.stringify(saved)));
  }
  async save(snapshot: NoteIndexSnapshot): Promise<void> {
    this.saved = JSON.parse(JSON.stringify(snapshot)) as NoteIndexSnapshot;
    this.saves++;
  }
}

/**
 * A vault in memory that keeps an index in `store` and records every read, as FsVault keeps
 * .decp/cache/vault-index.json. Each noteIndex() call is a new process: the index comes from the store.
 */
class IndexedVault implements VaultPort {
  readonly files = new Map<string, { text: string; mtime: number }>();
  reads: string[] = [];
  private clock = 1000;
  constructor(readonly store: MemoryStore) {}
  async read(path: string): Promise<string> {
    return this.readNow(path);
  }
  readNow(path: string): string {
    this.reads.push(path);
    const file = this.files.get(path);
    if (!file) throw new UserError(`"${path}" does not exist in the vault`);
    return file.text;
  }
  async write(path: string, text: string): Promise<void> {
    this.files.set(path, { text, mtime: this.clock++ });
  }
  async createExclusive(path: string, text: string): Promise<boolean> {
    if (this.files.has(path)) return false;
    await this.write(path, text);
    return true;
  }
  async process(path: string, edit: (current: string) => string): Promise<string> {
    const next = edit(await this.read(path));
    await this.write(path, next);
    return next;
  }
  async processFrontMatter(): Promise<void> {
    throw new Error("not used");
  }
  async exists(path: string): Promise<boolean> {
    return this.files.has(path);
  }
  async stat(path: string): Promise<VaultFileStat | null> {
    const file = this.files.get(path);
    return file ? { mtime: file.mtime, size: file.text.length } : null;
  }
  async list(folder = ""): Promise<string[]> {
    return [...this.files.keys()].filter((p) => folder === "" || p.startsWith(folder + "/")).sort();
  }
  async mkdir(): Promise<void> {}
  async noteIndex(): Promise<NoteIndex> {
    return NoteIndex.lazy(this.store);
  }
}

const model = (name: string, upstream: string[], reads: string[] = []) =>
  [
    "---",
    "type: model",
    `unique_id: model.shop.${name}`,
    "resource_type: model",
    `name: ${name}`,
    "package: shop",
    `path: models/${name}.sql`,
    `fqn: [shop, ${name}]`,
    'description: "Orders: one row per order"',
    `upstream: [${upstream.map((u) => `"[[${u}]]"`).join(", ")}]`,
    `columns_read: [${reads.join(", ")}]`,
    "column_sources:",
    ...reads.map((r) => `  ${r.split(".")[1]}: [${r}]`),
    "---",
    `# ${name}`,
    "",
  ].join("\n");

async function vaultWithModels(): Promise<IndexedVault> {
  const vault = new IndexedVault(new MemoryStore());
  await vault.write("dbt/shop/stg_orders.md", model("stg_orders", []));
  await vault.write("dbt/shop/orders.md", model("orders", ["stg_orders"], ["stg_orders.order_id"]));
  await vault.write("Notes/idea.md", "# Idea\n\nSee [[orders]] #finance\n");
  return vault;
}

test("a second lineage read takes every unchanged note from the index: nothing is read", async () => {
  const vault = await vaultWithModels();
  const first = await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.reads.sort()).toEqual(["dbt/shop/orders.md", "dbt/shop/stg_orders.md"]);
  expect(vault.store.saves).toBe(1);

  vault.reads = [];
  const second = await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.reads).toEqual([]);
  expect(vault.store.saves).toBe(1);
  expect([...second.graph.parents]).toEqual([...first.graph.parents]);
  expect(second.graph.parents.get("model.shop.orders")).toEqual(["model.shop.stg_orders"]);
});

test("a note whose stat changed is read again, and the lineage follows the edit", async () => {
  const vault = await vaultWithModels();
  await readVaultLineage(vault, DEFAULT_SETTINGS);
  await vault.write("dbt/shop/orders.md", model("orders", []));
  vault.reads = [];
  const lineage = await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.reads).toEqual(["dbt/shop/orders.md"]);
  expect(lineage.graph.parents.get("model.shop.orders")).toEqual([]);
  expect(vault.store.saves).toBe(2);
});

test("a note graph from the index has the same links, tags and lineage, and reads a text only when used", async () => {
  const vault = await vaultWithModels();
  const plain = await loadNoteGraph(vault, { index: new NoteIndex(null) });
  await loadNoteGraph(vault); // fills the vault's own index
  vault.reads = [];
  const indexed = await loadNoteGraph(vault);
  expect(vault.reads).toEqual([]);
  const facts = (n: NoteNode) => [n.path, n.name, n.frontmatter, n.tags, n.links, n.upstream, n.downstream];
  for (const path of plain.paths) expect(facts(indexed.notes.get(path)!)).toEqual(facts(plain.notes.get(path)!));
  expect(indexed.backlinks).toEqual(plain.backlinks);
  expect(indexed.notes.get("Notes/idea.md")!.tags).toEqual(["finance"]);
  expect(indexed.notes.get("dbt/shop/orders.md")!.upstream).toEqual(["dbt/shop/stg_orders.md"]);
  expect(indexed.notes.get("Notes/idea.md")!.text).toBe("# Idea\n\nSee [[orders]] #finance\n");
  expect(vault.reads).toEqual(["Notes/idea.md"]);
});

test("removed notes leave the index; a new note enters it", async () => {
  const vault = await vaultWithModels();
  await loadNoteGraph(vault);
  await vault.write("Notes/new.md", "# New\n");
  vault.files.delete("Notes/idea.md");
  vault.reads = [];
  const graph = await loadNoteGraph(vault);
  expect(vault.reads).toEqual(["Notes/new.md"]);
  expect(graph.notes.has("Notes/idea.md")).toBe(false);
  expect(Object.keys(vault.store.saved!.notes).sort()).toEqual([
    "Notes/new.md",
    "dbt/shop/orders.md",
    "dbt/shop/stg_orders.md",
  ]);
  // Each note's frontmatter is kept as JSON text, parsed by the calls that use it, written back as read.
  const orders = vault.store.saved!.notes["dbt/shop/orders.md"];
  expect(JSON.parse(orders.frontmatter)).toEqual(graph.notes.get("dbt/shop/orders.md")!.frontmatter);
  expect(orders.upstream).toEqual(["stg_orders"]);
});

test("a corrupt or outdated snapshot is ignored: every note is read and the index rewritten", async () => {
  const vault = await vaultWithModels();
  vault.store.saved = { version: NOTE_INDEX_VERSION + 1, notes: {} };
  await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.reads).toHaveLength(2);
  expect(vault.store.saved.version).toBe(NOTE_INDEX_VERSION);
  (vault.store.saved.notes as Record<string, unknown>)["dbt/shop/orders.md"] = "junk";
  vault.store.derived.clear(); // without the saved lineage, the per-note index is consulted
  vault.reads = [];
  const lineage = await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.reads).toEqual(["dbt/shop/orders.md"]);
  expect(lineage.graph.nodes.size).toBe(2);
});

/** What a lineage says, in plain data (columns included, so a lazily parsed column list is compared too). */
const lineageFacts = ({ graph, unreadable }: Awaited<ReturnType<typeof readVaultLineage>>) => ({
  nodes: [...graph.nodes.values()].map((node) => ({ ...node })),
  parents: [...graph.parents],
  children: [...graph.children],
  unreadable,
});

test("while no dbt note changed, a cold lineage read takes the saved lineage alone: no note, no per-note index", async () => {
  const vault = await vaultWithModels();
  await vault.write("dbt/shop/broken.md", "---\nname: [unclosed\n---\n");
  const first = await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.store.derived.has("lineage")).toBe(true);
  vault.reads = [];
  vault.store.loads = 0;
  const second = await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.reads).toEqual([]);
  expect(vault.store.loads).toBe(0);
  expect(lineageFacts(second)).toEqual(lineageFacts(first));
  expect(second.graph.nodes.get("model.shop.orders")!.columns).toEqual({
    known: true,
    read: ["stg_orders.order_id"],
    sources: { order_id: ["stg_orders.order_id"] },
  });
  expect(second.unreadable.map((u) => u.path)).toEqual(["dbt/shop/broken.md"]);
});

test("a dbt note touched, added or removed makes the saved lineage a miss, and the lineage follows", async () => {
  const vault = await vaultWithModels();
  await readVaultLineage(vault, DEFAULT_SETTINGS);
  // The same text written again: only the stat changed, and that is enough to look at the note again.
  await vault.write("dbt/shop/orders.md", vault.files.get("dbt/shop/orders.md")!.text);
  vault.reads = [];
  await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.reads).toEqual(["dbt/shop/orders.md"]);

  await vault.write("dbt/shop/customers.md", model("customers", ["orders"]));
  expect((await readVaultLineage(vault, DEFAULT_SETTINGS)).graph.children.get("model.shop.orders")).toEqual([
    "model.shop.customers",
  ]);
  vault.files.delete("dbt/shop/customers.md");
  const lineage = await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(lineage.graph.nodes.has("model.shop.customers")).toBe(false);
  expect(lineage.graph.children.get("model.shop.orders")).toEqual([]);
  // A note outside the dbt folder is not part of the lineage's stamp.
  await vault.write("Notes/other.md", "# Other\n");
  vault.reads = [];
  await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.reads).toEqual([]);
});

test("a saved lineage that is corrupt, of another version or inconsistent is rebuilt from the notes", async () => {
  const vault = await vaultWithModels();
  const expected = lineageFacts(await readVaultLineage(vault, DEFAULT_SETTINGS));
  const good = vault.store.derived.get("lineage") as DerivedSnapshot & { value: { parents: number[][] } };
  const broken: unknown[] = [
    "junk",
    { ...good, version: NOTE_INDEX_VERSION + 1 },
    { ...good, value: { ...good.value, format: 99 } },
    { ...good, value: { ...good.value, parents: [[7], []] } },
    { ...good, value: { ...good.value, nodes: "none" } },
    { ...good, value: null },
  ];
  for (const saved of broken) {
    vault.store.derived.set("lineage", saved);
    expect(lineageFacts(await readVaultLineage(vault, DEFAULT_SETTINGS))).toEqual(expected);
    expect(vault.store.derived.get("lineage")).toEqual(good);
  }
});

test("a saved lineage selects exactly as a fresh one, its selector index straight from the saved positions", async () => {
  const vault = await vaultWithModels();
  // Path order and unique_id order differ: z/customers sorts last by path, first by id.
  await vault.write("dbt/z/customers.md", model("customers", ["orders", "stg_orders"]));
  const fresh = await readVaultLineage(vault, DEFAULT_SETTINGS);
  const saved = await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.store.loads).toBe(1); // the second read took the saved lineage
  expect(graphIndex(saved.graph)).toEqual(graphIndex(fresh.graph));
  for (const selector of ["+orders+", "customers", "1+customers", "+stg_orders+", "stg_orders+"])
    expect(selectNodes(saved.graph, selector)).toEqual(selectNodes(fresh.graph, selector));
  expect(selectNodes(saved.graph, "stg_orders+")).toEqual([
    "model.shop.customers",
    "model.shop.orders",
    "model.shop.stg_orders",
  ]);
});

test("a lineage read describes dbt notes for their frontmatter alone; the note graph completes them once", async () => {
  const vault = await vaultWithModels();
  await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.store.saved!.notes["dbt/shop/orders.md"]).toMatchObject({ partial: true, links: [], tags: [] });
  vault.reads = [];
  const graph = await loadNoteGraph(vault);
  expect(vault.reads.sort()).toEqual(["Notes/idea.md", "dbt/shop/orders.md", "dbt/shop/stg_orders.md"]);
  expect(graph.notes.get("dbt/shop/orders.md")!.upstream).toEqual(["dbt/shop/stg_orders.md"]);
  expect(vault.store.saved!.notes["dbt/shop/orders.md"].partial).toBeUndefined();
  vault.reads = [];
  await loadNoteGraph(vault);
  vault.store.derived.clear();
  await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.reads).toEqual([]);
});
