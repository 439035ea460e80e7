// Issue 12's done-when on real projects: packs around jaffle_shop's `customers` and `orders`, from each
// of the four real manifests, at a tight, a usual and a roomy budget: the focus's SQL, every parent's
// column names (its card, or its line in the focus card's Parents list), text for the model only.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import { loadNoteGraph, packAroundFocus, renderPackMarkdown } from "../../../src/core/context";
import { factsOfNote } from "../../../src/core/context/pack-fill";
import { importDbtProject, readManifest } from "../../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { DBT_FIXTURE_DIR } from "../../fixtures/paths";

const manifests = readdirSync(DBT_FIXTURE_DIR).filter((name) => name.endsWith(".json"));

describe.each(manifests)("%s", (manifest) => {
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "decp-jaffle-pack-"));
    const json = JSON.parse(readFileSync(join(DBT_FIXTURE_DIR, manifest), "utf8")) as Record<string, unknown>;
    await importDbtProject(new FsVault(root), DEFAULT_SETTINGS, readManifest(json, manifest));
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test.each([
    ["customers", 1000],
    ["customers", 2000],
    ["customers", 5000],
    ["orders", 1000],
    ["orders", 2000],
    ["orders", 5000],
  ])("a pack around %s at %i tokens: its SQL and every parent's column names", async (focus, budget) => {
    const vault = new FsVault(root);
    const pack = await packAroundFocus(vault, DEFAULT_SETTINGS, { focus, budget });
    const text = renderPackMarkdown(pack);
    expect(pack.used).toBeLessThanOrEqual(budget);
    expect(pack.phase).toBe("comfortable");
    expect(text).not.toMatch(/^---$/m);
    expect(text).not.toContain("[[");
    const card = pack.included[0];
    expect(card).toMatchObject({ name: focus, reason: "focus", form: "full" });
    expect(card.content).toMatch(/\nSQL \(raw\):\n```sql\n[\s\S]*\bfrom\b/);
    const graph = await loadNoteGraph(vault);
    const upstream = graph.notes.get(card.path)?.upstream ?? [];
    const parents = pack.included.filter((i) => i.reason === "direct parents");
    expect(parents.map((p) => p.path).sort()).toEqual([...upstream].sort());
    for (const parent of parents) {
      const shown = parent.form === "columns" ? card.content : parent.content;
      const columns = factsOfNote(graph.notes.get(parent.path)!).columns.map((c) => c.name);
      const missing = columns.filter((c) => !new RegExp(`\\b${c}\\b`).test(shown));
      expect({ parent: parent.name, missing }).toEqual({ parent: parent.name, missing: [] });
    }
  });
});
