import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getEncoding } from "js-tiktoken";
import { FsVault } from "../../../src/cli/fs-vault";
import { buildPack, loadNoteGraph, openTokenTally, renderPackMarkdown } from "../../../src/core/context";
import { factsOfNote } from "../../../src/core/context/pack-fill";
import { importDbtProject, readManifest } from "../../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { generateDbtProject } from "../../../src/demo/generate-dbt-project";

// The generated project's wide dimension: every reporting model reads dim_customers, so its note
// lists hundreds of children (2,250 at 5,000 models; about 450 here).
let root: string;
const oracle = getEncoding("o200k_base");

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "decp-wide-"));
  const { manifest } = generateDbtProject({ models: 1000 });
  await importDbtProject(new FsVault(root), DEFAULT_SETTINGS, readManifest(manifest, "manifest.json"));
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

test.each([1000, 2000, 5000])(
  "a %i-token pack around the wide dimension: its card with SQL, both parents' columns, children named by relevance, the rest explained",
  async (budget) => {
    const vault = new FsVault(root);
    const graph = await loadNoteGraph(vault);
    const sources = { settings: DEFAULT_SETTINGS, tally: await openTokenTally(vault, DEFAULT_SETTINGS), graph };
    const pack = await buildPack(sources, { focus: "dim_customers", budget });
    const text = renderPackMarkdown(pack);

    expect(oracle.encode(text, [], []).length).toBe(pack.used);
    expect(pack.used).toBeLessThanOrEqual(budget);
    expect(pack.phase).toBe("comfortable");
    expect(text).not.toMatch(/^---$/m);
    expect(text).not.toContain("[[");
    const focus = pack.included[0];
    expect(focus).toMatchObject({ name: "dim_customers", reason: "focus", form: "full" });
    const children = graph.notes.get(focus.path)?.downstream ?? [];
    expect(children.length).toBeGreaterThan(300);
    // The focus card: grain, columns, its SQL, and how many consumers there are with the names that fit.
    expect(focus.content).toMatch(/Grain: one row per customer_id \(unique and not_null\)/);
    expect(focus.content).toContain("- segment");
    expect(focus.content).toContain("SQL (raw):\n```sql\n");
    expect(focus.content).toContain(`Children (${children.length}, most relevant first`);
    // Every parent brings at least its column names, at every budget: a card of its own, or its line in
    // the focus card's Parents list when the cards do not fit.
    const parents = pack.included.filter((i) => i.reason === "direct parents");
    expect(parents).toHaveLength(graph.notes.get(focus.path)?.upstream.length ?? -1);
    for (const parent of parents) {
      const columns = factsOfNote(graph.notes.get(parent.path)!).columns.map((c) => c.name);
      expect(columns.length).toBeGreaterThan(0);
      if (parent.form === "columns") expect(focus.content).toContain(`- ${parent.name} (`);
      const shown = parent.form === "columns" ? focus.content : parent.content;
      for (const column of columns) expect(shown).toMatch(new RegExp(`\\b${column}\\b`));
    }
    expect(text).not.toContain("direct parents, over budget");
    const named = pack.included.filter((i) => i.form === "name");
    expect(named.length).toBeGreaterThan(0);
    // Never by name: the first named children are the persisted ones (incremental, table), not views.
    const firstView = named.findIndex((i) => i.group === "view");
    expect(named.slice(firstView).every((i) => i.group === "view" || i.group === "other")).toBe(true);

    const explained = new Set([...pack.included.map((i) => i.path), ...pack.excluded.map((e) => e.path)]);
    for (const child of children) expect(explained.has(child)).toBe(true);
    for (const e of pack.excluded) expect(e.reason).toMatch(/over budget|beyond depth/);
    for (const g of pack.groups) expect(g.rationale).not.toBe("");
    if (named.length < children.length) expect(text).toContain("direct children, over budget:");
  },
);
