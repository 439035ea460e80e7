import { AGENT_REGION_BEGIN, AGENT_REGION_END, upsertManagedRegion } from "../../../src/core/agents";
import { UserError } from "../../../src/core/errors";

const region = (body: string) => `${AGENT_REGION_BEGIN}\n${body}\n${AGENT_REGION_END}`;

describe("upsertManagedRegion", () => {
  test.each([
    ["a new file is the region alone", undefined, `${region("rules")}\n`],
    ["an empty file gets the region", "", `${region("rules")}\n`],
    [
      "the user's text stays and the region follows it",
      "# Mine\n\nKeep me.\n",
      `# Mine\n\nKeep me.\n\n${region("rules")}\n`,
    ],
    [
      "an old region is replaced in place, text on both sides kept",
      `# Mine\n\n${region("old\nlines")}\n\nAfter.\n`,
      `# Mine\n\n${region("rules")}\n\nAfter.\n`,
    ],
    ["an up-to-date file comes back unchanged", `Top\n\n${region("rules")}\n`, `Top\n\n${region("rules")}\n`],
    ["CRLF files stay CRLF", "Mine\r\n", `Mine\r\n\r\n${region("rules").replace(/\n/g, "\r\n")}\r\n`],
  ])("%s", (_name, existing, expected) => {
    expect(upsertManagedRegion(existing, "rules\n", "CLAUDE.md")).toBe(expected);
  });

  test("a new file gets its frontmatter; an existing one keeps the user's", () => {
    const created = upsertManagedRegion(undefined, "body", "r.mdc", { description: "d", alwaysApply: true });
    expect(created).toBe(`---\ndescription: d\nalwaysApply: true\n---\n${region("body")}\n`);
    const edited = created.replace("alwaysApply: true", "alwaysApply: false");
    expect(upsertManagedRegion(edited, "new body", "r.mdc", { description: "d", alwaysApply: true })).toBe(
      `---\ndescription: d\nalwaysApply: false\n---\n${region("new body")}\n`,
    );
  });

  test.each([
    ["a begin without an end", `a\n${AGENT_REGION_BEGIN}\nx\n`, 2],
    ["an end without a begin", `a\nb\n${AGENT_REGION_END}\n`, 3],
    ["two regions", `${region("x")}\n${region("y")}\n`, 4],
    ["an end before the begin", `${AGENT_REGION_END}\n${AGENT_REGION_BEGIN}\n`, 2],
  ])("%s is refused with the line, nothing guessed", (_name, existing, line) => {
    let error: unknown;
    try {
      upsertManagedRegion(existing, "rules", "CLAUDE.md");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).where).toEqual({ file: "CLAUDE.md", line });
    expect((error as UserError).describe()).toContain("nothing was written");
  });
});
