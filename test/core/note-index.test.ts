// The persisted vault index: a note whose stat is unchanged is neither read nor parsed again; a
// changed stat, a new note or a removed one is picked up; a corrupt or outdated snapshot is ignored.

import { loadNoteGraph, type NoteNode } from "../../src/core/context";
import { readVaultLineage } from "../../src/core/dbt";
import { NOTE_INDEX_VERSION, NoteIndex, type NoteIndexSnapshot, type NoteIndexStore } from "../../src/core/note-index";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { UserError } from "../../src/core/errors";
import type { VaultFileStat, VaultPort } from "../../src/core/vault";

class MemoryStore implements NoteIndexStore {
  saved: NoteIndexSnapshot | null = null;
  saves = 0;
  async load(): Promise<NoteIndexSnapshot | null> {
    return this.saved && (JSON.parse(JSON.stringify(this.saved)) as NoteIndexSnapshot);
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
    return new NoteIndex(await this.store.load(), this.store);
  }
}

const model = (name: string, upstream: string[]) =>
  [
    "---",
    "type: model",
    `unique_id: model.shop.${name}`,
    "resource_type: model",
    `name: ${name}`,
    "package: shop",
    `path: models/${name}.sql`,
    `upstream: [${upstream.map((u) => `"[[${u}]]"`).join(", ")}]`,
    "---",
    `# ${name}`,
    "",
  ].join("\n");

async function vaultWithModels(): Promise<IndexedVault> {
  const vault = new IndexedVault(new MemoryStore());
  await vault.write("dbt/shop/stg_orders.md", model("stg_orders", []));
  await vault.write("dbt/shop/orders.md", model("orders", ["stg_orders"]));
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
});

test("a corrupt or outdated snapshot is ignored: every note is read and the index rewritten", async () => {
  const vault = await vaultWithModels();
  vault.store.saved = { version: NOTE_INDEX_VERSION + 1, notes: {} };
  await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.reads).toHaveLength(2);
  expect(vault.store.saved.version).toBe(NOTE_INDEX_VERSION);
  (vault.store.saved.notes as Record<string, unknown>)["dbt/shop/orders.md"] = "junk";
  vault.reads = [];
  const lineage = await readVaultLineage(vault, DEFAULT_SETTINGS);
  expect(vault.reads).toEqual(["dbt/shop/orders.md"]);
  expect(lineage.graph.nodes.size).toBe(2);
});
