import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getEncoding } from "js-tiktoken";
import { FsVault } from "../../../src/cli/fs-vault";
import {
  buildPack,
  expandPack,
  loadNoteGraph,
  openTokenTally,
  renderPackMarkdown,
  type PackSources,
} from "../../../src/core/context";
import { DEFAULT_SETTINGS, type DecpSettings } from "../../../src/core/settings";
import { stripTeachingComments } from "../../../src/core/templates";
import { FOCUS, writeLineageVault, writePlainVault } from "./pack-vault";

let root: string;
let vault: FsVault;
const oracle = getEncoding("o200k_base");

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "decp-pack-"));
  vault = new FsVault(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function sources(settings: Partial<DecpSettings> = {}, extra: Partial<PackSources> = {}): Promise<PackSources> {
  const s = { ...DEFAULT_SETTINGS, ...settings };
  return {
    settings: s,
    tally: await openTokenTally(vault, s),
    graph: await loadNoteGraph(vault),
    stripTeachingComments,
    ...extra,
  };
}

describe("packs around a model with 200+ descendants", () => {
  test.each([1000, 2000, 5000])(
    "budget %i: within budget, focus included, every other note explained",
    async (budget) => {
      const { all } = await writeLineageVault(vault);
      const src = await sources();
      const pack = await buildPack(src, { focus: FOCUS, budget });
      const text = renderPackMarkdown(pack);

      expect(oracle.encode(text, [], []).length).toBe(pack.used);
      expect(pack.used).toBeLessThanOrEqual(budget);
      expect(pack.included[0]).toMatchObject({ path: `dbt/acme/models/marts/${FOCUS}.md`, reason: "focus" });
      const explained = [...pack.included.map((i) => i.path), ...pack.excluded.map((e) => e.path)].sort();
      // Every lineage note is either loaded or excluded with a reason; the loop note is not lineage.
      expect(explained).toEqual(all.filter((p) => p.startsWith("dbt/")).sort());
      for (const e of pack.excluded) expect(e.reason).not.toBe("");
      for (const g of pack.groups) expect(g.rationale).not.toBe("");
      expect(pack.groups.find((g) => g.reason === "downstream beyond depth 1")).toMatchObject({ files: 200 });
      expect(text).toContain("downstream beyond depth 1: 200 files");
    },
  );

  test("ranks an open loop's model first within its ring and loads parents and children", async () => {
    await writeLineageVault(vault);
    const src = await sources(
      {},
      {
        loops: [
          {
            id: "LOOP-001",
            status: "open",
            models: ["[[int_orders_7]]"],
            path: "Copilot/Loops/LOOP-001 Check int_orders_7.md",
          },
        ],
      },
    );
    const pack = await buildPack(src, { focus: FOCUS, budget: 5000 });
    const children = pack.included.filter((i) => i.reason === "direct children");
    expect(children[0].name).toBe("int_orders_7");
    expect(children[0].loops).toBe(1);
    expect(pack.included.filter((i) => i.reason === "direct parents").map((i) => i.name)).toEqual([
      "stg_orders",
      "stg_payments",
    ]);
  });

  test("a tight budget falls back to compact forms before excluding, and marks them", async () => {
    await writeLineageVault(vault);
    const pack = await buildPack(await sources(), { focus: FOCUS, budget: 1500 });
    expect(pack.included.some((i) => i.form === "compact")).toBe(true);
    const compact = pack.included.find((i) => i.form === "compact");
    expect(compact?.content).not.toContain("select");
    expect(renderPackMarkdown(pack)).toContain(`(${compact?.reason}, compact,`);
  });

  test("expand context grows the pack by one ring and records the decision", async () => {
    await writeLineageVault(vault);
    const src = await sources();
    const first = await buildPack(src, { focus: FOCUS, budget: 2000 });
    const second = await expandPack(src, first, 5000);
    expect(second.depth).toBe(2);
    expect(second.used).toBeLessThanOrEqual(5000);
    expect(second.history.map((h) => [h.action, h.depth, h.budget])).toEqual([
      ["build", 1, 2000],
      ["expand", 2, 5000],
    ]);
    expect(second.groups.some((g) => g.reason === "downstream at depth 2, over budget")).toBe(true);
    expect(second.groups.some((g) => g.reason.includes("beyond depth 1"))).toBe(false);
  });

  test("a budget smaller than the focus uses the clearly marked compact form, or says what it needs", async () => {
    await writeLineageVault(vault);
    const src = await sources();
    const pack = await buildPack(src, { focus: FOCUS, budget: 600 });
    expect(pack.included).toHaveLength(1);
    expect(pack.included[0].form).toBe("compact");
    // The full form as it would be loaded: teaching comments stripped (the default setting).
    expect(pack.focusNeeds?.full).toBe(
      oracle.encode(stripTeachingComments(await vault.read(`dbt/acme/models/marts/${FOCUS}.md`))).length,
    );
    expect(renderPackMarkdown(pack)).toContain(
      `Focus in compact form: the full note needs ${pack.focusNeeds?.full.toLocaleString("en-US")} tokens`,
    );
    await expect(buildPack(src, { focus: FOCUS, budget: 60 })).rejects.toThrow(
      /needs [\d,]+ tokens in full .* over the 60-token budget/,
    );
  });

  test("a focus that does not exist is a user error naming it", async () => {
    await writeLineageVault(vault);
    await expect(buildPack(await sources(), { focus: "fct_nope", budget: 5000 })).rejects.toThrow(
      'No note or model named "fct_nope"',
    );
  });

  test("a selection restricts the candidates; user overrides include and exclude with a reason", async () => {
    await writeLineageVault(vault);
    const pack = await buildPack(await sources(), {
      focus: FOCUS,
      budget: 5000,
      selection: {
        label: "dbt +fct_orders",
        paths: ["dbt/acme/models/staging/stg_orders.md", "dbt/acme/models/sources/raw_orders.md"],
      },
      overrides: [
        { path: "dbt/acme/models/staging/stg_orders.md", action: "exclude", reason: "known good" },
        { path: "dbt/acme/models/reporting/rpt_3_4.md", action: "include", reason: "the failing report" },
      ],
    });
    expect(pack.selector).toBe("dbt +fct_orders");
    expect(pack.excluded.find((e) => e.path.endsWith("stg_orders.md"))?.reason).toBe("excluded by you: known good");
    expect(pack.included.find((i) => i.path.endsWith("rpt_3_4.md"))?.reason).toBe(
      "included by you: the failing report",
    );
    expect(pack.excluded.find((e) => e.path.endsWith("stg_payments.md"))?.reason).toBe("outside the selection");
  });

  test("the Markdown bundle is deterministic", async () => {
    await writeLineageVault(vault);
    const a = renderPackMarkdown(await buildPack(await sources(), { focus: FOCUS, budget: 2000 }));
    const b = renderPackMarkdown(await buildPack(await sources(), { focus: FOCUS, budget: 2000 }));
    expect(a).toBe(b);
  });
});

describe("packs on plain notes, no dbt", () => {
  test("the focus, then its links and backlinks, then the next ring; cycles are fine", async () => {
    await writePlainVault(vault);
    const src = await sources();
    const pack = await buildPack(src, { focus: "Migration plan", budget: 1000 });
    expect(pack.focus.lineage).toBe(false);
    expect(pack.included.map((i) => [i.path, i.reason])).toEqual([
      ["Projects/Migration plan.md", "focus"],
      ["Daily/2026-01-21.md", "linked notes"],
      ["Projects/Risks.md", "linked notes"],
      ["Projects/Timeline.md", "linked notes"],
    ]);
    expect(pack.excluded).toEqual([
      {
        path: "Glossary.md",
        tokens: oracle.encode("# Glossary\n\nWarehouse: where the data lives.\n").length,
        reason: "linked beyond depth 1",
      },
    ]);
    const expanded = await expandPack(src, pack);
    expect(expanded.included.map((i) => i.path)).toContain("Glossary.md");
    expect(expanded.excluded).toEqual([]);
  });

  test("stripping teaching comments and frontmatter reports the tokens saved", async () => {
    await writePlainVault(vault);
    const strip = stripTeachingComments;
    const pack = await buildPack(await sources({ stripComments: true, stripFrontmatter: true }), {
      focus: "Migration plan",
      budget: 1000,
      depth: 2,
    });
    const raw =
      "# Migration plan\n\nWe move the warehouse. See [[Risks]] and [[Timeline]].\n\n%% teaching: keep plans short %%\n";
    const fm = '---\nrelated: "[[Glossary]]"\n---\n';
    expect(pack.included[0].content).not.toContain("%%");
    expect(pack.included.find((i) => i.name === "Timeline")?.content.startsWith("# Timeline")).toBe(true);
    const saved =
      oracle.encode(raw).length -
      oracle.encode(strip(raw)).length +
      (oracle.encode(fm + "# Timeline\n\nQ1: copy. Q2: switch.\n").length -
        oracle.encode("# Timeline\n\nQ1: copy. Q2: switch.\n").length);
    expect(pack.stripped.savedTokens).toBe(saved);
    expect(renderPackMarkdown(pack)).toContain(`Stripped teaching comments and frontmatter: ${saved} tokens saved`);
  });
});
