// Column reads of one statement, construct by construct: a row per case, the expectation beside the SQL.
import { loadSqlParser, type SqlDialect } from "../../../src/core/dbt/sql-parser";
import { analyseStatement, type RelationResolver } from "../../../src/core/dbt/sql-columns";

// Parents: orders (known columns), customers (known), events (columns unknown).
const PARENTS: Record<string, string[] | undefined> = {
  orders: ["order_id", "customer_id", "amount", "status", "ordered_at"],
  customers: ["customer_id", "name", "segment", "email"],
  events: undefined,
};

const resolver: RelationResolver = {
  parentOf: (parts) => (parts[parts.length - 1] in PARENTS ? parts[parts.length - 1] : undefined),
  columnsOf: (parent) => PARENTS[parent],
};

async function reads(sql: string, dialect: SqlDialect = "duckdb"): Promise<string[] | string> {
  const parsed = (await loadSqlParser()).parse(sql, dialect);
  if (!parsed.ok) return `parse error: ${parsed.error}`;
  const analysis = analyseStatement(parsed.statements, resolver);
  if (!analysis.ok) return `unknown: ${analysis.reason}`;
  const out = [...analysis.reads].flatMap(([parent, columns]) => [...columns].map((c) => `${parent}.${c}`)).sort();
  return [...out, ...analysis.missing.map((m) => `missing ${m}`)];
}

const CASES: [name: string, sql: string, expected: string[], dialect: SqlDialect][] = [
  ["plain columns", "select order_id, amount from orders", ["orders.amount", "orders.order_id"], "duckdb"],
  [
    "alias and where",
    "select o.order_id from analytics.main.orders o where o.status = 'paid'",
    ["orders.order_id", "orders.status"],
    "duckdb",
  ],
  [
    "an import CTE with select * reads only what is asked of it",
    "with o as (select * from orders) select o.customer_id, sum(o.amount) as total from o group by 1",
    ["orders.amount", "orders.customer_id"],
    "duckdb",
  ],
  [
    "final select * reads every column it passes on",
    "with c as (select * from customers) select * from c",
    ["customers.customer_id", "customers.email", "customers.name", "customers.segment"],
    "duckdb",
  ],
  ["select * from a parent whose columns are unknown", "select * from events", ["events.*"], "duckdb"],
  [
    "select * exclude / except drops columns",
    "select * exclude (email) from customers",
    ["customers.customer_id", "customers.name", "customers.segment"],
    "duckdb",
  ],
  [
    "join: unqualified columns go to the relation that has them",
    "select order_id, segment from orders join customers using (customer_id)",
    ["customers.customer_id", "customers.segment", "orders.customer_id", "orders.order_id"],
    "duckdb",
  ],
  [
    "a scalar subquery and EXISTS",
    "select c.customer_id, (select max(o.amount) from orders o where o.customer_id = c.customer_id) as top from customers c where exists (select 1 from orders where status = 'x')",
    ["customers.customer_id", "orders.amount", "orders.customer_id", "orders.status"],
    "duckdb",
  ],
  [
    "a derived table",
    "select t.total from (select customer_id, sum(amount) as total from orders group by 1) t",
    ["orders.amount", "orders.customer_id"],
    "duckdb",
  ],
  [
    "union all reads both branches",
    "select customer_id from orders union all select customer_id from customers",
    ["customers.customer_id", "orders.customer_id"],
    "duckdb",
  ],
  [
    "QUALIFY and window functions",
    "select customer_id from orders qualify row_number() over (partition by customer_id order by ordered_at desc) = 1",
    ["orders.customer_id", "orders.ordered_at"],
    "duckdb",
  ],
  [
    "date parts are keywords, not columns",
    "select date_trunc(ordered_at, month) as m from orders",
    ["orders.ordered_at"],
    "bigquery",
  ],
  ["Snowflake dateadd", "select dateadd(day, -1, ordered_at) as d from orders", ["orders.ordered_at"], "snowflake"],
  [
    "a select alias in GROUP BY is not a column",
    "select status as s, count(*) as n from orders group by s",
    ["orders.status"],
    "duckdb",
  ],
  [
    "lambda parameters are not columns",
    "select list_transform([1], x -> x + amount) as l from orders",
    ["orders.amount"],
    "duckdb",
  ],
  [
    "a column no parent has is reported",
    "select order_id, discount from orders",
    ["orders.order_id", "missing discount"],
    "duckdb",
  ],
  ["an unknown relation's columns are not guessed", "select e.payload from events e", ["events.payload"], "duckdb"],
  [
    "a struct field read through its column",
    "select e.payload.customer_id as c from events e",
    ["events.payload"],
    "duckdb",
  ],
];

describe("column reads of one statement", () => {
  // Every row names its dialect: a missing last argument would make jest pass `done` in its place.
  test.each(CASES)("%s", async (_name, sql, expected, dialect) => {
    expect(await reads(sql, dialect)).toEqual(expected);
  });

  test.each([
    [
      "a column two relations of unknown shape could provide",
      "select payload from events join events as e2 on true",
      /could come from/,
    ],
    ["a statement that is not one SELECT", "select 1; select 2", /not one SELECT/],
  ])("never guesses: %s", async (_name, sql, reason) => {
    expect(await reads(sql, "duckdb")).toMatch(reason);
  });

  test("unparseable SQL says why", async () => {
    const parsed = (await loadSqlParser()).parse("select from where", "duckdb");
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain("Expected");
  });
});
