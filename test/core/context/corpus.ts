// A fixture corpus for token counting: templates with teaching comments, model notes with SQL,
// unicode, emoji, CRLF, long lines, special-token look-alikes, JSON/CSV/YAML.

import { readFileSync } from "node:fs";
import { dbtFixturePath } from "../../fixtures/paths";

export function modelNote(name: string, upstream: string[], downstream: string[], extra = ""): string {
  const list = (xs: string[]) => (xs.length ? "\n" + xs.map((x) => `  - "[[${x}]]"`).join("\n") : " []");
  return `---
type: model
unique_id: model.acme.${name}
resource_type: model
materialized: table
tags: [finance]
upstream:${list(upstream)}
downstream:${list(downstream)}
---
# ${name}

%% decp:begin %%
## Description
The ${name} model aggregates orders by customer and day. ${extra}

## Columns
| column | description |
| --- | --- |
| order_id | Primary key of the order |
| customer_id | Who placed it |
| amount_cents | Order amount in cents, \`numeric(18,2)\` |

## SQL
\`\`\`sql
with orders as (
    select * from {{ ref('${upstream[0] ?? "raw_orders"}') }}
),
final as (
    select order_id, customer_id, sum(amount) * 100 as amount_cents
    from orders
    where status not in ('returned', 'return_pending')
    group by 1, 2
)
select * from final
\`\`\`
%% decp:end %%
`;
}

export function fixtureCorpus(): Record<string, string> {
  const longLine = "select " + Array.from({ length: 1500 }, (_, i) => `col_${i}`).join(", ") + " from wide_table";
  return {
    "Templates/Loop.md": `---\ntype: template\n---\n%% A loop is an open question. Keep it to one question. %%\n## Context\n{{context}}\n%%\nMulti-line teaching comment:\n- why loops matter\n%%\n## Question\n{{question}}\n`,
    "dbt/acme/models/marts/fct_orders.md": modelNote("fct_orders", ["stg_orders", "stg_payments"], ["rpt_revenue"]),
    "dbt/acme/models/staging/stg_orders.sql":
      "select\n    id as order_id,\n    user_id as customer_id,\n    order_date,\n    status\nfrom {{ source('jaffle_shop', 'orders') }}\n",
    "dbt/acme/dbt_project.yml":
      "name: acme\nversion: '1.0'\nprofile: acme\nmodels:\n  acme:\n    marts:\n      +materialized: table\n",
    "unicode.md":
      "Ünïcödé façade — naïve café, 日本語のテキスト, 中文文本, Ελληνικά, русский текст, עברית, العربية, हिन्दी. Combining: e\u0301 a\u0308. Zero-width: a\u200bb.\n",
    "emoji.md": "Status: ✅ done ❌ failed 🚧 wip 👩🏽‍💻 family 👨‍👩‍👧‍👦 flags 🇫🇷🇯🇵 keycap 1️⃣ 🫠🧪📊\n".repeat(20),
    "crlf.md":
      "---\r\ntype: loop\r\ntitle: CRLF note\r\n---\r\n## Context\r\nWindows line endings\r\n\r\n## Question\r\nDoes it count the same?\r\n",
    "long-line.sql": longLine,
    "special.txt": "Text that spells <|endoftext|> and <|fim_prefix|> and <|im_start|>system must count as text.",
    "whitespace.md": "   leading spaces\n\n\n\n\ttabs\t\there    and   runs      \n" + " ".repeat(300) + "\n",
    "data.json": JSON.stringify(
      {
        models: {
          "model.acme.fct_orders": { depends_on: ["model.acme.stg_orders"], columns: { id: { data_type: "int" } } },
        },
      },
      null,
      2,
    ),
    "data.csv": "order_id,customer_id,amount\n1,10,12.50\n2,11,99.99\n3,10,0.01\n",
    "empty.md": "",
    "numbers.md": "1234567890 3.14159 -42 1e10 0xFF 2026-01-21T14:30:00Z 4,873 tokens",
    "manifest_v7.json": readFileSync(dbtFixturePath("jaffle_shop_v7_dbt1.3.json"), "utf8"),
  };
}
