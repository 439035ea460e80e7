import { findSection, insertBlock, outline, readSection } from "../../../src/core/session/section";

describe("section bounds", () => {
  test.each([
    ["runs to the next heading of the same level", "# Day\n## H\na\n### sub\nb\n## Other\nc\n", { start: 1, end: 5 }],
    ["runs to a higher-level heading", "## H\na\n# Top\n", { start: 0, end: 2 }],
    ["runs to the end of the note", "intro\n## H\na\n", { start: 1, end: 4 }],
    ["ignores headings inside a backtick fence", "## H\n```\n## Other\n```\n## Next\n", { start: 0, end: 4 }],
    ["ignores headings inside a tilde fence", "## H\n~~~sql\n## Other\n~~~\n## Next\n", { start: 0, end: 4 }],
    ["a shorter fence does not close a longer one", "## H\n````\n```\n## In\n````\n## Next\n", { start: 0, end: 5 }],
    ["a tilde line does not close a backtick fence", "## H\n```\n~~~\n## In\n```\n## Next\n", { start: 0, end: 5 }],
    ["a fence with text after it does not close", "## H\n```\n``` x\n## In\n```\n## Next\n", { start: 0, end: 5 }],
    ["backticks in the info string make no fence", "## H\n```a`b\n## Next\n", { start: 0, end: 2 }],
    ["an unclosed fence runs to the end", "## H\n```\n## In\n", { start: 0, end: 4 }],
    ["four spaces of indent make no heading", "## H\n    ## code\n## Next\n", { start: 0, end: 2 }],
    ["'#' without a space makes no heading", "## H\n##tag\n## Next\n", { start: 0, end: 2 }],
    ["CRLF line endings", "## H\r\na\r\n## Next\r\n", { start: 0, end: 2 }],
    ["a closing hash sequence is not part of the title", "## H ##\na\n## Next\n", { start: 0, end: 2 }],
  ])("%s", (_name, text, expected) => {
    const range = findSection(text, 2, "H");
    expect(range && { start: range.start, end: range.end }).toEqual(expected);
  });

  test("readSection returns the body, or null", () => {
    expect(readSection("## H\na\nb\n## I\n", 2, "H")).toBe("a\nb");
    expect(readSection("## I\n", 2, "H")).toBeNull();
  });

  test("outline reports a fence left open at the end", () => {
    expect(outline("a\n~~~~\nb\n").openFence).toBe("~~~~");
    expect(outline("a\n```\nb\n```\n").openFence).toBeNull();
  });
});

describe("insertBlock only adds", () => {
  test.each([
    ["into an empty note", "", null, "## N\nx\n"],
    ["at the end, after one blank line", "# Day\n\nmine\n", null, "# Day\n\nmine\n\n## N\nx\n"],
    ["at the end of a note without a final newline", "mine", null, "mine\n\n## N\nx\n"],
    ["at the end after a blank line already there", "mine\n\n", null, "mine\n\n## N\nx\n"],
    ["before a line, with blank lines around", "## A\na\n## B\nb\n", 2, "## A\na\n\n## N\nx\n\n## B\nb\n"],
    ["before a line that follows a blank line", "## A\na\n\n## B\n", 3, "## A\na\n\n## N\nx\n\n## B\n"],
    ["after an unclosed fence, closing it first", "## A\n````\ncode\n", null, "## A\n````\ncode\n````\n\n## N\nx\n"],
    ["with the note's CRLF line endings", "a\r\n## B\r\n", 1, "a\r\n\r\n## N\r\nx\r\n\r\n## B\r\n"],
  ])("%s", (_name, before, line, after) => {
    const result = insertBlock(before, ["## N", "x"], line);
    expect(result.text).toBe(after);
    expect(result.text.slice(0, result.at) + result.text.slice(result.at + result.inserted.length)).toBe(before);
  });
});
