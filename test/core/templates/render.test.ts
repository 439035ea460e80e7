import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import { fixedClock } from "../../../src/core/ports";
import {
  idTypesIn,
  renderTemplate,
  resolveTemplateIds,
  usesVariable,
  type TemplateVars,
} from "../../../src/core/templates";

const base: TemplateVars = {
  clock: fixedClock("2026-01-21T14:30:05Z"),
  zone: "UTC",
  locale: "en-US",
  title: "Invoice grain",
  model: "fct_invoices",
  session: "[[2026-01-21]]",
};

describe("renderTemplate", () => {
  test.each([
    ["date", "{{date}}", "2026-01-21"],
    ["time", "{{time}}", "14:30"],
    ["datetime", "{{datetime}}", "2026-01-21T14:30:05Z"],
    ["date with a luxon format", "{{date:yyyy-LL-dd HH:mm}}", "2026-01-21 14:30"],
    ["date with a weekday format", "{{date:cccc}}", "Wednesday"],
    ["time with a format", "{{time:HH:mm:ss}}", "14:30:05"],
    ["title", "# {{title}}", "# Invoice grain"],
    ["model", "[[{{model}}]]", "[[fct_invoices]]"],
    ["session", 'session: "{{session}}"', 'session: "[[2026-01-21]]"'],
    ["spaces inside braces", "{{ title }}", "Invoice grain"],
    ["extra value", "{{project}}", "acme"],
    ["next id", "id: {{next_id:LOOP}}", "id: LOOP-008"],
    ["next id, lower-case type", "{{next_id:decision}}", "DECISION-002"],
    ["variables inside code fences are still variables", "```sql\n-- {{model}}\n```", "```sql\n-- fct_invoices\n```"],
    [
      "dbt Jinja globals are not template variables",
      "from {{ this }} where {{ target.name }}",
      "from {{ this }} where {{ target.name }}",
    ],
    [
      "variables inside %% comments stay as written",
      "%% {{title}} becomes the title %% {{title}}",
      "%% {{title}} becomes the title %% Invoice grain",
    ],
  ])("%s", (_name, template, expected) => {
    const out = renderTemplate(template, {
      ...base,
      values: { project: "acme" },
      ids: { LOOP: "LOOP-008", DECISION: "DECISION-002" },
    });
    expect(out).toEqual({ text: expected, unknown: [] });
  });

  test.each([
    ["unknown name", "a {{nope}} b", "a {{nope}} b", ["{{nope}}"]],
    ["reported once", "{{nope}} {{nope}}", "{{nope}} {{nope}}", ["{{nope}}"]],
    ["next id without a resolved id", "{{next_id:TASK}}", "{{next_id:TASK}}", ["{{next_id:TASK}}"]],
    ["next id of an unknown type", "{{next_id:BUG}}", "{{next_id:BUG}}", ["{{next_id:BUG}}"]],
    ["empty date format", "{{date:}}", "{{date:}}", ["{{date:}}"]],
    ["title with an argument", "{{title:x}}", "{{title:x}}", ["{{title:x}}"]],
  ])("%s is left visible and reported", (_name, template, text, unknown) => {
    expect(renderTemplate(template, base)).toEqual({ text, unknown });
  });

  test("a missing title is reported, not blanked", () => {
    expect(renderTemplate("# {{title}}", { clock: base.clock })).toEqual({
      text: "# {{title}}",
      unknown: ["{{title}}"],
    });
  });

  test("idTypesIn and usesVariable ignore comments", () => {
    const t = "%% {{next_id:TASK}} {{title}} %%\n{{next_id:LOOP}} {{next_id:loop}} {{next_id:HYPO}}";
    expect(idTypesIn(t)).toEqual(["LOOP", "HYPO"]);
    expect(usesVariable(t, "title")).toBe(false);
    expect(usesVariable("{{ title }}", "title")).toBe(true);
  });
});

describe("resolveTemplateIds", () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), "decp-tpl-ids-"))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("peek does not issue; issue raises the register so the id is never handed out again", async () => {
    const vault = new FsVault(root);
    await vault.write("Copilot/Loops/LOOP-003 Grain.md", "x");
    const text = "{{next_id:LOOP}}";
    expect(await resolveTemplateIds(text, vault, "Copilot/Protocol", "peek")).toEqual({ LOOP: "LOOP-004" });
    expect(await resolveTemplateIds(text, vault, "Copilot/Protocol", "peek")).toEqual({ LOOP: "LOOP-004" });
    expect(await resolveTemplateIds(text, vault, "Copilot/Protocol", "issue")).toEqual({ LOOP: "LOOP-004" });
    expect(await resolveTemplateIds(text, vault, "Copilot/Protocol", "peek")).toEqual({ LOOP: "LOOP-005" });
  });
});
