// Column usage on the real jaffle_shop manifests: every model with compiled SQL gets an answer, and a
// hand-checked table of (model, parent, column) facts read off the compiled SQL holds.
import { readManifest, type DbtProject } from "../../../src/core/dbt";
import { analyseProjectColumns, columnReaders } from "../../../src/core/dbt/column-usage";
import { COLUMN_FACTS as FACTS, V12, V9 } from "../../fixtures/column-facts";
import { fixtureManifest } from "./fixtures";

const projects = new Map<string, DbtProject>();

async function analysed(fixture: string): Promise<DbtProject> {
  if (!projects.has(fixture)) {
    const project = readManifest(fixtureManifest(fixture));
    await analyseProjectColumns(project);
    projects.set(fixture, project);
  }
  return projects.get(fixture)!;
}

function readsOf(project: DbtProject, model: string, parent: string): string[] | undefined {
  const detail = project.nodes.find((d) => d.node.name === model && d.node.resourceType === "model")!;
  const usage = detail.columnUsage;
  if (!usage?.known) throw new Error(`${model}: column usage unknown (${usage ? usage.reason : "not analysed"})`);
  return usage.reads.find((r) => r.parent.endsWith(`.${parent}`))?.columns;
}

describe("column usage on the jaffle_shop fixtures", () => {
  test.each([V9, V12, "jaffle_shop_v7_dbt1.3.json"])(
    "%s: every model with compiled SQL is analysed",
    async (fixture) => {
      const project = await analysed(fixture);
      const compiled = project.nodes.filter((d) => d.sql?.compiled);
      expect(compiled.length).toBeGreaterThan(4);
      for (const detail of compiled)
        expect([detail.node.name, detail.columnUsage?.known]).toEqual([detail.node.name, true]);
    },
  );

  test.each(FACTS)("%s: %s reads %s.%s is %s (%s)", async (fixture, model, parent, column, reads) => {
    const columns = readsOf(await analysed(fixture), model, parent) ?? [];
    expect(columns.includes(column)).toBe(reads);
  });

  test("a column no parent has is reported, not attributed (v9 orders selects no_such_column_v2)", async () => {
    const project = await analysed(V9);
    const orders = project.nodes.find((d) => d.node.name === "orders")!.columnUsage!;
    expect(orders.known && orders.missing).toEqual(["no_such_column_v2"]);
  });

  test("outputs say what each column is computed from", async () => {
    const project = await analysed(V9);
    const customers = project.nodes.find((d) => d.node.name === "customers")!.columnUsage!;
    if (!customers.known) throw new Error("unknown");
    const ltv = customers.outputs.find((o) => o.name === "customer_lifetime_value")!;
    expect(ltv.sources).toEqual([{ parent: "model.jaffle_shop.stg_payments", column: "amount" }]);
  });

  test("models without compiled SQL say why their column usage is unknown (v12, dbt 1.11, parse only)", async () => {
    const project = await analysed("jaffle_shop_v12_dbt1.11.json");
    const usage = project.nodes.find((d) => d.node.name === "customers")!.columnUsage!;
    expect(usage.known).toBe(false);
    expect(!usage.known && usage.reason).toContain("no compiled SQL");
  });

  test("readers index: which children read each column of a parent", async () => {
    const readers = columnReaders(await analysed(V9));
    expect(readers.get("model.jaffle_shop.stg_payments")?.get("payment_method")).toEqual(["model.jaffle_shop.orders"]);
    expect(readers.get("model.jaffle_shop.stg_orders")?.get("order_date")).toEqual([
      "model.jaffle_shop.customers",
      "model.jaffle_shop.orders",
    ]);
  });
});
