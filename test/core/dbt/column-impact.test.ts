// Column impact read back from the model notes of a real import: direct and transitive readers, the
// column: selector method, models whose usage is unknown, and the errors a user can make.
import {
  columnImpact,
  columnsReadBy,
  importDbtProject,
  loadLineageFromVault,
  namedImpact,
  readManifest,
  selectNodes,
} from "../../../src/core/dbt";
import type { LineageGraph } from "../../../src/core/dbt";
import { isUserError } from "../../../src/core/errors";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { fixtureManifest, TempVault } from "./fixtures";

async function importedGraph(temp: TempVault, fixture: string): Promise<LineageGraph> {
  await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(fixtureManifest(fixture)));
  return loadLineageFromVault(temp.vault, DEFAULT_SETTINGS);
}

describe("column impact from the model notes", () => {
  let temp: TempVault;
  beforeEach(() => (temp = new TempVault()));
  afterEach(() => temp.dispose());

  test("direct readers read the column; transitive ones read a column computed from it", async () => {
    const graph = await importedGraph(temp, "jaffle_shop_v9_dbt1.5.json");
    const impact = namedImpact(graph, columnImpact(graph, "raw_payments.amount"));
    expect(impact).toEqual({
      column: "raw_payments.amount",
      direct: ["stg_payments"],
      transitive: ["customers", "orders"],
      unknown: [],
      downstream: 3,
    });
    // payment_method feeds orders' per-method amounts; customers never reads it.
    expect(namedImpact(graph, columnImpact(graph, "stg_payments.payment_method"))).toMatchObject({
      direct: ["orders"],
      transitive: [],
    });
    // stg_payments.payment_id is imported by select * and read by nobody.
    expect(columnImpact(graph, "stg_payments.payment_id")).toMatchObject({ direct: [], transitive: [] });
  });

  test("a repeated question on one graph gets the same answer (the reader maps are built once and kept)", async () => {
    const graph = await importedGraph(temp, "jaffle_shop_v9_dbt1.5.json");
    const first = namedImpact(graph, columnImpact(graph, "raw_orders.user_id"));
    expect(first).toMatchObject({ direct: ["stg_orders"], transitive: ["customers", "orders"] });
    expect(namedImpact(graph, columnImpact(graph, "raw_payments.amount"))).toMatchObject({
      direct: ["stg_payments"],
    });
    expect(namedImpact(graph, columnImpact(graph, "raw_orders.user_id"))).toEqual(first);
    expect(selectNodes(graph, "column:raw_orders.user_id")).toEqual(selectNodes(graph, "column:raw_orders.user_id"));
  });

  test("the column: selector method selects the readers and combines with graph operators", async () => {
    const graph = await importedGraph(temp, "jaffle_shop_v9_dbt1.5.json");
    expect(selectNodes(graph, "column:stg_orders.status")).toEqual(["model.jaffle_shop.orders"]);
    expect(selectNodes(graph, "column:raw_orders.user_id")).toEqual([
      "model.jaffle_shop.customers",
      "model.jaffle_shop.orders",
      "model.jaffle_shop.stg_orders",
    ]);
    expect(selectNodes(graph, "column:raw_payments.amount", "column:stg_payments.amount")).toEqual([
      "model.jaffle_shop.stg_payments",
    ]);
  });

  test("columnsReadBy: which of the columns in question each downstream model reads (what packs rank by)", async () => {
    const graph = await importedGraph(temp, "jaffle_shop_v9_dbt1.5.json");
    expect(columnsReadBy(graph, "stg_payments", ["payment_method", "amount", "no_such"])).toEqual(
      new Map([
        ["orders", ["payment_method", "amount"]],
        ["customers", ["amount"]],
      ]),
    );
  });

  test("children whose compiled SQL is missing are listed as unknown, not as readers", async () => {
    const graph = await importedGraph(temp, "jaffle_shop_v12_dbt1.11.json");
    const impact = namedImpact(graph, columnImpact(graph, "stg_customers.customer_id"));
    expect(impact).toMatchObject({ direct: [], transitive: [], unknown: ["customers"] });
  });

  test.each([
    ["dim_customers", /does not name a column/],
    ["nope.segment", /No dbt node named "nope"/],
  ])("%s is a user error", async (ref, message) => {
    const graph = await importedGraph(temp, "jaffle_shop_v9_dbt1.5.json");
    let thrown: unknown;
    try {
      columnImpact(graph, ref);
    } catch (error) {
      thrown = error;
    }
    expect(isUserError(thrown) && (thrown as Error).message).toMatch(message);
    expect(() => selectNodes(graph, "column:dim_customers")).toThrow(/needs a model and a column/);
  });
});
