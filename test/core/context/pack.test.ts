import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getEncoding } from "js-tiktoken";
import { FsVault } from "../../../src/cli/fs-vault";
import {
  buildPack,
  expandPack,
  loadNoteGraph,
  openTokenTally,
  packAroundFocus,
  renderPackMarkdown,
  type ColumnReaders,
  type PackSources,
} from "../../../src/core/context";
import { importDbtProject, readManifest } from "../../../src/core/dbt";
import { DEFAULT_SETTINGS, type DecpSettings } from "../../../src/core/settings";
import { dbtFixturePath } from "../../fixtures/paths";
import { FOCUS, writeLineageVault, writePlainVault, writeRankingVault } from "./pack-vault";

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
  return { settings: s, tally: await openTokenTally(vault, s), graph: await loadNoteGraph(vault), ...extra };
}

/** What a pack must never hand a model: Obsidian's bookkeeping. */
function expectWrittenForTheModel(text: string): void {
  expect(text).not.toMatch(/^---$/m);
  expect(text).not.toContain("[[");
  expect(text).not.toContain("%%");
  expect(text).not.toContain("mermaid");
}

describe("packs around a model with 200+ descendants", () => {
  test.each([1000, 2000, 5000])(
    "budget %i: within budget, the focus card with its SQL, parents' columns, every other note explained",
    async (budget) => {
      const { all } = await writeLineageVault(vault);
      const pack = await buildPack(await sources(), { focus: FOCUS, budget });
      const text = renderPackMarkdown(pack);

      expect(oracle.encode(text, [], []).length).toBe(pack.used);
      expect(pack.used).toBeLessThanOrEqual(budget);
      expectWrittenForTheModel(text);
      expect(pack.included[0]).toMatchObject({ path: `dbt/acme/models/marts/${FOCUS}.md`, reason: "focus" });
      expect(text).toContain(`## ${FOCUS} (focus)`);
      expect(text).toContain("SQL (raw):\n```sql\nwith orders as (");
      for (const parent of ["stg_orders", "stg_payments"]) expect(text).toContain(`## ${parent} (parent of ${FOCUS})`);
      expect(text).toContain("- amount_cents: Order amount in cents");
      const explained = [...pack.included.map((i) => i.path), ...pack.excluded.map((e) => e.path)].sort();
      // Every lineage note is either loaded or excluded with a reason; the loop note is not lineage.
      expect(explained).toEqual(all.filter((p) => p.startsWith("dbt/")).sort());
      for (const e of pack.excluded) expect(e.reason).not.toBe("");
      for (const g of pack.groups) expect(g.rationale).not.toBe("");
      expect(pack.groups.find((g) => g.reason === "downstream beyond depth 1")).toMatchObject({ files: 200 });
      expect(text).toContain("downstream beyond depth 1: 200 notes");
      expect(pack.phase).toBe("comfortable");
      expect(text).toContain(`- Fill: ${pack.used.toLocaleString("en-US")} / ${budget.toLocaleString("en-US")} tokens`);
    },
  );

  test("children are names in the focus card, never cards; an open loop's model is named first", async () => {
    await writeLineageVault(vault);
    const loops = [
      {
        id: "LOOP-001",
        status: "open",
        title: "Check int_orders_7",
        models: ["[[int_orders_7]]"],
        path: "Copilot/Loops/LOOP-001 Check int_orders_7.md",
      },
    ];
    const pack = await buildPack(await sources({}, { loops }), { focus: FOCUS, budget: 5000 });
    const children = pack.included.filter((i) => i.reason === "direct children");
    expect(children.map((c) => c.form)).toEqual(Array(10).fill("name"));
    expect(children[0]).toMatchObject({
      name: "int_orders_7",
      loops: 1,
      content: "int_orders_7 (20 downstream, LOOP-001)",
    });
    expect(renderPackMarkdown(pack)).toContain(
      "Children (10, most relevant first):\n- table: int_orders_7 (20 downstream, LOOP-001), int_orders_0 (20 downstream)",
    );
    expect(renderPackMarkdown(pack)).not.toContain("## int_orders_");
    expect(pack.included.filter((i) => i.reason === "direct parents").map((i) => [i.name, i.form])).toEqual([
      ["stg_orders", "full"],
      ["stg_payments", "full"],
    ]);
  });

  test("a tight budget keeps the parents' cards without their SQL and says so", async () => {
    await writeLineageVault(vault);
    const pack = await buildPack(await sources(), { focus: FOCUS, budget: 900 });
    const text = renderPackMarkdown(pack);
    expect(pack.used).toBeLessThanOrEqual(900);
    expect(pack.included.filter((i) => i.reason === "direct parents").map((i) => i.form)).toContain("compact");
    expect(pack.sqlLeftOut.length).toBeGreaterThan(0);
    expect(text).toContain(`  - SQL of ${pack.sqlLeftOut.join(", ")}: over budget`);
    expect(text).toContain("- amount_cents"); // the parents' columns still come
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
    expect(second.included.filter((i) => i.reason === "upstream at depth 2").map((i) => i.form)).toEqual([
      "compact",
      "compact",
    ]);
    expect(second.included.filter((i) => i.reason === "downstream at depth 2").every((i) => i.form === "name")).toBe(
      true,
    );
    expect(second.groups.some((g) => g.reason.includes("beyond depth 1"))).toBe(false);
  });

  test("a budget the focus card with its SQL does not fit says the budget it needs", async () => {
    await writeLineageVault(vault);
    const src = await sources();
    const message = await buildPack(src, { focus: FOCUS, budget: 200 }).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(message).toMatch(
      /The model card of "fct_orders" with its SQL needs ([\d,]+) tokens, over the 200-token budget/,
    );
    const needed = Number(/needs ([\d,]+) tokens/.exec(message)![1].replace(/,/g, ""));
    const just = await buildPack(src, { focus: FOCUS, budget: needed });
    expect(just.included.map((i) => i.reason)).toEqual(["focus"]);
    expect(renderPackMarkdown(just)).toContain("SQL (raw):");
  });

  test("when the parents' cards do not all fit, every parent still brings its column names before any brings more", async () => {
    await writeLineageVault(vault);
    const src = await sources();
    const message = await buildPack(src, { focus: FOCUS, budget: 200 }).then(
      () => "",
      (e: Error) => e.message,
    );
    const needed = Number(/needs ([\d,]+) tokens/.exec(message)![1].replace(/,/g, ""));
    const pack = await buildPack(src, { focus: FOCUS, budget: needed + 150 });
    const parents = pack.included.filter((i) => i.reason === "direct parents");
    expect(parents.map((i) => i.name)).toEqual(["stg_orders", "stg_payments"]);
    expect(parents.map((i) => i.form)).toContain("columns");
    const text = renderPackMarkdown(pack);
    // A parent without a card is a line of the focus card's Parents list: what it is and its column names.
    const focus = pack.included[0].content;
    for (const parent of parents.filter((i) => i.form === "columns")) {
      expect(parent.content).toBe(`${parent.name} (table): order_id, customer_id, amount_cents`);
      expect(focus).toContain(`Parents (2):\n`);
      expect(focus).toContain(`\n- ${parent.content}\n`);
      expect(text).not.toContain(`## ${parent.name} (parent of`);
      expect(text).not.toContain(`SQL of ${parent.name}`);
    }
    for (const parent of parents.filter((i) => i.form !== "columns")) {
      expect(focus).toContain(`\n- ${parent.name} (card below)\n`);
      expect(parent.content).toContain("Columns (3):\n- order_id");
      expect(text).toContain(`SQL of ${parent.name}: over budget`);
    }
    expect(text).toMatch(/- Loaded: direct parents: 2 \((1 compact, )?\d column names only\)/);
  });

  test("a parent you excluded is named in the focus card, never said to have a card below", async () => {
    await writeLineageVault(vault);
    const src = await sources();
    const message = await buildPack(src, { focus: FOCUS, budget: 200 }).then(
      () => "",
      (e: Error) => e.message,
    );
    const needed = Number(/needs ([\d,]+) tokens/.exec(message)![1].replace(/,/g, ""));
    const pack = await buildPack(src, {
      focus: FOCUS,
      budget: needed + 60,
      overrides: [{ path: "dbt/acme/models/staging/stg_orders.md", action: "exclude", reason: "known good" }],
    });
    expect(pack.included.map((i) => [i.name, i.form])).toContainEqual(["stg_payments", "columns"]);
    const focus = pack.included[0].content;
    expect(focus).toContain(
      "Parents (2):\n- stg_orders\n- stg_payments (table): order_id, customer_id, amount_cents\n",
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
    expect(pack.excluded.find((e) => e.path.endsWith("stg_orders.md"))).toMatchObject({
      reason: "excluded by you: known good",
      cause: { kind: "by-user", note: "known good" },
    });
    const included = pack.included.find((i) => i.path.endsWith("rpt_3_4.md"));
    expect(included).toMatchObject({ reason: "included by you: the failing report", form: "full" });
    expect(included?.content).toContain("## rpt_3_4 (included by you: the failing report)");
    expect(pack.excluded.find((e) => e.path.endsWith("stg_payments.md"))).toMatchObject({
      reason: "outside the selection",
      cause: { kind: "outside-selection" },
    });
  });

  test("compiled SQL on request", async () => {
    await writeRankingVault(vault);
    const raw = renderPackMarkdown(await buildPack(await sources(), { focus: "dim_customers", budget: 3000 }));
    const compiled = renderPackMarkdown(
      await buildPack(await sources(), { focus: "dim_customers", budget: 3000, sql: "compiled" }),
    );
    expect(raw).toContain("SQL (raw):\n```sql\nselect * from {{ ref('stg_customers') }}");
    expect(compiled).toContain('SQL (compiled):\n```sql\nselect * from "analytics"."staging"."stg_customers"');
  });

  test("the Markdown bundle is deterministic", async () => {
    await writeLineageVault(vault);
    const a = renderPackMarkdown(await buildPack(await sources(), { focus: FOCUS, budget: 2000 }));
    const b = renderPackMarkdown(await buildPack(await sources(), { focus: FOCUS, budget: 2000 }));
    expect(a).toBe(b);
  });
});

describe("children ranked by relevance, never by name", () => {
  const named = async (extra: Partial<PackSources> = {}, request: object = {}) => {
    const pack = await buildPack(await sources({}, extra), { focus: "dim_customers", budget: 5000, ...request });
    return pack.included.filter((i) => i.form === "name").map((i) => i.name);
  };

  test("incremental and table before views, then by their own reach (downstream and exposures), ties by name", async () => {
    await writeRankingVault(vault);
    expect(await named()).toEqual([
      "fct_orders", // incremental
      "dim_segments", // table, 2 downstream + 1 exposure
      "agg_daily", // table, 1 downstream
      "a_view", // view, 1 downstream
      "b_view", // view, tie broken by name
      "c_view",
    ]);
  });

  test("with columns in question, the children that read them come first, whatever they are", async () => {
    await writeRankingVault(vault);
    // Without column-level lineage, a child whose SQL names the column counts, and says so.
    expect(await named({}, { columns: ["segment"] })).toEqual([
      "c_view",
      "fct_orders",
      "dim_segments",
      "agg_daily",
      "a_view",
      "b_view",
    ]);
    const readers: ColumnReaders = (model, columns) =>
      new Map<string, string[]>(
        model === "dim_customers" && columns.includes("segment") ? [["b_view", ["segment"]]] : [],
      );
    const pack = await buildPack(await sources({}, { columnReaders: readers }), {
      focus: "dim_customers",
      budget: 5000,
      task: "Move SEGMENT out of the dimension",
    });
    expect(pack.columns).toEqual(["segment"]);
    expect(pack.included.filter((i) => i.form === "name").map((i) => i.name)[0]).toBe("b_view");
    expect(renderPackMarkdown(pack)).toContain("- reads segment: b_view (view)");
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
        cause: { kind: "beyond-depth", direction: "linked", depth: 1 },
      },
    ]);
    const text = renderPackMarkdown(pack);
    expectWrittenForTheModel(text);
    expect(text).toContain(
      "## Migration plan (focus)\n\n### Migration plan\n\nWe move the warehouse. See Risks and Timeline.\n",
    );
    const expanded = await expandPack(src, pack);
    expect(expanded.included.map((i) => i.path)).toContain("Glossary.md");
    expect(expanded.excluded).toEqual([]);
  });

  test("a focus too big for the budget comes in compact form, marked, or the error says what it needs", async () => {
    await writePlainVault(vault);
    await vault.write("Big.md", `# Big\n\nOpening.\n\n## Detail\n\n${"Lots of detail here. ".repeat(300)}\n`);
    const src = await sources();
    const pack = await buildPack(src, { focus: "Big", budget: 300 });
    expect(pack.included.map((i) => i.form)).toEqual(["compact"]);
    expect(renderPackMarkdown(pack)).toContain(
      `Focus in compact form: the full note needs ${pack.focusNeeds?.full.toLocaleString("en-US")} tokens`,
    );
    await expect(buildPack(src, { focus: "Big", budget: 40 })).rejects.toThrow(/over the 40-token budget/);
  });
});

describe("the columns in question from column-level lineage", () => {
  test("packAroundFocus ranks first the children whose compiled SQL reads the column (columnsReadBy)", async () => {
    const file = dbtFixturePath("jaffle_shop_v9_dbt1.5.json");
    await importDbtProject(vault, DEFAULT_SETTINGS, readManifest(JSON.parse(readFileSync(file, "utf8")), file));
    const pack = await packAroundFocus(vault, DEFAULT_SETTINGS, {
      focus: "stg_payments",
      budget: 3000,
      columns: ["payment_method"],
    });
    const text = renderPackMarkdown(pack);
    // orders pivots on payment_method; customers only sums amount: lineage tells them apart, names do not.
    expect(text).toContain("- reads payment_method: orders (table");
    expect(text).not.toMatch(/reads payment_method: [^\n]*customers/);
  });
});
