// Deterministic Markdown/SQL notes for the tokenizer and tally benchmarks: frontmatter, headings,
// prose, lists, wikilinks, tables, SQL fences, some non-ASCII. Same size and seed, same bytes.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { random } from "../../src/demo/random";

const WORDS = (
  "the grain of this model is one row per order line and the join to customers fans out when a customer has two " +
  "addresses so we dedupe upstream before aggregating revenue by day incremental loads use updated_at with a three " +
  "day lookback because late arriving payments land in the raw schema hours after the order snapshot test failed on " +
  "null customer_id values from the legacy import which we now filter in staging copilot suggested a window function " +
  "but the warehouse charges per scanned byte so a pre-aggregated mart is cheaper ask finance whether refunds count " +
  "against the original booking date or the refund date"
).split(" ");
const ACCENTED = [
  "café",
  "naïve",
  "Zürich",
  "São Paulo",
  "façade",
  "Øresund",
  "東京",
  "données",
  "straße",
  "🚀",
  "✅",
  "—",
];
const SQL_TABLES = ["orders", "customers", "payments", "invoices", "refunds", "sessions", "products", "subscriptions"];

export interface NoteSet {
  /** vault path -> text, sorted by path */
  notes: Map<string, string>;
  bytes: number;
}

/** `count` notes of about 2 KB each (so 10,000 notes is about 20 MB), spread over 100 folders. */
export function generateNotes(count: number, seed = 7): NoteSet {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const words = (n: number): string => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(rand() < 0.03 ? pick(ACCENTED) : pick(WORDS));
    return out.join(" ");
  };
  const sentence = (): string => {
    const s = words(8 + Math.floor(rand() * 14));
    return s[0].toUpperCase() + s.slice(1) + ".";
  };
  const pathOf = (i: number): string =>
    `Notes/area-${String(i % 100).padStart(2, "0")}/note-${String(i).padStart(5, "0")}.md`;
  const notes = new Map<string, string>();
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    parts.push(
      `---\ntype: note\ncreated: 2026-01-${String(1 + (i % 28)).padStart(2, "0")}\ntags: [${pick(SQL_TABLES)}, ${pick(["finance", "ops", "growth"])}]\n---\n`,
    );
    parts.push(`# Note ${i}: ${words(4)}\n\n`);
    const sections = 3 + Math.floor(rand() * 3);
    for (let s = 0; s < sections; s++) {
      parts.push(`## ${words(3)}\n\n`);
      parts.push(
        `${sentence()} ${sentence()} ${sentence()} See [[note-${String(Math.floor(rand() * count)).padStart(5, "0")}]].\n\n`,
      );
      const shape = rand();
      if (shape < 0.35) {
        const table = pick(SQL_TABLES);
        parts.push(
          "```sql\n",
          `select ${table}.id, sum(amount) as total_${table}\nfrom {{ ref('stg_${table}') }} as ${table}\nleft join {{ ref('dim_customers') }} c on c.customer_id = ${table}.customer_id\nwhere updated_at > dateadd(day, -${1 + Math.floor(rand() * 7)}, current_date)\ngroup by 1\n`,
          "```\n\n",
        );
      } else if (shape < 0.6) {
        for (let k = 0; k < 3; k++) parts.push(`- [${rand() < 0.5 ? " " : "x"}] ${words(6)}\n`);
        parts.push("\n");
      } else if (shape < 0.75) {
        parts.push("| column | type | note |\n| --- | --- | --- |\n");
        for (let k = 0; k < 3; k++) parts.push(`| ${pick(SQL_TABLES)}_id | bigint | ${words(4)} |\n`);
        parts.push("\n");
      } else parts.push(`> ${sentence()} %% ${words(5)} %%\n\n`);
    }
    const text = parts.join("");
    notes.set(pathOf(i), text);
    bytes += Buffer.byteLength(text);
  }
  return { notes: new Map([...notes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), bytes };
}

export function writeNotes(root: string, notes: Map<string, string>): void {
  const made = new Set<string>();
  for (const [path, text] of notes) {
    const full = join(root, path);
    const dir = dirname(full);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(full, text);
  }
}
