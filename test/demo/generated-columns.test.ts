// The generated project compiles in your head: the column analysis runs over every model, in every
// dialect the generator writes, and no model reads a column its parents do not have.
import { analyseProjectColumns, readManifest, type DbtProject } from "../../src/core/dbt";
import { generateDbtProject } from "../../src/demo/generate-dbt-project";
import { GENERATED_DIALECTS } from "../../src/demo/generated-sql";

async function analysed(dialect: (typeof GENERATED_DIALECTS)[number], models = 450): Promise<DbtProject> {
  const project = readManifest(generateDbtProject({ models, dialect }).manifest);
  await analyseProjectColumns(project);
  return project;
}

describe("the generated project's SQL", () => {
  test.each(GENERATED_DIALECTS.map((d) => [d]))(
    "%s: every model is analysed and reads only columns its parents have",
    async (dialect) => {
      const project = await analysed(dialect);
      const problems: string[] = [];
      for (const detail of project.nodes) {
        const usage = detail.columnUsage;
        if (!detail.sql?.compiled) continue;
        if (!usage?.known) problems.push(`${detail.node.name}: unknown (${usage?.reason})`);
        else if (usage.missing.length > 0) problems.push(`${detail.node.name} reads ${usage.missing.join(", ")}`);
        else if (usage.outputs.some((o) => o.name === "*")) problems.push(`${detail.node.name}: unnamed columns`);
      }
      expect(problems).toEqual([]);
    },
  );

  test("dim_customers merges CRM and shop customers, sums payments into lifetime_value and derives segment", async () => {
    const project = await analysed("duckdb");
    const dim = project.nodes.find((d) => d.node.name === "dim_customers")!.columnUsage!;
    if (!dim.known) throw new Error(dim.reason);
    const from = (column: string): string[] =>
      dim.outputs.find((o) => o.name === column)!.sources.map((s) => `${s.parent.split(".").pop()}.${s.column}`);
    expect(from("customer_id")).toEqual(["stg_crm__customers.shop_customer_id", "stg_shop__customers.customer_id"]);
    expect(from("lifetime_value")).toEqual(["int_customer_payments.lifetime_value"]);
    expect(from("segment")).toEqual(["int_customer_payments.lifetime_value"]);
    const payments = project.nodes.find((d) => d.node.name === "int_customer_payments")!.columnUsage!;
    expect(payments.known && payments.outputs.find((o) => o.name === "lifetime_value")!.sources).toEqual([
      { parent: "model.acme.stg_payments__payments", column: "paid_amount" },
    ]);
  });

  test("reports select real dimension columns, and only some read segment", async () => {
    const project = await analysed("duckdb");
    const reports = project.nodes.filter((d) => d.node.name.startsWith("rpt_"));
    const readsOfDim = reports.map((d) => {
      const usage = d.columnUsage!;
      return usage.known ? (usage.reads.find((r) => r.parent === "model.acme.dim_customers")?.columns ?? []) : [];
    });
    expect(readsOfDim.every((columns) => columns.includes("customer_id"))).toBe(true);
    const segmentReaders = readsOfDim.filter((columns) => columns.includes("segment")).length;
    expect(segmentReaders).toBeGreaterThan(0);
    expect(segmentReaders).toBeLessThan(reports.length / 5);
  });
});
