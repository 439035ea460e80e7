// Hand-written samples of each dialect's idioms in dbt-compiled SQL (QUALIFY, EXCLUDE / EXCEPT,
// STRUCT, UNNEST, FLATTEN, DISTINCT ON, FILTER, ASOF JOIN, casts, JSON paths): what the generated
// project does not exercise. Parse rate only; bench/src/sql-parsers.ts runs them.

import type { GeneratedDialect } from "../../src/demo/generated-sql";

export const DIALECT_SAMPLES: Record<GeneratedDialect, string[]> = {
  snowflake: [
    `with source as (select * from analytics.raw_crm.customers),
renamed as (select id as customer_id, trim(name) as customer_name, lower(email) as email, country::varchar(2) as country_code, created_at::timestamp_ntz as created_at, _loaded_at from source
 qualify row_number() over (partition by id order by _loaded_at desc) = 1)
select * from renamed`,
    `select o.order_id, o.customer_id, iff(o.status = 'returned', true, false) as is_returned, try_cast(o.amount as number(18,2)) as amount, date_trunc('month', o.ordered_at) as order_month
from analytics.staging.stg_shop__orders as o
left join analytics.staging.stg_payments__payments p on p.order_id = o.order_id
where o.ordered_at >= dateadd(day, -30, current_date())`,
    `select payload:customer.id::string as customer_id, f.value:sku::string as sku from analytics.raw_shop.events, lateral flatten(input => payload:items) f`,
    `with c as (select * from ANALYTICS.MARTS.DIM_CUSTOMERS) select segment, count(*) as customers, sum(lifetime_value) as ltv from c group by all`,
    `select customer_id, listagg(distinct segment, ',') within group (order by segment) as segments, zeroifnull(sum(amount)) as total from analytics.marts.fct_orders group by 1 having count(*) > 1`,
    `select * exclude (email) from analytics.marts.dim_customers where email ilike '%@example.com'`,
  ],
  bigquery: [
    `with source as (select * from \`acme-prod\`.\`raw_crm\`.\`customers\`)
select id as customer_id, safe_cast(created_at as timestamp) as created_at, date_trunc(date(created_at), month) as cohort_month from source
qualify row_number() over (partition by id order by _loaded_at desc) = 1`,
    `select o.order_id, if(o.status = 'returned', true, false) as is_returned, struct(o.amount as amount, o.currency as currency) as money, array_agg(p.payment_id ignore nulls) as payment_ids
from \`acme-prod\`.\`staging\`.\`stg_shop__orders\` as o left join \`acme-prod\`.\`staging\`.\`stg_payments__payments\` p using (order_id) group by 1, 2, 3`,
    `select e.event_id, item.sku, item.quantity from \`acme-prod\`.raw_shop.events e, unnest(e.items) as item`,
    `select * except (email, phone) replace (upper(country_code) as country_code) from \`acme-prod\`.\`marts\`.\`dim_customers\``,
    `select customer_id, timestamp_diff(max(ordered_at), min(ordered_at), day) as active_days, countif(status = 'completed') as completed from \`acme-prod\`.marts.fct_orders group by customer_id`,
    `select format_date('%Y-%m', order_date) as month, sum(amount) as revenue from \`acme-prod\`.marts.fct_orders where order_date between date_sub(current_date(), interval 90 day) and current_date() group by month`,
  ],
  postgres: [
    `with source as (select * from "analytics"."raw_crm"."customers")
select distinct on (id) id as customer_id, name::text as customer_name, created_at::date as created_on from source order by id, _loaded_at desc`,
    `select o.order_id, date_trunc('month', o.ordered_at)::date as order_month, coalesce(sum(p.amount) filter (where p.status = 'success'), 0) as paid
from "analytics"."staging"."stg_shop__orders" o left join "analytics"."staging"."stg_payments__payments" p on p.order_id = o.order_id group by 1, 2`,
    `select customer_id, ordered_at - lag(ordered_at) over (partition by customer_id order by ordered_at) as gap, ordered_at + interval '30 days' as due from "analytics"."marts"."fct_orders"`,
    `select c.customer_id, c.segment, string_agg(o.order_id::text, ',' order by o.ordered_at) as orders from "analytics"."marts"."dim_customers" c join "analytics"."marts"."fct_orders" o on o.customer_id = c.customer_id group by c.customer_id, c.segment`,
    `select * from "analytics"."marts"."dim_customers" where email ~* '@example\\.com$' and segment = any(array['vip', 'loyal'])`,
    `select (payload->>'customer_id')::int as customer_id, payload->'items' as items from "analytics"."raw_shop"."events"`,
  ],
  duckdb: [
    `with source as (select * from "analytics"."raw_crm"."customers")
select id as customer_id, name as customer_name, created_at::timestamp as created_at from source qualify row_number() over (partition by id order by _loaded_at desc) = 1`,
    `select * exclude (email) from "analytics"."main"."dim_customers"`,
    `select customer_id, list(order_id order by ordered_at) as order_ids, sum(amount) as total from "analytics"."main"."fct_orders" group by all`,
    `select o.order_id, strftime(o.ordered_at, '%Y-%m') as order_month, try_cast(o.amount as decimal(18,2)) as amount, struct_pack(a := o.amount, c := o.currency) as money from "analytics"."main"."stg_shop__orders" o`,
    `select date_trunc('month', ordered_at) as month, count(distinct customer_id) filter (where status = 'completed') as buyers from "analytics"."main"."fct_orders" group by 1`,
    `select c.customer_id, c.segment, o.order_id from "analytics"."main"."dim_customers" c asof join "analytics"."main"."fct_orders" o on c.customer_id = o.customer_id and c.updated_at >= o.ordered_at`,
  ],
};
