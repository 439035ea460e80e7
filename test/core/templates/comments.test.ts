import fc from "fast-check";
import { findComments, stripTeachingComments } from "../../../src/core/templates";

describe("stripTeachingComments", () => {
  test.each([
    ["inline comment", "a %%note%% b", "a  b"],
    ["two inline comments", "%%x%%a%%y%%b", "ab"],
    ["whole-line comment takes its line", "one\n%% teach %%\ntwo\n", "one\ntwo\n"],
    ["multi-line comment", "one\n%% WHY (workflow): line 1\nline 2 %%\ntwo\n", "one\ntwo\n"],
    ["comment between blank lines leaves one gap", "one\n\n%% teach\nmore %%\n\ntwo\n", "one\n\ntwo\n"],
    ["comment ending mid-line keeps the rest", "%% a\nb %% kept\n", " kept\n"],
    ["unclosed comment runs to the end of the note", "keep\n%% open\nlost\nlost too", "keep\n"],
    ["unclosed inline comment", "keep %% rest", "keep "],
    ["backtick fence protects %%", "```sql\nselect 1 %% 2\n```\n%%x%%\n", "```sql\nselect 1 %% 2\n```\n"],
    ["tilde fence protects %%", "~~~\n%% not a comment %%\n~~~\n", "~~~\n%% not a comment %%\n~~~\n"],
    ["fence closes only with as many backticks", "````\n```\n%%x%%\n````\n%%y%%", "````\n```\n%%x%%\n````\n"],
    ["unclosed fence protects the rest", "%%a%%\n```\n%%b%%\n", "```\n%%b%%\n"],
    ["inline code protects %%", "use `%%` here %%gone%%", "use `%%` here "],
    ["double-backtick inline code", "``a ` %% b`` %%c%%", "``a ` %% b`` "],
    ["unmatched backtick is literal", "a ` b %%c%% d", "a ` b  d"],
    ["fence inside a comment does not protect", "%% hides\n```\ncode\n``` %%\nafter\n", "after\n"],
    ["frontmatter is not scanned", '---\nx: "%%"\n---\n%% c %%\nbody\n', '---\nx: "%%"\n---\nbody\n'],
    ["indented fence in a list", "- item\n  ```\n  %%x%%\n  ```\n", "- item\n  ```\n  %%x%%\n  ```\n"],
    ["no comments: unchanged", "plain `code` text\n", "plain `code` text\n"],
    ["CRLF line endings", "one\r\n%% c %%\r\ntwo\r\n", "one\r\ntwo\r\n"],
  ])("%s", (_name, input, expected) => {
    expect(stripTeachingComments(input)).toBe(expected);
  });

  test("finds comment ranges including their markers", () => {
    const text = "a %%b%% c";
    expect(findComments(text).map((r) => text.slice(r.start, r.end))).toEqual(["%%b%%"]);
  });
});

describe("stripTeachingComments (property)", () => {
  // A note built from plain lines, fenced code (which may contain %%) and whole-line comments:
  // stripping removes exactly the comments and keeps everything else byte for byte.
  const plain = fc.stringMatching(/^[a-z0-9 .,#*-]{1,20}$/).map((t) => `${t}\n`);
  const fenced = fc
    .array(fc.stringMatching(/^[a-z %{}-]{0,12}$/), { maxLength: 3 })
    .map((lines) => "```sql\n" + lines.map((l) => `${l}\n`).join("") + "```\n");
  const comment = fc
    .array(fc.stringMatching(/^[a-z ().:{}-]{0,20}$/), { minLength: 1, maxLength: 3 })
    .map((lines) => `%% ${lines.join("\n")} %%\n`);
  const segment = fc.oneof(
    plain.map((t) => ({ t, keep: true })),
    fenced.map((t) => ({ t, keep: true })),
    comment.map((t) => ({ t, keep: false })),
  );

  test("removes exactly the comments", () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 12 }), (segments) => {
        const text = segments.map((s) => s.t).join("");
        const expected = segments
          .filter((s) => s.keep)
          .map((s) => s.t)
          .join("");
        expect(stripTeachingComments(text)).toBe(expected);
      }),
    );
  });

  test("text without %% is never changed", () => {
    fc.assert(
      fc.property(
        fc.string().filter((t) => !t.includes("%%")),
        (t) => expect(stripTeachingComments(t)).toBe(t),
      ),
    );
  });
});
