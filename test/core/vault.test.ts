import { normalizeVaultPath, joinVaultPath, isInFolder } from "../../src/core/vault";
import { UserError } from "../../src/core/errors";

describe("normalizeVaultPath", () => {
  test.each([
    ["Copilot/Loops/LOOP-001.md", "Copilot/Loops/LOOP-001.md"],
    ["./Copilot//Loops/", "Copilot/Loops"],
    ["Copilot\\Loops\\a.md", "Copilot/Loops/a.md"],
    ["  dbt/acme/x.md ", "dbt/acme/x.md"],
    ["a/./b", "a/b"],
    ["a\u00a0b.md", "a b.md"],
    ["", ""],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeVaultPath(input)).toBe(expected);
  });

  test.each([
    ["../x.md", /escapes the vault/],
    ["a/../../x.md", /escapes the vault/],
    ["/etc/passwd", /absolute/],
    ["C:\\Users\\x.md", /absolute/],
    ["~/notes.md", /absolute/],
    ["a\0b.md", /NUL byte/],
  ])("rejects %j", (input, message) => {
    expect(() => normalizeVaultPath(input)).toThrow(UserError);
    expect(() => normalizeVaultPath(input)).toThrow(message);
  });

  test("joins and confines", () => {
    expect(joinVaultPath("Copilot", "", "Loops/", "a.md")).toBe("Copilot/Loops/a.md");
    expect(isInFolder("Copilot/Loops/a.md", "Copilot")).toBe(true);
    expect(isInFolder("CopilotX/a.md", "Copilot")).toBe(false);
  });
});
