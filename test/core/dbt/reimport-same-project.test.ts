// Re-import after a fresh `dbt compile` (new generated_at and invocation_id, nothing else changed):
// the manifest's digest is the last import's, so nothing is parsed, read, rendered or written while
// every note is as that import left it. Any change to what notes are made from, or a note edited on
// disk, takes the import path, which re-renders only what changed and keeps the user's text.

import {
  importDbtProject,
  reimportSameProject,
  scanManifest,
  type ImportReport,
  type ScannedManifest,
} from "../../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { manifest, MemoryStateStore, model, WatchedVault, type Node } from "./manifest-builders";

const settings = DEFAULT_SETTINGS;
const CHAIN = ["a", "b", "c", "d", "e"];
const note = (name: string) => `dbt/shop/models/${name}.md`;

/** The chain a -> b -> c -> d -> e as a manifest's bytes, compiled at `at`; `edit` changes the manifest. */
function compiled(at: string, edit: (m: Node & { nodes: Record<string, Node> }) => void = () => {}): Uint8Array {
  const m = manifest(...CHAIN.map((n, i) => model(n, i === 0 ? [] : [`model.shop.${CHAIN[i - 1]}`]))) as Node & {
    nodes: Record<string, Node>;
    metadata: Node;
  };
  m.metadata = { ...m.metadata, generated_at: at, invocation_id: `run ${at}` };
  edit(m);
  return new TextEncoder().encode(JSON.stringify(m, null, 2));
}

/** As the CLI imports a manifest: the fast path, else read the project and import it. */
async function importBytes(vault: WatchedVault, store: MemoryStateStore, bytes: Uint8Array): Promise<ImportReport> {
  const scanned = scanManifest(bytes, "target/manifest.json");
  return (
    (await reimportSameProject(vault, settings, store, scanned)) ??
    importDbtProject(vault, settings, scanned.project(), { stateStore: store, manifestDigest: scanned.digest })
  );
}

async function imported(): Promise<{ vault: WatchedVault; store: MemoryStateStore }> {
  const vault = new WatchedVault();
  const store = new MemoryStateStore();
  expect(await importBytes(vault, store, compiled("t1"))).toMatchObject({ created: 5, written: 5 });
  vault.reads = [];
  return { vault, store };
}

/** What reimportSameProject is given, with a project() that fails the test if called. */
function unparsed(bytes: Uint8Array): ScannedManifest {
  const { digest, projectName } = scanManifest(bytes, "target/manifest.json");
  return {
    digest,
    projectName,
    project: () => {
      throw new Error("parsed");
    },
  };
}

test("a fresh compile of an unchanged project: no entry parsed, no note read, rendered or written", async () => {
  const { vault, store } = await imported();
  const before = await Promise.all(CHAIN.map((n) => vault.read(note(n))));
  vault.reads = [];
  const report = await reimportSameProject(vault, settings, store, unparsed(compiled("t2")));
  expect(report).toMatchObject({ project: "shop", models: 5, written: 0, unchanged: 5 });
  expect(vault.reads).toEqual([]);
  expect(await Promise.all(CHAIN.map((n) => vault.read(note(n))))).toEqual(before);
});

test("another folder, or no state with that digest, takes the import path", async () => {
  const { vault, store } = await imported();
  expect(
    await reimportSameProject(vault, { ...settings, dbtFolder: "elsewhere" }, store, unparsed(compiled("t2"))),
  ).toBeNull();
  expect(await reimportSameProject(vault, settings, new MemoryStateStore(), unparsed(compiled("t2")))).toBeNull();
  const noName = compiled("t2", (m) => delete (m.metadata as Node).project_name);
  expect(await reimportSameProject(vault, settings, store, unparsed(noName))).toBeNull();
});

test("a note edited on disk is merged as before, its text kept", async () => {
  const { vault, store } = await imported();
  await vault.process(note("c"), (text) => `${text}\nMy own notes on c.\n`);
  expect(await reimportSameProject(vault, settings, store, unparsed(compiled("t2")))).toBeNull();
  vault.reads = [];
  const report = await importBytes(vault, store, compiled("t2"));
  expect([...new Set(vault.reads)]).toEqual([note("c")]);
  expect(report).toMatchObject({ written: 0, unchanged: 5 });
  expect(await vault.read(note("c"))).toContain("My own notes on c.");
  // Its new stat is recorded: the next fresh compile is answered from the state again.
  expect(await reimportSameProject(vault, settings, store, unparsed(compiled("t3")))).toMatchObject({ written: 0 });
});

test("one model's SQL changed: that model is re-rendered, its neighbours' notes are not even read", async () => {
  const { vault, store } = await imported();
  const changed = compiled("t2", (m) => (m.nodes["model.shop.c"].raw_code = "select 2 as id -- c"));
  expect(await reimportSameProject(vault, settings, store, unparsed(changed))).toBeNull();
  const report = await importBytes(vault, store, changed);
  expect([...new Set(vault.reads)]).toEqual([note("c")]);
  expect(report).toMatchObject({ written: 1, updated: 1, unchanged: 4 });
  expect(await vault.read(note("c"))).toContain("select 2 as id");
  // And the changed project's digest is the one kept: its next fresh compile writes nothing.
  const again = compiled("t3", (m) => (m.nodes["model.shop.c"].raw_code = "select 2 as id -- c"));
  expect(await reimportSameProject(vault, settings, store, unparsed(again))).toMatchObject({ written: 0 });
});

test("a model renamed: it and its neighbours (whose links name it) are re-rendered", async () => {
  const { vault, store } = await imported();
  const renamed = compiled("t2", (m) => (m.nodes["model.shop.c"].name = "c2"));
  const report = await importBytes(vault, store, renamed);
  expect(report).toMatchObject({ written: 3, unchanged: 2 });
  expect(await vault.read(note("b"))).toContain("[[c2]]");
  expect(await vault.read(note("d"))).toContain("[[c2]]");
});

test("a test or an exposure added for a model updates that model's note only", async () => {
  const { vault, store } = await imported();
  const tested = compiled("t2", (m) => {
    m.nodes["test.shop.unique_b_id.1"] = {
      unique_id: "test.shop.unique_b_id.1",
      name: "unique_b_id",
      resource_type: "test",
      package_name: "shop",
      column_name: "id",
      attached_node: "model.shop.b",
      test_metadata: { name: "unique", kwargs: { column_name: "id" } },
      depends_on: { nodes: ["model.shop.b"] },
    };
    m.exposures = {
      "exposure.shop.board": { name: "board", type: "dashboard", depends_on: { nodes: ["model.shop.e"] } },
    };
  });
  expect(await reimportSameProject(vault, settings, store, unparsed(tested))).toBeNull();
  const report = await importBytes(vault, store, tested);
  expect(report).toMatchObject({ written: 2, updated: 2, unchanged: 3 });
  expect(await vault.read(note("b"))).toContain("unique_b_id");
  expect(await vault.read(note("e"))).toContain("board (dashboard)");
});

test("a child that reads another column of its parent: the parent's column readers are re-rendered", async () => {
  const SQL: Record<string, string> = {
    a: "select 1 as id, 'x' as name",
    b: "select id, name from db.shop.a",
    c: "select * from db.shop.b",
    d: "select id from db.shop.c",
    e: "select id from db.shop.d",
  };
  const withSql = (sql: Record<string, string>) => (m: Node & { nodes: Record<string, Node> }) => {
    for (const name of CHAIN)
      Object.assign(m.nodes[`model.shop.${name}`], {
        database: "db",
        schema: "shop",
        alias: name,
        compiled_code: sql[name] ?? SQL[name],
      });
  };
  const vault = new WatchedVault();
  const store = new MemoryStateStore();
  await importBytes(vault, store, compiled("t1", withSql({})));
  const readers = (text: string) => text.slice(text.indexOf("## Column readers"), text.indexOf("## Upstream"));
  expect(readers(await vault.read(note("c")))).toContain("- `id` (1): [[d]]");
  const eBefore = await vault.read(note("e"));

  const report = await importBytes(vault, store, compiled("t2", withSql({ d: "select id, name from db.shop.c" })));
  // c's entry is unchanged, but what d reads of it is not; e reads d.id as before.
  expect(report).toMatchObject({ written: 2, updated: 2 });
  expect(readers(await vault.read(note("c")))).toContain("- `id`, `name` (1): [[d]]");
  expect(await vault.read(note("e"))).toBe(eBefore);
});
