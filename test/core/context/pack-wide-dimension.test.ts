import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getEncoding } from "js-tiktoken";
import { FsVault } from "../../../src/cli/fs-vault";
import { buildPack, loadNoteGraph, openTokenTally, renderPackMarkdown } from "../../../src/core/context";
import { importDbtProject, readManifest } from "../../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { stripTeachingComments } from "../../../src/core/templates";
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

test("a 5,000-token pack around the wide dimension holds the focus, its parents and some children, and explains the rest", async () => {
  const vault = new FsVault(root);
  const graph = await loadNoteGraph(vault);
  const sources = {
    settings: DEFAULT_SETTINGS,
    tally: await openTokenTally(vault, DEFAULT_SETTINGS),
    graph,
    stripTeachingComments,
  };
  const pack = await buildPack(sources, { focus: "dim_customers", budget: 5000 });
  const text = renderPackMarkdown(pack);

  expect(oracle.encode(text, [], []).length).toBe(pack.used);
  expect(pack.used).toBeLessThanOrEqual(5000);
  const focus = pack.included[0];
  expect(focus).toMatchObject({ name: "dim_customers", reason: "focus" });
  const children = graph.notes.get(focus.path)?.downstream ?? [];
  expect(children.length).toBeGreaterThan(300);
  // The focus says how many consumers there are instead of listing them all, and keeps its columns and grain.
  expect(focus.content).toContain(`more of ${children.length.toLocaleString("en-US")}`);
  expect(focus.content).toContain("## Columns");
  expect(focus.content).toMatch(/unique.*customer_id/);
  expect(pack.included.filter((i) => i.reason === "direct parents").length).toBeGreaterThanOrEqual(1);
  expect(pack.included.filter((i) => i.reason === "direct children").length).toBeGreaterThanOrEqual(2);

  const explained = new Set([...pack.included.map((i) => i.path), ...pack.excluded.map((e) => e.path)]);
  for (const child of children) expect(explained.has(child)).toBe(true);
  for (const e of pack.excluded) expect(e.reason).toMatch(/over budget|beyond depth/);
  for (const g of pack.groups) expect(g.rationale).not.toBe("");
  expect(text).toContain("direct children, over budget:");
});
