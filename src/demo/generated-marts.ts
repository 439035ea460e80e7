// Templates of the generated project's marts: the conformed customer dimension (the demo's wide
// dimension) and the facts beside it.

import { importCte, ref, selectList, withCtes, type SqlFlavor } from "./generated-sql";
import { model, type GeneratedModel, type TypedColumn } from "./generated-models";

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
