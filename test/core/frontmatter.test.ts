import { parseNote, stringifyNote } from "../../src/core/frontmatter";

describe("frontmatter", () => {
  test("keeps timestamps and wikilinks as the user typed them", () => {
    const text =
      '---\nid: LOOP-007\ncaptured: 2026-01-21T14:30:00Z\nday: 2026-01-21\nmodels: ["[[fct_invoices]]"]\n---\n## Context\n';
    const note = parseNote(text);
    expect(note.frontmatter).toEqual({
      id: "LOOP-007",
      captured: "2026-01-21T14:30:00Z",
      day: "2026-01-21",
      models: ["[[fct_invoices]]"],
    });
    expect(note.body).toBe("## Context\n");
    expect(parseNote(stringifyNote(note.frontmatter, note.body))).toEqual(note);
  });

  test("a note without frontmatter is all body", () => {
    expect(parseNote("# Title\n")).toEqual({ frontmatter: {}, body: "# Title\n", hasFrontmatter: false });
  });

  test("broken YAML names the file and the line in the note", () => {
    const text = "---\nid: LOOP-1\ntitle: [unclosed\n---\nbody";
    expect(() => parseNote(text, "Copilot/Loops/x.md")).toThrow(/Malformed frontmatter/);
    try {
      parseNote(text, "Copilot/Loops/x.md");
    } catch (error) {
      const where = (error as { where: { file: string; line: number } }).where;
      expect(where.file).toBe("Copilot/Loops/x.md");
      expect(where.line).toBeGreaterThanOrEqual(3);
    }
  });

  test("the reported line is the note line holding the bad YAML", () => {
    const error = (() => {
      try {
        parseNote("---\ntype: loop\ntitle: a: b\nstatus: open\n---\n", "x.md");
      } catch (e) {
        return e as { where: { line: number } };
      }
    })();
    expect(error?.where.line).toBe(3);
  });

  test("duplicate keys are an error, not a silent overwrite", () => {
    expect(() => parseNote("---\na: 1\na: 2\n---\n")).toThrow(/Malformed frontmatter/);
  });
});
