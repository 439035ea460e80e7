// Column usage on the real jaffle_shop manifests: every model with compiled SQL gets an answer, and a
// hand-checked table of (model, parent, column) facts read off the compiled SQL holds.
import { readManifest, type DbtProject } from "../../../src/core/dbt";
import { analyseProjectColumns, columnReaders } from "../../../src/core/dbt/column-usage";
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

const V9 = "jaffle_shop_v9_dbt1.5.json";
const V12 = "jaffle_shop_v12_dbt1.8.json";

// Read by hand from each model's compiled_code. `reads: false` rows are columns the parent has that
// the model never touches: what a text search for the column name would get wrong.
const FACTS: [fixture: string, model: string, parent: string, column: string, reads: boolean, why: string][] = [
  [V9, "customers", "stg_customers", "customer_id", true, "final selects customers.customer_id"],
  [V9, "customers", "stg_customers", "first_name", true, "final selects customers.first_name"],
  [V9, "customers", "stg_customers", "last_name", true, "final selects customers.last_name"],
  [V9, "customers", "stg_orders", "order_date", true, "min/max(order_date) in customer_orders"],
  [V9, "customers", "stg_orders", "order_id", true, "count(order_id), and the payments join"],
  [V9, "customers", "stg_orders", "customer_id", true, "group by customer_id"],
  [V9, "customers", "stg_orders", "status", false, "status is never referenced"],
  [V9, "customers", "stg_payments", "amount", true, "sum(amount) in customer_payments"],
  [V9, "customers", "stg_payments", "order_id", true, "join on payments.order_id"],
  [V9, "customers", "stg_payments", "payment_method", false, "payment_method is never referenced"],
  [V9, "orders", "stg_payments", "payment_method", true, "case when payment_method = ..."],
  [V9, "orders", "stg_payments", "payment_id", false, "select * imports it; nothing reads it"],
  [V9, "orders", "stg_orders", "status", true, "final selects orders.status"],
  [V9, "stg_customers", "raw_customers", "id", true, "id as customer_id"],
  [V9, "stg_orders", "raw_orders", "user_id", true, "user_id as customer_id"],
  [V9, "stg_payments", "raw_payments", "amount", true, "amount / 100 as amount"],
  [V9, "snapshot_run_results", "dbt_snapshots", "owner", true, "snapshots.owner through an alias"],
  [V9, "snapshot_run_results", "dbt_snapshots", "checksum", false, "not in the select list"],
  [V9, "job_run_results", "dbt_invocations", "run_started_at", true, "min(cast(run_started_at ...))"],
  [V12, "enriched_columns", "information_schema_columns", "data_type", true, "data_type in the first CTE"],
  [V12, "enriched_columns", "dbt_columns", "description", true, "description in the dbt_columns CTE"],
  [V12, "enriched_columns", "dbt_columns", "table_name", true, "lower(table_name), and USING (table_name)"],
  [V12, "anomaly_threshold_sensitivity", "metrics_anomaly_score", "training_stddev", true, "renamed to metric_stddev"],
  [V12, "anomaly_threshold_sensitivity", "metrics_anomaly_score", "bucket_end", false, "select * CTE, never asked for"],
  [V12, "information_schema_columns", "dbt_models", "alias", true, "alias as table_name, through a union"],
  [V12, "information_schema_columns", "dbt_seeds", "name", true, "name as table_name"],
  [V12, "daily_orders", "orders", "amount", true, "sum(amount + 1); the UNNEST's amount is another column"],
  [V12, "daily_orders", "orders", "order_date", true, "group by order_date"],
  [V12, "daily_orders", "orders", "customer_id", false, "never referenced"],
  [V12, "dbt_artifacts_hashes", "dbt_seeds", "metadata_hash", true, "one branch of a union all"],
];

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
