// patchFrontmatter and editFrontmatter: keys set and removed in place, everything else (other keys,
// comments, the body) kept as the user wrote it.

import fc from "fast-check";
import { UserError } from "../../src/core/errors";
import { editFrontmatter, parseNote, patchFrontmatter, stringifyNote } from "../../src/core/frontmatter";
import { frontmatterData, yamlKey } from "./yaml-arbitraries";

const note = `---
# Reviewed with Ana
id: LOOP-001
status: proposed   # waiting on the standup
tags: [a, b]
models:
  - "[[fct_orders]]" # the one that matters
note: |
  two lines
  of block text
---
Body stays.
`;

describe("patchFrontmatter", () => {
  test.each([
    ["sets an existing key in place, keeping its comment", { status: "open" }, "status: open # waiting on the standup"],
    ["adds a key at the end", { closed: "2026-01-22T09:00:00Z" }, "of block text\nclosed: 2026-01-22T09:00:00Z\n---"],
    // yaml's Document API keeps comments; it writes one space before them.
    ["removes a key", { tags: undefined }, "status: proposed # waiting on the standup\nmodels:"],
    [
      "keeps the comment of a list item that stays",
      { models: ["[[fct_orders]]", "[[stg_orders]]"] },
      '  - "[[fct_orders]]" # the one that matters\n  - "[[stg_orders]]"',
    ],
  ])("%s", (_name, patch, expected) => {
    const patched = patchFrontmatter(note, patch);
    expect(patched).toContain(expected);
    expect(patched).toContain("# Reviewed with Ana\n");
    expect(patched.endsWith("---\nBody stays.\n")).toBe(true);
  });

  test("a patch that changes nothing returns the text untouched", () => {
    expect(patchFrontmatter(note, { status: "proposed", tags: ["a", "b"], gone: undefined })).toBe(note);
  });

  test("a note without frontmatter gets a block", () => {
    expect(patchFrontmatter("Just text\n", { type: "loop" })).toBe("---\ntype: loop\n---\nJust text\n");
  });

  test("broken YAML is a UserError with the note's line", () => {
    let error: unknown;
    try {
      patchFrontmatter("---\n# c\nkey: [open\n---\n", { key: 1 }, "x.md");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).where).toEqual({ file: "x.md", line: 4, column: 1 });
  });

  test("property: the parsed result is the data patched, and comment lines all survive", () => {
    fc.assert(
      fc.property(
        frontmatterData,
        fc.dictionary(
          yamlKey,
          fc.oneof(fc.constant(undefined), fc.string(), fc.array(fc.integer(), { maxLength: 3 })),
          {
            maxKeys: 4,
          },
        ),
        (data, patch) => {
          const plain = stringifyNote(data, "body\n");
          const commented = plain.replace(/^---\n/, "---\n# kept comment\n");
          for (const text of [plain, commented]) {
            const patched = patchFrontmatter(text, patch);
            const expected: Record<string, unknown> = { ...data };
            for (const [key, value] of Object.entries(patch)) {
              if (value === undefined) delete expected[key];
              else expected[key] = value;
            }
            expect(parseNote(patched).frontmatter).toEqual(expected);
            expect(patched.endsWith("body\n")).toBe(true);
            if (text !== plain && Object.keys(expected).length > 0) expect(patched).toContain("# kept comment");
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

test("editFrontmatter (every processFrontMatter in the CLI) writes back only the keys the edit changed", () => {
  const edited = editFrontmatter(note, (fm) => {
    fm.status = "open";
    delete fm.note;
  });
  expect(edited).toContain("# Reviewed with Ana\nid: LOOP-001\nstatus: open # waiting on the standup\n");
  expect(edited).toContain('"[[fct_orders]]" # the one that matters');
  expect(edited).not.toContain("block text");
  expect(editFrontmatter(note, () => undefined)).toBe(note);
});
