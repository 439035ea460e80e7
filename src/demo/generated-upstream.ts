// Templates of the generated project's lower layers: staging models over the raw tables, and the
// intermediate aggregates and joins the marts are built from.

import { columnMeaning, regionSuffix, type SourceTable } from "./generated-catalog";
import { importCte, ref, selectList, source, withCtes, type SqlFlavor } from "./generated-sql";
import { entityOf, model, type GeneratedModel, type GeneratedSource, type TypedColumn } from "./generated-models";

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
