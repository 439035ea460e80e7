import fc from "fast-check";
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

test("a path returned as is by the fast check normalizes exactly as the full rules would (property)", () => {
  const alphabet = fc.constantFrom("a", "B", "/", "\\", ".", " ", "\u00a0", "~", ":", "é", "\0", "-");
  const outcome = (path: string): string => {
    try {
      return `ok ${normalizeVaultPath(path)}`;
    } catch (error) {
      return `error ${(error as Error).constructor.name}`;
    }
  };
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 12 }), (chars) => {
      const path = chars.join("");
      // A leading space always takes the full rules (trim), which must end where the fast check did.
      expect(outcome(path)).toBe(outcome(` ${path}`));
    }),
    { numRuns: 2000 },
  );
});
