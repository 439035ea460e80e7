// docs/ARCHITECTURE.md: src/core never imports obsidian or Node modules. This guards it alongside the lint rule.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : full.endsWith(".ts") ? [full] : [];
  });
}

test("src/core imports neither obsidian nor Node modules", () => {
  const forbidden =
    /(?:from|import|require\()\s*["'](obsidian|node:[\w/]+|fs|path|os|http|https|child_process|crypto|url|stream)["']/;
  const offenders = walk(join(__dirname, "../../src/core")).filter((file) =>
    forbidden.test(readFileSync(file, "utf8")),
  );
  expect(offenders).toEqual([]);
});
