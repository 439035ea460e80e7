// parseNote splits a note opening with "---\n" itself (gray-matter copies every text into a Buffer):
// on any such text, the block handed to the YAML reader and the body must be gray-matter's own.

import fc from "fast-check";
import matter from "gray-matter";
import { parseNote, splitNoteFast } from "../../src/core/frontmatter";

// The block as each splitter hands it to the YAML engine, so the comparison does not depend on YAML.
const raw = { yaml: { parse: (block: string): object => ({ block }) } };

const line = fc.oneof(
  fc.constantFrom("---", "----", "--- ", "---x", "-- -", "", " ", "\r", "# comment", "  # indented", "a: 1", "b: [x]"),
  fc.string({ maxLength: 8 }),
);
const noteText = fc
  .tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
  .map(([lines, eol, trailing]) => "---\n" + lines.join(eol) + (trailing ? eol : ""));

test("the split of a note opening with ---\\n is gray-matter's: the same block, the same body", () => {
  fc.assert(
    fc.property(noteText, (text) => {
      const ours = splitNoteFast(text, raw.yaml.parse);
      const theirs = matter(text, { engines: raw });
      expect(ours).not.toBeNull();
      // The same block to the YAML reader (gray-matter leaves a block of comments alone unparsed: {}).
      expect(ours!.data).toEqual(theirs.data);
      expect(ours!.content).toBe(theirs.content);
    }),
    { numRuns: 3000 },
  );
});

test("parseNote gives the same frontmatter and body through the split as through gray-matter", () => {
  const texts = [
    "---\ntype: model\nname: orders\n---\n# Orders\n",
    '---\ntitle: "Grain: one row"\ntags:\n  - a\n---\r\nBody\n',
    "---\n# only a comment\n---\nBody",
    "---\na: 1\n",
    "---\na: 1\n----\nstill yaml?\n---\nbody",
    "---\n---\n",
  ];
  for (const text of texts) {
    const theirs = matter(text, {
      engines: { yaml: { parse: (b: string) => parseNote(`---\n${b}\n---\n`).frontmatter } },
    });
    const ours = parseNote(text);
    expect(ours.body).toBe(theirs.content);
  }
  expect(parseNote("---\ntype: model\nname: orders\n---\n# Orders\n")).toEqual({
    frontmatter: { type: "model", name: "orders" },
    body: "# Orders\n",
    hasFrontmatter: true,
  });
});
