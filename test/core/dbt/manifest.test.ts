import { statSync } from "node:fs";
import { join } from "node:path";
import { importDbtProject, loadLineageFromVault, normalizeRef, readManifest } from "../../../src/core/dbt";
import { linkedNoteName } from "../../../src/core/wikilinks";
import { parseNote } from "../../../src/core/frontmatter";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { FIXTURES, fixtureManifest, TempVault } from "./fixtures";

const NOTE_TYPES = ["model", "source", "seed", "snapshot"];

describe.each(FIXTURES)("%s", (file) => {
  let temp: TempVault;
  beforeEach(() => (temp = new TempVault()));
  afterEach(() => temp.dispose());

  test("imports notes whose upstream/downstream links match parent_map/child_map exactly", async () => {
    const manifest = fixtureManifest(file);
    const project = readManifest(manifest, file);
    const report = await importDbtProject(temp.vault, DEFAULT_SETTINGS, project);
    expect(project.name).toBe("jaffle_shop"); // v7/v9 name the root project only through md5(project_id)
    const nodes = { ...(manifest.nodes as object), ...(manifest.sources as object) } as Record<
      string,
      { resource_type: string; name: string }
    >;
    const noteIds = Object.keys(nodes)
      .filter((id) => NOTE_TYPES.includes(nodes[id].resource_type))
      .sort();
    const ownMacros = Object.values(manifest.macros as Record<string, { package_name: string; unique_id: string }>)
      .filter((m) => m.package_name === "jaffle_shop")
      .map((m) => m.unique_id)
      .sort();
    expect(report.written).toBe(noteIds.length + ownMacros.length);
    expect(report.models).toBe(noteIds.filter((id) => id.startsWith("model.")).length);
    expect(report.macros).toBe(ownMacros.length);

    // Read every note back and resolve its links by note basename.
    const paths = await temp.vault.list(DEFAULT_SETTINGS.dbtFolder);
    const everyNote = await Promise.all(
      paths.map(async (p) => ({ path: p, fm: parseNote(await temp.vault.read(p), p).frontmatter })),
    );
    expect(everyNote.filter((n) => n.fm.type === "macro").map((n) => n.fm.unique_id)).toEqual(
      expect.arrayContaining(ownMacros),
    );
    const notes = everyNote.filter((n) => n.fm.type !== "macro");
    const idByName = new Map(
      notes.map((n) => [n.path.slice(n.path.lastIndexOf("/") + 1, -3), n.fm.unique_id as string]),
    );
    expect(notes.map((n) => n.fm.unique_id).sort()).toEqual(noteIds);
    const parentMap = manifest.parent_map as Record<string, string[]>;
    const childMap = manifest.child_map as Record<string, string[]>;
    // dbt repeats a child once per ref() in child_map (v9 elementary); links are a set.
    const onlyNotes = (ids: string[]): string[] => [...new Set(ids.filter((id) => noteIds.includes(id)))].sort();
    for (const note of notes) {
      const id = note.fm.unique_id as string;
      const up = (note.fm.upstream as string[]).map((l) => idByName.get(linkedNoteName(l))).sort();
      const down = (note.fm.downstream as string[]).map((l) => idByName.get(linkedNoteName(l))).sort();
      expect({ id, up }).toEqual({ id, up: onlyNotes(parentMap[id]) });
      expect({ id, down }).toEqual({ id, down: onlyNotes(childMap[id]) });
    }

    // The graph rebuilt from the notes alone matches too.
    const graph = await loadLineageFromVault(temp.vault, DEFAULT_SETTINGS);
    expect([...graph.nodes.keys()].sort()).toEqual(noteIds);
    for (const id of noteIds) expect(graph.parents.get(id)).toEqual(onlyNotes(parentMap[id]));
  });

  test("re-importing writes nothing and leaves every file's bytes and mtime alone", async () => {
    const project = (): ReturnType<typeof readManifest> => readManifest(fixtureManifest(file), file);
    await importDbtProject(temp.vault, DEFAULT_SETTINGS, project());
    const paths = await temp.vault.list();
    const before = paths.map((p) => statSync(join(temp.root, p)).mtimeMs);
    const report = await importDbtProject(temp.vault, DEFAULT_SETTINGS, project());
    expect(report.written).toBe(0);
    expect(report.unchanged).toBe(paths.length);
    expect(paths.map((p) => statSync(join(temp.root, p)).mtimeMs)).toEqual(before);
  });
});

describe("manifest fields across schema versions", () => {
  test("v7 raw/compiled code, list refs and depends_on tests; v12 attached_node and sources", () => {
    const v7 = readManifest(fixtureManifest("jaffle_shop_v7_dbt1.3.json"));
    const customers = v7.nodes.find((d) => d.node.uniqueId === "model.jaffle_shop.customers")!;
    expect(customers.sql?.compiled).toContain("select");
    expect(customers.sql?.raw).toContain("{{ ref('stg_customers') }}");
    expect(customers.materialized).toBe("table");
    expect(customers.tests.map((t) => t.kind)).toEqual(expect.arrayContaining(["unique", "not_null"]));
    expect(v7.name).toBe("jaffle_shop");

    const v12 = readManifest(fixtureManifest("jaffle_shop_v12_dbt1.11.json"));
    expect(v12.nodes.filter((d) => d.node.resourceType === "source")).toHaveLength(6);
    const source = v12.nodes.find((d) => d.node.resourceType === "source")!;
    expect(source.node.sourceName).toBe("ecom");
    const supplies = v12.nodes.find((d) => d.node.uniqueId === "model.jaffle_shop.stg_supplies")!;
    expect(supplies.sql?.compiled).toBeUndefined(); // 1.11 manifest was parsed, not compiled: raw code only
    expect(supplies.sql?.raw).toContain("{{ cents_to_dollars('cost') }}");
    // The project's own macros it calls (dbt_utils' are a package's): a card can show their bodies.
    expect(supplies.macros).toEqual(["macro.jaffle_shop.cents_to_dollars"]);
    const cents = v12.macros.find((m) => m.name === "cents_to_dollars")!;
    expect(cents).toMatchObject({ path: "macros/cents_to_dollars.sql", arguments: ["column_name"] });
    expect(cents.macros).toEqual(["macro.jaffle_shop.default__cents_to_dollars"]);
    expect(v12.macros.every((m) => m.packageName === "jaffle_shop")).toBe(true);
    expect(supplies.tests.some((t) => t.kind === "not_null")).toBe(true);
  });
});

describe("normalizeRef reads refs of every schema version", () => {
  test.each([
    [["m"], { name: "m" }],
    [["pkg", "m"], { package: "pkg", name: "m" }],
    [{ name: "m", package: null, version: null }, { name: "m" }],
    [
      { name: "dim", package: "pkg", version: 2 },
      { name: "dim", package: "pkg", version: "2" },
    ],
    [
      { name: "dim", version: "3" },
      { name: "dim", version: "3" },
    ],
    [["a", "b", "c"], null],
    [{ package: "pkg" }, null],
    ["m", null],
  ])("%j", (raw, expected) => {
    expect(normalizeRef(raw)).toEqual(expected);
  });
});
