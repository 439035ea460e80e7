import { scanSql, type JinjaCall } from "../../../src/core/dbt/sql-refs";

const ref = (name: string, extra: { package?: string; version?: string } = {}, line = 1): JinjaCall => ({
  kind: "ref",
  name,
  ...extra,
  line,
});
const source = (sourceName: string, table: string, line = 1): JinjaCall => ({
  kind: "source",
  sourceName,
  table,
  line,
});
const dynamic = (call: string, line = 1): JinjaCall => ({ kind: "dynamic", call, line });

const cases: [string, string, JinjaCall[]][] = [
  ["single quotes", "select * from {{ ref('stg_orders') }}", [ref("stg_orders")]],
  ["double quotes, no spacing", 'select * from {{ref("stg_orders")}}', [ref("stg_orders")]],
  ["wide spacing", "{{   ref (  'a'  )   }}", [ref("a")]],
  ["package and model", "{{ ref('pkg', 'm') }}", [ref("m", { package: "pkg" })]],
  ["version as v=", "{{ ref('dim', v=2) }}", [ref("dim", { version: "2" })]],
  ["version as version=", "{{ ref('dim', version='3') }}", [ref("dim", { version: "3" })]],
  ["package, model and version", '{{ ref("pkg", "dim", v=1) }}', [ref("dim", { package: "pkg", version: "1" })]],
  ["source", "from {{ source('raw', 'orders') }}", [source("raw", "orders")]],
  ["source with mixed quotes and spacing", "{{source( \"raw\" ,'orders' )}}", [source("raw", "orders")]],
  [
    "several calls, lines counted",
    "select 1\nfrom {{ ref('a') }}\njoin {{ ref('b') }}\njoin {{ source('s','t') }}",
    [ref("a", {}, 2), ref("b", {}, 3), source("s", "t", 4)],
  ],
  [
    "a ref in a Jinja comment is ignored",
    "{# {{ ref('old') }} #}\nselect * from {{ ref('new') }}",
    [ref("new", {}, 2)],
  ],
  ["a multi-line Jinja comment is ignored", "{#\n ref('old')\n#}\n{{ ref('new') }}", [ref("new", {}, 4)]],
  ["a ref in a -- SQL comment still counts (Jinja renders it)", "-- {{ ref('legacy') }}\nselect 1", [ref("legacy")]],
  ["a ref in a /* */ SQL comment still counts", "/* {{ ref('legacy') }} */ select 1", [ref("legacy")]],
  ["ref() outside Jinja is plain SQL text", "select 'ref(x)' as ref_text, ref('y') from t", []],
  ["refs inside a {% %} block", "{% set rel = ref('a') %}\nselect * from {{ rel }}", [ref("a")]],
  ["ref built from var()", "select * from {{ ref(var('model_name')) }}", [dynamic("ref(var('model_name'))")]],
  ["ref of a variable", "{% for m in models %}{{ ref(m) }}{% endfor %}", [dynamic("ref(m)")]],
  ["ref built by concatenation", "{{ ref('stg_' ~ system) }}", [dynamic("ref('stg_' ~ system)")]],
  ["source with a variable table", "{{ source('raw', table_name) }}", [dynamic("source('raw', table_name)")]],
  ["adapter.ref-like methods are not refs", "{{ adapter.ref('x') }}", []],
];

describe("scanSql finds refs and sources as dbt does", () => {
  test.each(cases)("%s", (_label, sql, expected) => {
    expect(scanSql(sql).calls).toEqual(expected);
  });

  test("reads literal config() materialization and tags, and snapshot names", () => {
    const scanned = scanSql(
      "{{ config(materialized='incremental', tags=['nightly', \"finance\"], unique_key='id') }}\nselect 1",
    );
    expect(scanned.materialized).toBe("incremental");
    expect(scanned.tags).toEqual(["nightly", "finance"]);
    expect(scanSql("{% snapshot orders_snapshot %}\nselect 1\n{% endsnapshot %}").snapshotName).toBe("orders_snapshot");
  });
});
