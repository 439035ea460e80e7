// Templates of the generated project's reports: views joined to the customer dimension, one per
// attribute, customer and roll-up; they are the hundreds of children that make it wide.

import { type ColumnKind } from "./generated-catalog";
import { importCte, ref, selectList, withCtes, type SqlFlavor } from "./generated-sql";
import { model, type GeneratedModel, type TypedColumn } from "./generated-models";

export type ReportAttribute = "country_code" | "country_name" | "segment" | "first_order_month";

/** rpt_<plural>_by_<attribute>_<n>: a fact's measures summed per attribute of the customer dimension. */
export function attributeReport(
  fact: GeneratedModel,
  dim: GeneratedModel,
  attribute: ReportAttribute,
  index: number,
  flavor: SqlFlavor,
): GeneratedModel {
  const measures = fact.typed
    .filter((c) => (c.kind === "money" || c.kind === "num") && c.name !== "customer_id")
    .slice(0, 2);
  const attr =
    attribute === "first_order_month"
      ? `${flavor.month("customers.first_order_at")} as first_order_month`
      : `customers.${attribute}`;
  const expressions = [
    attr,
    "count(distinct facts.customer_id) as customers",
    ...measures.map((m) => `sum(facts.${m.name}) as ${m.name.startsWith("total_") ? m.name : `total_${m.name}`}`),
  ];
  const typed: TypedColumn[] = [
    { name: attribute, kind: "text" },
    { name: "customers", kind: "num" },
    ...measures.map((m) => ({ name: m.name.startsWith("total_") ? m.name : `total_${m.name}`, kind: m.kind })),
  ];
  const topic = fact.name.replace(/^fct_/, "").replace(/_\d+$/, "");
  const sql = withCtes(
    [
      importCte("facts", ref(fact.name)),
      importCte("customers", ref(dim.name)),
      `final as (\n    select\n${selectList(expressions)}\n    from facts\n    inner join customers\n        on customers.customer_id = facts.customer_id\n    group by 1\n)`,
    ],
    "select * from final",
  );
  const label = attribute.replace(/_/g, " ");
  return model({
    name: `rpt_${topic}_by_${attribute === "first_order_month" ? "cohort" : attribute.replace(/_code|_name/, "")}_${index}`,
    layer: "reporting",
    folder: `models/reporting/${topic.split("_")[0]}`,
    tags: ["reporting"],
    refs: [fact.name, dim.name],
    sources: [],
    typed,
    key: attribute,
    description: `One row per ${label}: ${fact.name} summed over the customers of each ${label} (from dim_customers).`,
    sql,
    grain: `for the ${label}`,
  });
}

/** rpt_customer_value_<n>: one row per customer, dimension attributes beside a customer fact's measures. */
export function customerReport(
  fact: GeneratedModel,
  dim: GeneratedModel,
  withSegment: boolean,
  index: number,
): GeneratedModel {
  const dimColumns = ["customer_id", "country_code", "lifetime_value", ...(withSegment ? ["segment"] : [])];
  const factColumns = fact.typed
    .filter((c) => c.name !== "customer_id" && (c.kind === "num" || c.kind === "money"))
    .slice(0, 2);
  const expressions = [...dimColumns.map((c) => `customers.${c}`), ...factColumns.map((c) => `facts.${c.name}`)];
  const typed: TypedColumn[] = [...dimColumns.map((name) => dim.typed.find((c) => c.name === name)!), ...factColumns];
  const sql = withCtes(
    [
      importCte("customers", ref(dim.name)),
      importCte("facts", ref(fact.name)),
      `final as (\n    select\n${selectList(expressions)}\n    from customers\n    left join facts\n        on facts.customer_id = customers.customer_id\n)`,
    ],
    "select * from final",
  );
  return model({
    name: `rpt_customer_value_${index}`,
    layer: "reporting",
    folder: "models/reporting/customers",
    tags: ["reporting"],
    refs: [dim.name, fact.name],
    sources: [],
    typed,
    key: "customer_id",
    description: `One row per customer: value attributes from dim_customers beside ${fact.name}.`,
    sql,
    grain: "of the customer",
  });
}

/** rpt_value_by_<segment|country>_<n>: a customer report rolled up, per segment when it has one, else per country. */
export function rollupReport(base: GeneratedModel, dim: GeneratedModel, index: number): GeneratedModel {
  const bySegment = base.columns.includes("segment");
  const group = bySegment ? "report.segment" : "customers.country_name";
  const expressions = [
    group,
    "count(*) as customers",
    "sum(report.lifetime_value) as total_lifetime_value",
    ...(bySegment ? ["count(distinct customers.country_name) as countries"] : []),
  ];
  const key = bySegment ? "segment" : "country_name";
  const typed: TypedColumn[] = [
    { name: key, kind: "text" },
    { name: "customers", kind: "num" },
    { name: "total_lifetime_value", kind: "money" },
    ...(bySegment ? [{ name: "countries", kind: "num" as ColumnKind }] : []),
  ];
  const sql = withCtes(
    [
      importCte("report", ref(base.name)),
      importCte("customers", ref(dim.name)),
      `final as (\n    select\n${selectList(expressions)}\n    from report\n    inner join customers\n        on customers.customer_id = report.customer_id\n    group by 1\n)`,
    ],
    "select * from final",
  );
  const label = bySegment ? "segment" : "country";
  return model({
    name: `rpt_value_by_${label}_${index}`,
    layer: "reporting",
    folder: "models/reporting/customers",
    tags: ["reporting"],
    refs: [base.name, dim.name],
    sources: [],
    typed,
    key,
    description: `One row per ${label}: ${base.name} rolled up${bySegment ? ", with how many countries each segment spans (from dim_customers)" : ", with country names from dim_customers"}.`,
    sql,
    grain: `for the ${label}`,
  });
}
