// The protocol notes agree with the code: the phases BOOTLOADER states (and the resume pack hands the
// agent as plain text) are the settings' defaults, the session meter line the guide shows is the one
// the server writes, and PROTOCOL_REFERENCE's model card uses the labels renderModelCard writes.
import { BUNDLED_TEMPLATES, stripTeachingComments } from "../../../src/core/templates";
import { meterLine, renderModelCard } from "../../../src/core/context";
import type { ModelFacts } from "../../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";

const percent = (share: number) => `${Math.round(share * 100)} %`;

test("BOOTLOADER's budget phases are plain text an agent reads, at the default thresholds of the context window", () => {
  const readable = stripTeachingComments(BUNDLED_TEMPLATES.BOOTLOADER);
  const section = /## Budget phases\n([\s\S]*?)\n## /.exec(readable)![1];
  const { comfortable, deliberate, warning } = DEFAULT_SETTINGS.phases;
  expect(section).toContain(
    `(the \`contextWindow\` setting, ${DEFAULT_SETTINGS.contextWindow.toLocaleString("en-US")} tokens by default)`,
  );
  expect(section).toContain(`- comfortable, below ${percent(comfortable)}:`);
  expect(section).toContain(`- deliberate, ${percent(comfortable).replace(" %", "")} to ${percent(deliberate)}:`);
  expect(section).toContain(
    `- warning, ${percent(deliberate).replace(" %", "")} to ${percent(warning)}: finish the current step`,
  );
  expect(section).toContain(`- stop, ${percent(warning)} and above: write the handoff`);
});

test("the session meter line in ONBOARDING is the line the server writes", () => {
  const example = /`(Session: [^`]*?)`/.exec(BUNDLED_TEMPLATES.ONBOARDING.replace(/\n/g, " "))![1];
  const total = Number(/Session: ([\d,]+) tokens/.exec(example)![1].replace(/,/g, ""));
  expect(example).toBe(meterLine(total, DEFAULT_SETTINGS.contextWindow, DEFAULT_SETTINGS.phases));
});

test("the meter says what to do at warning and stop, and nothing more below", () => {
  const line = (total: number) => meterLine(total, 200_000, DEFAULT_SETTINGS.phases);
  expect(line(30_000)).toMatch(/\(comfortable\)\.$/);
  expect(line(60_000)).toMatch(/\(deliberate\)\.$/);
  expect(line(90_000)).toMatch(/\(warning\): finish the current step, .*write the handoff \(write_handoff\)\.$/);
  expect(line(120_000)).toMatch(
    /\(stop\): write the handoff now \(write_handoff\) and start a fresh session from it\.$/,
  );
});

test("PROTOCOL_REFERENCE's model card uses the labels a card carries", () => {
  const example = /## Model cards\n[\s\S]*?```text\n([\s\S]*?)```/.exec(BUNDLED_TEMPLATES.PROTOCOL_REFERENCE)![1];
  const facts: ModelFacts = {
    name: "dim_customers",
    resourceType: "model",
    materialized: "table",
    relation: "analytics.marts.dim_customers",
    path: "models/marts/core/dim_customers.sql",
    description: "One row per customer.",
    config: {},
    columns: [{ name: "customer_id", dataType: "", description: "Key." }],
    tests: [
      { name: "unique_dim_customers_customer_id", kind: "unique", column: "customer_id" },
      { name: "relationships_country", kind: "relationships", column: "country_code", detail: "country_codes.code" },
    ],
    upstream: ["stg_crm__customers"],
    downstream: ["rpt_a", "rpt_b"],
    exposures: [],
    macros: ["cents_to_dollars"],
    sql: { raw: "select 1" },
  };
  const card = renderModelCard({
    facts,
    title: "dim_customers",
    role: "focus",
    sql: "raw",
    loops: [{ id: "LOOP-003", status: "clarifying", title: "Lifetime value" }],
    children: { total: 2, named: [{ name: "rpt_a", group: "view", entry: "rpt_a" }] },
    macrosShown: ["cents_to_dollars"],
  });
  const label = (line: string) => /^([A-Z][\w ]*?)(?: \(|:)/.exec(line)?.[1];
  const labels = (text: string) => text.split("\n").map(label).filter(Boolean);
  expect(labels(example)).toEqual(labels(card));
  expect(example).toContain("## dim_customers (focus)\n\nmodel · table · analytics.marts.dim_customers · models/");
});
