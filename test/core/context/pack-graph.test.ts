// The pack graph restored from its saved value (what a cold `decp pack` reads) answers as the graph
// built from every note: the same rings in the same order, and the same pack text, on lineage with
// cycles, edges listed by one side only, notes outside the dbt folder, materializations, exposures
// and names whose numbers tie.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import {
  buildPack,
  loadNoteGraph,
  openTokenTally,
  renderPackMarkdown,
  type NoteGraph,
} from "../../../src/core/context";
import { loadPackGraph, packGraphValue, restorePackGraph } from "../../../src/core/context/pack-graph";
import { ringsAround } from "../../../src/core/context/rings";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { modelNote } from "./corpus";
import { writeLineageVault } from "./pack-vault";

let root: string;
let vault: FsVault;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "decp-pack-graph-"));
  vault = new FsVault(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function writeTrickyLineage(): Promise<void> {
  await writeLineageVault(vault);
  const put = (path: string, text: string) => vault.write(path, text);
  // A cycle, an edge only the child lists, names that tie on everything but their numbers.
  await put("dbt/acme/models/marts/loop_a.md", modelNote("loop_a", ["fct_orders", "loop_b"], ["loop_b"]));
  await put("dbt/acme/models/marts/loop_b.md", modelNote("loop_b", ["loop_a"], ["loop_a"]));
  for (const n of [7, 17, 107, 70])
    await put(`dbt/acme/models/reporting/rpt_x_${n}.md`, modelNote(`rpt_x_${n}`, ["fct_orders"], []));
  await put(
    "dbt/acme/models/reporting/rpt_inc.md",
    modelNote("rpt_inc", ["fct_orders"], []).replace("materialized: table", "materialized: incremental"),
  );
  await put(
    "dbt/acme/models/reporting/rpt_exposed.md",
    modelNote("rpt_exposed", ["fct_orders"], []).replace("type: model", "type: model\nexposures:\n  - Revenue board"),
  );
  await put("Notes/Orders audit.md", '---\nupstream:\n  - "[[int_orders_3]]"\n---\n# Audit\n\nSee [[fct_orders]].\n');
}

async function restored(): Promise<{ built: NoteGraph; saved: NoteGraph }> {
  const files = await vault.listStats();
  const built = await loadNoteGraph(vault, { files });
  const value = JSON.parse(JSON.stringify(packGraphValue(built, files))) as unknown;
  const saved = restorePackGraph(value, files, vault);
  if (!saved) throw new Error("the saved value did not restore");
  return { built, saved };
}

test("every lineage note's rings, and the packs around it, are those of the graph built from the notes", async () => {
  await writeTrickyLineage();
  const { built, saved } = await restored();
  const lineage = [...built.notes.values()].filter((n) => built.isLineageNote(n));
  expect(lineage.length).toBeGreaterThan(200);
  for (const note of lineage) expect(ringsAround(saved, saved.notes.get(note.path)!)).toEqual(ringsAround(built, note));

  const settings = DEFAULT_SETTINGS;
  const tally = await openTokenTally(vault, settings);
  for (const focus of ["fct_orders", "loop_a", "int_orders_3", "stg_orders"])
    for (const [budget, depth] of [
      [800, 1],
      [3000, 2],
    ]) {
      const pack = (graph: NoteGraph) =>
        buildPack({ settings, tally, graph }, { focus, budget, depth }).then(renderPackMarkdown);
      expect(await pack(saved)).toBe(await pack(built));
    }
  // The children tied on everything else are listed by name in numeric order, the incremental one first.
  const text = renderPackMarkdown(
    await buildPack({ settings, tally, graph: saved }, { focus: "fct_orders", budget: 3000 }),
  );
  expect(text.indexOf("rpt_inc")).toBeLessThan(text.indexOf("rpt_x_7"));
  expect(text).toMatch(/rpt_x_7\b[\s\S]*rpt_x_17\b[\s\S]*rpt_x_70\b[\s\S]*rpt_x_107\b/);
});

test("a saved value over other files, or with a position out of range, does not restore", async () => {
  await writeTrickyLineage();
  const files = await vault.listStats();
  const value = packGraphValue(await loadNoteGraph(vault, { files }), files);
  expect(restorePackGraph(value, files.slice(1), vault)).toBeNull();
  expect(restorePackGraph({ ...value, edges: value.edges.map((e) => e + files.length) }, files, vault)).toBeNull();
  expect(restorePackGraph({ ...value, order: [...value.order].reverse() }, files, vault)).toBeNull();
  expect(restorePackGraph({ ...value, format: 0 }, files, vault)).toBeNull();
  expect(restorePackGraph(value, files, vault)).not.toBeNull();
});

test("a process that keeps its vault (the MCP server) reuses its pack graph until a file changes", async () => {
  await writeTrickyLineage();
  const settings = DEFAULT_SETTINGS;
  const plain = Object.assign(Object.create(vault) as FsVault, { noteIndex: undefined });
  const first = await loadPackGraph(vault, "fct_orders", settings.maxTallyBytes);
  expect(await loadPackGraph(vault, "fct_orders", settings.maxTallyBytes)).toBe(first);
  // A plain note's rings are its links: the graph built from every note serves it and is kept too.
  expect(await loadPackGraph(vault, "Orders audit", settings.maxTallyBytes)).toBe(first);

  await vault.write(
    "dbt/acme/models/reporting/rpt_x_7.md",
    modelNote("rpt_x_7", ["fct_orders"], []).replace("materialized: table", "materialized: incremental"),
  );
  const next = await loadPackGraph(vault, "fct_orders", settings.maxTallyBytes);
  expect(next).not.toBe(first);
  const tally = await openTokenTally(vault, settings);
  const pack = async (graph: NoteGraph) =>
    renderPackMarkdown(await buildPack({ settings, tally, graph }, { focus: "fct_orders", budget: 3000 }));
  const expected = await pack(await loadNoteGraph(plain, { maxBytes: settings.maxTallyBytes }));
  expect(await pack(next)).toBe(expected);
  expect(expected).toContain("- incremental: rpt_inc, rpt_x_7\n");
});
