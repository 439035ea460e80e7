// The model templates of the generated project, one per kind of model a dbt project has: staging
// over a raw table, intermediate aggregates and joins, the customer dimension, facts, and reports
// joined to the dimension. Each template reads only columns its parents have and says what its
// output columns are, so the next layer can be built on them (and the column analysis can check it).

import { columnMeaning, regionSuffix, type ColumnKind, type SourceTable } from "./generated-catalog";
import { importCte, ref, selectList, source, withCtes, type SqlFlavor } from "./generated-sql";

export interface TypedColumn {
  name: string;
  kind: ColumnKind;
}

export interface GeneratedModel {
  name: string;
  layer: "staging" | "intermediate" | "marts" | "reporting";
  folder: string;
  materialized: "view" | "table" | "incremental";
  tags: string[];
  refs: string[];
  sources: [string, string][];
  /** Output columns in order (what schema.yml documents). */
  columns: string[];
  typed: TypedColumn[];
  /** The grain: one row per value of this column. */
  key: string;
  description: string;
  /** Column name -> what it means. */
  docs: Record<string, string>;
  /** The model's SQL with dbt's Jinja (ref, source, config, this). */
  sql: string;
  incremental?: boolean;
}

export interface GeneratedSource {
  sourceName: string;
  table: string;
  folder: string;
  description: string;
  columns: { name: string; description: string }[];
}

function model(
  fields: Omit<GeneratedModel, "columns" | "docs" | "tags" | "materialized"> & {
    tags?: string[];
    materialized?: GeneratedModel["materialized"];
    grain: string;
  },
): GeneratedModel {
  const { grain, ...rest } = fields;
  const docs: Record<string, string> = {};
  for (const c of fields.typed) docs[c.name] = columnMeaning(c.name, grain);
  return {
    tags: [fields.layer],
    materialized: fields.layer === "staging" || fields.layer === "reporting" ? "view" : "table",
    ...rest,
    columns: fields.typed.map((c) => c.name),
    docs,
  };
}

const entityOf = (key: string): string => key.replace(/_id$/, "");

// --- staging -------------------------------------------------------------------------------------

/** stg_<system>__<table>: the raw table deduplicated, renamed and cast; one row per source id. */
export function stagingModel(
  table: SourceTable,
  round: number,
  flavor: SqlFlavor,
): { model: GeneratedModel; source: GeneratedSource } {
  const region = regionSuffix(round);
  const system = region ? `${table.system}_${region}` : table.system;
  const name = `stg_${system}__${table.table}`;
  const folder = `models/staging/${system}`;
  const joinCountries = table.system === "shop" && table.table === "customers";
  const from = joinCountries ? "latest." : "";
  const expressions = table.columns.map((c) => {
    const raw = `${from}${c.raw}`;
    const expr =
      c.kind === "ts"
        ? flavor.timestamp(raw)
        : c.kind === "money"
          ? flavor.money(raw)
          : c.name === "email"
            ? `lower(trim(${raw}))`
            : c.name === "country_code"
              ? `upper(${raw})`
              : raw;
    return expr === c.name || expr === `${from}${c.name}` ? expr : `${expr} as ${c.name}`;
  });
  const typed: TypedColumn[] = table.columns.map((c) => ({ name: c.name, kind: c.kind }));
  const ctes = [importCte("source", source(system, table.table)), `latest as (\n    ${flavor.latestRow("source")}\n)`];
  let body = `select\n${selectList(expressions)}\n    from latest`;
  const refs: string[] = [];
  if (joinCountries) {
    refs.push("country_codes");
    ctes.push(importCte("countries", ref("country_codes")));
    expressions.push("countries.country_name");
    typed.push({ name: "country_name", kind: "text" });
    body = `select\n${selectList(expressions)}\n    from latest\n    left join countries\n        on countries.country_code = upper(latest.country_code)`;
  }
  ctes.push(`renamed as (\n    ${body}\n)`);
  const grain = `for this ${table.entity}`;
  const description = `One row per ${table.entity} in ${system}.${table.table}: the latest loaded version of each row, renamed and typed.`;
  return {
    model: model({
      name,
      layer: "staging",
      folder,
      tags: ["staging", table.system],
      refs,
      sources: [[system, table.table]],
      typed,
      key: typed[0].name,
      description,
      sql: withCtes(ctes, "select * from renamed"),
      grain,
    }),
    source: {
      sourceName: system,
      table: table.table,
      folder,
      description: `Raw ${table.plural.replace(/_/g, " ")} from ${system}, appended by the loader every hour (one row per change).`,
      columns: [
        ...table.columns.map((c) => ({ name: c.raw, description: columnMeaning(c.name, grain) })),
        { name: "_loaded_at", description: "When the loader wrote the row (UTC)." },
      ],
    },
  };
}

// --- intermediate --------------------------------------------------------------------------------

export function customerPayments(payments: GeneratedModel): GeneratedModel {
  const sql = withCtes(
    [importCte("payments", ref(payments.name))],
    [
      "select",
      selectList([
        "customer_id",
        "count(*) as payment_count",
        "sum(paid_amount) as lifetime_value",
        "min(paid_at) as first_order_at",
      ]),
      "from payments",
      "group by customer_id",
    ].join("\n"),
  );
  return model({
    name: "int_customer_payments",
    layer: "intermediate",
    folder: "models/intermediate/customers",
    tags: ["intermediate"],
    refs: [payments.name],
    sources: [],
    typed: [
      { name: "customer_id", kind: "key" },
      { name: "payment_count", kind: "num" },
      { name: "lifetime_value", kind: "money" },
      { name: "first_order_at", kind: "ts" },
    ],
    key: "customer_id",
    description:
      "One row per customer with at least one captured payment: payments counted and summed into lifetime_value.",
    sql: `{{ config(materialized='table') }}\n\n${sql}`,
    grain: "of the customer",
  });
}

/** int_<plural>_by_<entity>_<n>: a staging model's rows aggregated to one row per `key`. */
export function aggregateModel(
  parent: GeneratedModel,
  key: string,
  index: number,
  materialized: "view" | "table",
  enrich?: { model: GeneratedModel; column: TypedColumn },
): GeneratedModel {
  const plural = parent.name.split("__")[1] ?? parent.name;
  const measures = parent.typed.filter((c) => c.kind === "money" || c.kind === "num").slice(0, 2);
  const times = parent.typed.filter((c) => c.kind === "ts").slice(0, 1);
  const typed: TypedColumn[] = [
    { name: key, kind: "key" },
    { name: `${plural}_count`, kind: "num" },
  ];
  const expressions = [key, `count(*) as ${plural}_count`];
  for (const m of measures) {
    expressions.push(`sum(${m.name}) as total_${m.name}`);
    typed.push({ name: `total_${m.name}`, kind: m.kind });
  }
  for (const t of times) {
    const bare = t.name.replace(/_at$/, "");
    expressions.push(`min(${t.name}) as first_${bare}_at`, `max(${t.name}) as last_${bare}_at`);
    typed.push({ name: `first_${bare}_at`, kind: "ts" }, { name: `last_${bare}_at`, kind: "ts" });
  }
  const ctes = [importCte(plural, ref(parent.name))];
  ctes.push(`aggregated as (\n    select\n${selectList(expressions)}\n    from ${plural}\n    group by ${key}\n)`);
  let select = "select * from aggregated";
  const refs = [parent.name];
  if (enrich) {
    refs.push(enrich.model.name);
    ctes.push(importCte("enrichment", ref(enrich.model.name)));
    select = `select\n    aggregated.*,\n    enrichment.${enrich.column.name}\nfrom aggregated\nleft join enrichment\n    on enrichment.${key} = aggregated.${key}`;
    typed.push(enrich.column);
  }
  const entity = entityOf(key);
  return model({
    name: `int_${plural}_by_${entity}_${index}`,
    layer: "intermediate",
    folder: `models/intermediate/${entity}s`,
    tags: ["intermediate"],
    materialized,
    refs,
    sources: [],
    typed,
    key,
    description: `One row per ${entity} with ${plural.replace(/_/g, " ")} in ${parent.name}: counts, sums and first/last times.`,
    sql: `{{ config(materialized='${materialized}') }}\n\n${withCtes(ctes, select)}`,
    grain: `for the ${entity}`,
  });
}

/** int_<entity>_activity_<n>: two models at the same grain side by side. */
export function combinedModel(
  a: GeneratedModel,
  b: GeneratedModel,
  index: number,
  materialized: "view" | "table",
): GeneratedModel {
  const key = a.key;
  const extra = b.typed.filter((c) => c.name !== key);
  const select = [
    "select",
    selectList(["a.*", ...extra.map((c) => `b.${c.name}`)], "    "),
    "from a",
    "left join b",
    `    on b.${key} = a.${key}`,
  ].join("\n");
  const entity = entityOf(key);
  return model({
    name: `int_${entity}_activity_${index}`,
    layer: "intermediate",
    folder: `models/intermediate/${entity}s`,
    tags: ["intermediate"],
    materialized,
    refs: [a.name, b.name],
    sources: [],
    typed: [...a.typed, ...extra],
    key,
    description: `One row per ${entity} of ${a.name}, with the columns of ${b.name} beside them (left join on ${key}).`,
    sql: `{{ config(materialized='${materialized}') }}\n\n${withCtes([importCte("a", ref(a.name)), importCte("b", ref(b.name))], select)}`,
    grain: `for the ${entity}`,
  });
}

// --- marts ---------------------------------------------------------------------------------------

/** The conformed customer dimension: CRM contacts merged with shop accounts, payments summed, segment derived. */
export function dimCustomers(crm: GeneratedModel, shop: GeneratedModel, payments: GeneratedModel): GeneratedModel {
  const merged = [
    "select",
    selectList(
      [
        "coalesce(crm.shop_customer_id, shop.customer_id) as customer_id",
        "coalesce(crm.full_name, shop.first_name || ' ' || shop.last_name) as customer_name",
        "coalesce(shop.email, crm.email) as email",
        "coalesce(shop.country_code, crm.country_code) as country_code",
        "shop.country_name",
      ],
      "        ",
    ),
    "    from shop_customers as shop",
    "    full outer join crm_customers as crm",
    "        on crm.shop_customer_id = shop.customer_id",
  ].join("\n");
  const final = [
    "select",
    selectList([
      "merged.customer_id",
      "merged.customer_name",
      "merged.email",
      "merged.country_code",
      "merged.country_name",
      "payments.first_order_at",
      "coalesce(payments.lifetime_value, 0) as lifetime_value",
      [
        "case",
        "            when coalesce(payments.lifetime_value, 0) >= 1000 then 'vip'",
        "            when coalesce(payments.lifetime_value, 0) >= 100 then 'regular'",
        "            else 'new'",
        "        end as segment",
      ].join("\n"),
    ]),
    "    from merged",
    "    left join payments",
    "        on payments.customer_id = merged.customer_id",
  ].join("\n");
  const sql = withCtes(
    [
      importCte("crm_customers", ref(crm.name)),
      importCte("shop_customers", ref(shop.name)),
      importCte("payments", ref(payments.name)),
      `-- One row per person: a CRM contact is matched to the shop account it links to; shop accounts\n-- without a contact and contacts who never bought are kept.\nmerged as (\n    ${merged}\n)`,
      `final as (\n    ${final}\n)`,
    ],
    "select * from final",
  );
  const typed: TypedColumn[] = [
    { name: "customer_id", kind: "key" },
    { name: "customer_name", kind: "text" },
    { name: "email", kind: "text" },
    { name: "country_code", kind: "text" },
    { name: "country_name", kind: "text" },
    { name: "first_order_at", kind: "ts" },
    { name: "lifetime_value", kind: "money" },
    { name: "segment", kind: "text" },
  ];
  return model({
    name: "dim_customers",
    layer: "marts",
    folder: "models/marts/core",
    tags: ["marts", "nightly", "pii"],
    materialized: "table",
    refs: [crm.name, shop.name, payments.name],
    sources: [],
    typed,
    key: "customer_id",
    description:
      "One row per customer: CRM contacts merged with shop accounts (full outer join on the shop account), their captured payments summed into lifetime_value, and the value segment derived from it. The conformed customer dimension every report joins to.",
    sql,
    grain: "of the customer",
  });
}

/** fct_<plural>_<n>: one row per event of a staging model, optionally with an aggregate at the event's grain. */
export function eventFact(
  event: GeneratedModel,
  index: number,
  incremental: boolean,
  enrich: GeneratedModel | undefined,
  flavor: SqlFlavor,
): GeneratedModel {
  const plural = event.name.split("__")[1] ?? event.name;
  const time = event.typed.find((c) => c.kind === "ts")!;
  const own = event.typed.filter((c) => c.kind !== "bool");
  const extra = enrich ? enrich.typed.filter((c) => c.name !== event.key) : [];
  const expressions = [
    ...own.map((c) => `events.${c.name}`),
    `${flavor.month(`events.${time.name}`)} as ${time.name.replace(/_at$/, "")}_month`,
  ];
  const typed: TypedColumn[] = [...own, { name: `${time.name.replace(/_at$/, "")}_month`, kind: "ts" }];
  for (const c of extra) {
    expressions.push(`details.${c.name}`);
    typed.push(c);
  }
  const ctes = [importCte("events", ref(event.name))];
  if (enrich) ctes.push(importCte("details", ref(enrich.name)));
  const join = enrich ? `\n    left join details\n        on details.${event.key} = events.${event.key}` : "";
  ctes.push(`final as (\n    select\n${selectList(expressions)}\n    from events${join}\n)`);
  const filter = incremental
    ? `\n{% if is_incremental() %}\nwhere ${time.name} > (select max(${time.name}) from {{ this }})\n{% endif %}`
    : "";
  const config = incremental ? `{{ config(materialized='incremental', unique_key='${event.key}') }}\n\n` : "";
  const entity = plural.replace(/s$/, "").replace(/_/g, " ");
  return model({
    name: `fct_${plural}_${index}`,
    layer: "marts",
    folder: `models/marts/${plural}`,
    tags: incremental ? ["marts", "nightly"] : ["marts"],
    materialized: incremental ? "incremental" : "table",
    refs: [event.name, ...(enrich ? [enrich.name] : [])],
    sources: [],
    typed,
    key: event.key,
    description: `One row per ${entity} from ${event.name}${enrich ? `, with ${enrich.name} at the same grain` : ""}.${incremental ? ` Incremental: new rows by ${time.name}.` : ""}`,
    sql: `${config}${withCtes(ctes, "select * from final")}`.replace(/\n$/, `${filter}\n`),
    incremental,
    grain: `of the ${entity}`,
  });
}

/** fct_customer_<topic>_<n>: customer-grain aggregates side by side. */
export function customerFact(parts: GeneratedModel[], index: number): GeneratedModel {
  const [first, ...rest] = parts;
  const typed: TypedColumn[] = [...first.typed];
  const expressions = first.typed.map((c) => `p0.${c.name}`);
  rest.forEach((p, i) => {
    for (const c of p.typed)
      if (!typed.some((t) => t.name === c.name)) {
        typed.push(c);
        expressions.push(`p${i + 1}.${c.name}`);
      }
  });
  const joins = rest
    .map((_, i) => `    left join p${i + 1}\n        on p${i + 1}.customer_id = p0.customer_id`)
    .join("\n");
  const ctes = parts.map((p, i) => importCte(`p${i}`, ref(p.name)));
  ctes.push(`final as (\n    select\n${selectList(expressions)}\n    from p0${joins ? `\n${joins}` : ""}\n)`);
  const topic = first.name
    .replace(/^int_/, "")
    .replace(/_by_customer_\d+$/, "")
    .replace(/^customer_/, "")
    .replace(/_\d+$/, "");
  return model({
    name: `fct_customer_${topic}_${index}`,
    layer: "marts",
    folder: "models/marts/customers",
    tags: ["marts"],
    refs: parts.map((p) => p.name),
    sources: [],
    typed,
    key: "customer_id",
    description: `One row per customer of ${first.name}, with ${rest.length ? rest.map((p) => p.name).join(" and ") : "nothing else"} joined on customer_id.`,
    sql: withCtes(ctes, "select * from final"),
    grain: "of the customer",
  });
}

// --- reporting -----------------------------------------------------------------------------------

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
