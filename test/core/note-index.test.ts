// The persisted vault index: a note whose stat is unchanged is neither read nor parsed again; a
// changed stat, a new note or a removed one is picked up; a corrupt or outdated snapshot is ignored.
// The lineage saved beside it answers a cold read alone while no dbt note changed, and only then.

import { loadNoteGraph, type NoteNode } from "../../src/core/context";
import { columnImpact, readVaultLineage, selectNodes, type LineageGraph, type LineageNode } from "../../src/core/dbt";
import { graphIndex } from "../../src/core/dbt/graph-index";
import { NOTE_INDEX_VERSION, NoteIndex, type NoteIndexSnapshot, type NoteIndexStore } from "../../src/core/note-index";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { UserError } from "../../src/core/errors";
import type { VaultFileStat, VaultPort } from "../../src/core/vault";

class MemoryStore implements NoteIndexStore {
  saved: NoteIndexSnapshot | null = null;
  saves = 0;
  loads = 0;
  /** Derived texts by name (the lineage), as NoteIndexFile keeps them in vault-<name>.txt. */
  derived = new Map<string, string>();
  derivedLoads = 0;
  async load(): Promise<NoteIndexSnapshot | null> {
    this.loads++;
    return this.saved && (JSON.parse(JSON.stringify(this.saved)) as NoteIndexSnapshot);
  }
  async loadDerivedBytes(name: string): Promise<Uint8Array | null> {
    this.derivedLoads++;
    const text = this.derived.get(name);
    return text === undefined ? null : new TextEncoder().encode(text);
  }
  async saveDerivedText(name: string, text: string): Promise<void> {
    this.derived.set(name, text);
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

/** Every field of a node, read by name (a saved node parses description, config and columns on first read). */
const nodeFacts = (node: LineageNode) => ({
  uniqueId: node.uniqueId,
  name: node.name,
  resourceType: node.resourceType,
  packageName: node.packageName,
  path: node.path,
  notePath: node.notePath,
  tags: node.tags,
  fqn: node.fqn,
  config: node.config,
  description: node.description,
  sourceName: node.sourceName,
  version: node.version,
  columns: node.columns,
});

/** What a lineage says, in plain data (columns included, so a lazily parsed column list is compared too). */
const lineageFacts = ({ graph, unreadable }: Awaited<ReturnType<typeof readVaultLineage>>) => ({
  nodes: [...graph.nodes.values()].map(nodeFacts),
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

test("a saved lineage that is corrupt, truncated, of another version or inconsistent is rebuilt from the notes", async () => {
  const vault = await vaultWithModels();
  const expected = lineageFacts(await readVaultLineage(vault, DEFAULT_SETTINGS));
  const good = vault.store.derived.get("lineage")!;
  // A header line (version, stamp), the head line (rows, ranks, offsets), then the tail of JSON pieces.
  const [header, headText, tail] = good.split("\n");
  expect(header + "\n" + headText + "\n" + tail).toBe(good);
  const head = JSON.parse(headText) as { offsets: number[]; order: number[] };
  const withHead = (change: object) => [header, JSON.stringify({ ...head, ...change }), tail].join("\n");
  const broken = [
    "junk",
    good.slice(0, -3),
    good.slice(0, header.length + 40),
    good + "}",
    good.replace(/"version":\d+/, `"version":${NOTE_INDEX_VERSION + 1}`),
    header + "\n" + "null\n",
    withHead({ format: 99 }),
    withHead({ parents: [[1], []] }),
    withHead({ parents: { start: [0, 1, 1], to: [7] } }),
    withHead({ parents: { start: [0, 1, 1], to: [0.5] } }),
    withHead({ children: { start: [0, 2, 1], to: [0, 1] } }),
    withHead({ children: { start: [0, 1], to: [0] } }),
    withHead({ children: { start: [1, 1, 1], to: [0] } }),
    withHead({ rows: "none" }),
    withHead({ order: [1, 1] }),
    withHead({ order: [...head.order].reverse() }),
    withHead({ offsets: head.offsets.slice(1) }),
    withHead({ offsets: head.offsets.map((o, i) => (i === 1 ? o + 1e6 : o)) }),
    withHead({ unreadable: {} }),
  ];
  for (const saved of broken) {
    vault.store.derived.set("lineage", saved);
    expect(lineageFacts(await readVaultLineage(vault, DEFAULT_SETTINGS))).toEqual(expected);
    expect(vault.store.derived.get("lineage")).toBe(good);
  }
});

test("a process that keeps its vault reuses the lineage it read while the stamp holds, and sees every change", async () => {
  const vault = await vaultWithModels();
  const index = await vault.noteIndex();
  vault.noteIndex = async () => index; // the MCP server's FsVault keeps one index for the session
  const first = await readVaultLineage(vault, DEFAULT_SETTINGS);
  const loads = vault.store.derivedLoads;
  vault.reads = [];
  expect(await readVaultLineage(vault, DEFAULT_SETTINGS)).toBe(first);
  expect(vault.store.derivedLoads).toBe(loads);
  expect(vault.reads).toEqual([]);

  await vault.write("dbt/shop/orders.md", model("orders", []));
  expect((await readVaultLineage(vault, DEFAULT_SETTINGS)).graph.parents.get("model.shop.orders")).toEqual([]);
  await vault.write("dbt/shop/customers.md", model("customers", ["stg_orders"]));
  expect((await readVaultLineage(vault, DEFAULT_SETTINGS)).graph.children.get("model.shop.stg_orders")).toEqual([
    "model.shop.customers",
  ]);
  // Renamed: the same text under another path.
  await vault.write("dbt/shop/marts/customers.md", vault.files.get("dbt/shop/customers.md")!.text);
  vault.files.delete("dbt/shop/customers.md");
  const renamed = await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(renamed.graph.nodes.get("model.shop.customers")!.notePath).toBe("dbt/shop/marts/customers.md");
  vault.files.delete("dbt/shop/marts/customers.md");
  expect((await readVaultLineage(vault, DEFAULT_SETTINGS)).graph.nodes.has("model.shop.customers")).toBe(false);
});

test("a saved lineage selects exactly as a fresh one, its selector index straight from the saved positions", async () => {
  const vault = await vaultWithModels();
  // Path order and unique_id order differ: z/customers sorts last by path, first by id.
  await vault.write("dbt/z/customers.md", model("customers", ["orders", "stg_orders"]));
  const fresh = await readVaultLineage(vault, DEFAULT_SETTINGS);
  const saved = await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.store.loads).toBe(1); // the second read took the saved lineage
  const indexFacts = (graph: LineageGraph) => {
    const index = graphIndex(graph);
    const { ids, nodes, parents, children, pathSegments } = index;
    const flatFqn = ids.map((_, i) => index.flatFqn(i));
    return { ids, nodes: nodes.map(nodeFacts), parents, children, pathSegments, flatFqn };
  };
  expect(indexFacts(saved.graph)).toEqual(indexFacts(fresh.graph));
  await vault.write(
    "dbt/shop/sources/raw_orders.md",
    "---\ntype: source\nunique_id: source.shop.raw.orders\nresource_type: source\nname: orders\npackage: shop\n" +
      "source_name: raw\npath: models/sources.yml\nfqn: [shop, raw, orders]\n---\n",
  );
  await vault.write(
    "dbt/shop/fct_orders.md",
    model("fct_orders", ["orders"], ["orders.order_id"])
      .replace("Orders: one row per order", "Commandes — café, 東京 🚀")
      .replace(
        "---\n# ",
        "tags: [nightly]\nversion: 2\nconfig:\n  materialized: incremental\n  tags: [nightly]\n---\n# ",
      ),
  );
  const rebuilt = await readVaultLineage(vault, DEFAULT_SETTINGS);
  const restored = await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.store.loads).toBe(2);
  expect(lineageFacts(restored)).toEqual(lineageFacts(rebuilt));
  expect(nodeFacts(restored.graph.nodes.get("model.shop.fct_orders")!)).toMatchObject({
    config: { materialized: "incremental", tags: ["nightly"] },
    version: "2",
    description: "Commandes — café, 東京 🚀",
  });
  expect(restored.graph.nodes.get("model.shop.orders")!.description).toBe("Orders: one row per order");
  const selectors = [
    ...["+orders+", "customers", "1+customers", "+stg_orders+", "stg_orders+", "@orders", "tag:nightly"],
    ...["config.materialized:incremental", "path:models", "source:raw", "resource_type:source", "fqn:shop.*"],
    ...["file:orders.sql", "column:stg_orders.order_id", "package:shop,+fct_orders", "fct_orders.v2"],
  ];
  for (const selector of selectors)
    expect(selectNodes(restored.graph, selector)).toEqual(selectNodes(rebuilt.graph, selector));
  expect(selectNodes(restored.graph, "column:stg_orders.order_id")).toEqual([
    "model.shop.fct_orders",
    "model.shop.orders",
  ]);
  expect(columnImpact(restored.graph, "stg_orders.order_id")).toEqual(
    columnImpact(rebuilt.graph, "stg_orders.order_id"),
  );
  for (const selector of ["+orders+", "customers", "1+customers", "+stg_orders+"])
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
