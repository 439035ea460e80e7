// The bundled library: every template teaches both the workflow mechanic and the data engineering
// pattern, declares its note kind, and renders into a valid note.
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { fixedClock } from "../../../src/core/ports";
import { isNoteKind } from "../../../src/core/protocol";
import { parseNote } from "../../../src/core/frontmatter";
import {
  BUNDLED_TEMPLATE_LIST,
  findComments,
  inspectTemplate,
  renderTemplate,
  settingsValues,
  stripTeachingComments,
} from "../../../src/core/templates";

const LABEL = /^%% (WHY \(workflow\)|DATA ENGINEERING|FILL):/;
const clock = fixedClock("2026-01-21T14:30:00Z");

function comments(text: string): string[] {
  return findComments(text).map((r) => text.slice(r.start, r.end));
}

describe.each(BUNDLED_TEMPLATE_LIST.map((t) => [t.name, t] as const))("template %s", (_name, template) => {
  test("explains both the workflow mechanic and the data engineering pattern", () => {
    const all = comments(template.text);
    expect(all.filter((c) => c.startsWith("%% WHY (workflow):")).length).toBeGreaterThanOrEqual(1);
    expect(all.filter((c) => c.startsWith("%% DATA ENGINEERING:")).length).toBeGreaterThanOrEqual(1);
  });

  test("every comment carries one of the documented labels, and no comment hides a variable", () => {
    for (const c of comments(template.text)) {
      expect(c).toMatch(LABEL);
      // Variables in comments are never filled in, so teaching text uses concrete names instead.
      expect(c).not.toMatch(/\{\{/);
    }
  });

  test("has valid frontmatter whose type is the kind the registry declares", () => {
    expect(template.text.startsWith("---\n")).toBe(true);
    const info = inspectTemplate(
      { name: template.name, file: template.file, text: template.text, bundled: true },
      DEFAULT_SETTINGS,
      clock,
    );
    expect(info.kind).toBe(template.kind);
    expect(isNoteKind(info.kind)).toBe(true);
  });

  test("its raw frontmatter is valid YAML too (Obsidian indexes the template file itself)", () => {
    // An unquoted `key: {{var}}` is a YAML map, which Obsidian's properties and Dataview show as garbage.
    const { frontmatter } = parseNote(template.text, template.file);
    for (const [key, value] of Object.entries(frontmatter)) {
      const scalars = Array.isArray(value) ? value : [value];
      for (const v of scalars) expect([key, typeof v]).not.toEqual([key, "object"]);
    }
  });

  test("renders with no unknown variables once title, model and ids are given", () => {
    const out = renderTemplate(template.text, {
      clock,
      zone: "UTC",
      title: "Invoice grain",
      model: "fct_invoices",
      session: "[[2026-01-21]]",
      ids: {
        LOOP: "LOOP-001",
        TASK: "TASK-001",
        HYPO: "HYPO-001",
        DECISION: "DECISION-001",
        CHECKPOINT: "CHECKPOINT-001",
      },
      values: settingsValues(DEFAULT_SETTINGS),
    });
    // Protocol notes document the variables literally; they are installed as they are, never rendered.
    if (template.install === "templates") expect(out.unknown).toEqual([]);
    expect(parseNote(out.text, template.file).frontmatter.type).toBe(template.kind);
  });

  test("stripping the teaching leaves the note's structure", () => {
    const stripped = stripTeachingComments(template.text);
    expect(stripped).not.toMatch(/%%/);
    expect(stripped.match(/^#{1,3} .*/gm)).toEqual(template.text.match(/^#{1,3} .*/gm));
    expect(stripped.length).toBeLessThan(template.text.length);
  });
});

test("the library has the protocol notes, the session artifacts and four task templates", () => {
  const names = BUNDLED_TEMPLATE_LIST.map((t) => t.name);
  expect(names).toEqual(
    expect.arrayContaining([
      "BOOTLOADER",
      "PROTOCOL_REFERENCE",
      "STATE",
      "LOOPS",
      "CONTEXT",
      "SUMMARY",
      "HANDOFF",
      "PR_NARRATIVE",
    ]),
  );
  expect(BUNDLED_TEMPLATE_LIST.filter((t) => t.kind === "template")).toHaveLength(4);
  expect(BUNDLED_TEMPLATE_LIST.filter((t) => t.install === "protocol").map((t) => t.name)).toEqual(
    expect.arrayContaining(["BOOTLOADER", "PROTOCOL_REFERENCE", "ONBOARDING"]),
  );
});

test("PROTOCOL_REFERENCE documents the comment convention every template follows", () => {
  const ref = BUNDLED_TEMPLATE_LIST.find((t) => t.name === "PROTOCOL_REFERENCE")!.text;
  for (const label of ["`WHY (workflow):`", "`DATA ENGINEERING:`", "`FILL:`"]) expect(ref).toContain(label);
});

test("LOOPS shows the <loop> interchange exactly as docs/ARCHITECTURE.md defines it", () => {
  const loops = BUNDLED_TEMPLATE_LIST.find((t) => t.name === "LOOPS")!.text;
  expect(loops).toContain(`<loop id="LOOP-NNN" status="open">
  <title>...</title>
  <context>...</context>
  <question>...</question>
  <model>fct_invoices</model>
  <captured>2026-01-21T14:30:00Z</captured>
</loop>`);
  expect(loops).toMatch(/proposed -> open -> clarifying -> closed/);
});

test("CONTEXT teaches the budget phases with the default thresholds and carries a <context_loaded> block", () => {
  const context = BUNDLED_TEMPLATE_LIST.find((t) => t.name === "CONTEXT")!.text;
  expect(context).toMatch(/comfortable < 20 %[\s\S]*deliberate < 40 %[\s\S]*warning < 50 %[\s\S]*stop >= 50 %/);
  expect(context).toMatch(/```xml\n<context_loaded>[\s\S]*<\/context_loaded>\n```/);
});

test("SUMMARY maps loop statuses onto GTD", () => {
  const summary = BUNDLED_TEMPLATE_LIST.find((t) => t.name === "SUMMARY")!.text;
  expect(summary).toContain("### Closed (achievements)");
  expect(summary).toContain("### Open (next actions)");
  expect(summary).toContain("### Clarifying (waiting for)");
});

test("HANDOFF is the daily note's Copilot handoff section with every part", () => {
  const body = stripTeachingComments(BUNDLED_TEMPLATE_LIST.find((t) => t.name === "HANDOFF")!.text);
  expect(body.match(/^#{2,3} .*/gm)).toEqual([
    "## Copilot handoff",
    "### Stopped at",
    "### Next action",
    "### Required reading",
    "### Open loops",
    "### Context record",
    "### Resume prompt",
  ]);
});

test("PR_NARRATIVE has problem, reasoning, proof, impact and follow-ups", () => {
  const body = BUNDLED_TEMPLATE_LIST.find((t) => t.name === "PR_NARRATIVE")!.text;
  expect(body.match(/^## .*/gm)).toEqual(["## Problem", "## Reasoning", "## Proof", "## Impact", "## Follow-ups"]);
});

test("PROTOCOL_REFERENCE defines the status block fields and both checkpoint kinds", () => {
  const ref = BUNDLED_TEMPLATE_LIST.find((t) => t.name === "PROTOCOL_REFERENCE")!.text;
  const block = /```decp-status\n([\s\S]*?)```/.exec(ref)![1];
  expect(
    block
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split(":")[0]),
  ).toEqual(["updated", "task", "loops", "budget", "checkpoint", "actions", "next"]);
  expect(ref).toContain("**Informational**");
  expect(ref).toContain("**Blocking**");
  expect(ref).toMatch(/never reused/i);
});
