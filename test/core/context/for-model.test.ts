// A note as the model reads it in a pack (for-model.ts), one row per kind of Obsidian markup, and the
// full and compact sections other notes take (note-forms.ts).
import { noteForModel, noteSection } from "../../../src/core/context";

describe("noteForModel", () => {
  test.each([
    ["frontmatter goes", '---\ntype: plan\nmodels: ["[[a]]"]\n---\n# Plan\n', "# Plan"],
    ["a link becomes its name", "See [[dim_customers]].", "See dim_customers."],
    ["an alias wins", "See [[Copilot/Context/2026-01-22 0930 dim|the record]].", "See the record."],
    ["a heading link keeps its heading", "Read [[BOOTLOADER#Budget phases]].", "Read BOOTLOADER#Budget phases."],
    ["an embed becomes its name", "![[chart.png]]", "chart.png"],
    ["teaching comments go", "Keep.\n%% WHY: because %%\nAlso keep.", "Keep.\nAlso keep."],
    ["multi-line comments go", "A\n%%\nline 1\nline 2\n%%\nB", "A\nB"],
    ["a callout keeps its kind as a word", "> [!warning]- Careful\n> body", "> Warning: Careful\n> body"],
    ["highlights lose their marks", "This is ==important==.", "This is important."],
    ["block ids go", "A claim. ^claim-1", "A claim."],
    ["Mermaid goes", "Before\n\n```mermaid\nflowchart LR\n  a --> b\n```\n\nAfter", "Before\n\nAfter"],
    ["queries go", "```dataview\ntable file.name\n```\n```decp-loops\nstatus: open\n```\nText", "Text"],
    [
      "a section whose teaching comment was all it held goes",
      "## Question\n\nWhy?\n\n## Outcome\n\n%% WHY: filled when it closes %%\n",
      "## Question\n\nWhy?",
    ],
    [
      "an empty section before another goes; one with sub-sections or code stays",
      "# Loop\n\n## Empty\n\n## Parts\n\n### Part\n\nText\n\n## Code\n\n```sql\n# not a heading\n```",
      "# Loop\n\n## Parts\n\n### Part\n\nText\n\n## Code\n\n```sql\n# not a heading\n```",
    ],
    [
      "other code stays as written, links included",
      "```sql\nselect '[[not a link]]' as x -- %% not a comment %%\n```",
      "```sql\nselect '[[not a link]]' as x -- %% not a comment %%\n```",
    ],
  ])("%s", (_label, text, expected) => {
    expect(noteForModel(text)).toBe(expected);
  });
});

describe("noteSection", () => {
  const plan = "# Plan\n\nFirst.\n\nSecond.\n\nThird.\n\nFourth.\n\n## Risks\n\n- data loss\n\n## Timeline\n\nQ1.";

  test("full: the note under the pack's own heading, its headings nested below it", () => {
    expect(noteSection("Plan", "linked", plan, "full")).toBe(
      "## Plan (linked)\n\n### Plan\n\nFirst.\n\nSecond.\n\nThird.\n\nFourth.\n\n#### Risks\n\n- data loss\n\n#### Timeline\n\nQ1.\n",
    );
  });

  test("compact: the opening paragraphs and the titles of the sections", () => {
    expect(noteSection("Plan", "linked", plan, "compact")).toBe(
      "## Plan (linked)\n\n### Plan\n\nFirst.\n\nSecond.\n\nSections: Risks; Timeline\n",
    );
  });
});
