import { readSection, upsertSection } from "../../../src/core/session/section";

describe("upsertSection", () => {
  test.each([
    ["appends to an empty note", "", "## H\nnew\n"],
    ["appends after existing text with one blank line", "# Day\n\nmy notes\n", "# Day\n\nmy notes\n\n## H\nnew\n"],
    [
      "replaces up to the next heading of the same level",
      "# Day\n## H\nold\n### sub\nold too\n## Other\nkeep\n",
      "# Day\n## H\nnew\n\n## Other\nkeep\n",
    ],
    ["replaces up to a higher-level heading", "## H\nold\n# Top\nkeep\n", "## H\nnew\n\n# Top\nkeep\n"],
    ["replaces at the end of the note", "intro\n\n## H\nold\n\n", "intro\n\n## H\nnew\n"],
    [
      "ignores headings inside code fences",
      "## H\n```\n## Other\n```\nold\n## Next\nkeep\n",
      "## H\nnew\n\n## Next\nkeep\n",
    ],
  ])("%s", (_name, before, after) => {
    expect(upsertSection(before, 2, "H", "new")).toBe(after);
    expect(upsertSection(after, 2, "H", "new")).toBe(after);
  });

  test("readSection returns the body", () => {
    expect(readSection("## H\na\nb\n## I\n", 2, "H")).toBe("a\nb");
    expect(readSection("## I\n", 2, "H")).toBeNull();
  });
});
