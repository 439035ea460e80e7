// `decp demo` on the built CLI: what a new user gets from one command, and that running it again
// changes nothing.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./built-cli";

describe("decp demo", () => {
  let parent: string;
  let dir: string;
  let first: Record<string, unknown>;

  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), "decp-demo-"));
    dir = join(parent, "demo-vault");
    const run = await runCli(["demo", dir, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    first = JSON.parse(run.stdout) as Record<string, unknown>;
  });

  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  const read = (path: string) => readFileSync(join(dir, path), "utf8");

  test("installs the built plugin and enables it, with core Daily notes in a Daily folder", () => {
    const root = join(__dirname, "../..");
    expect(read(".obsidian/plugins/de-copilot-patterns/main.js")).toBe(readFileSync(join(root, "main.js"), "utf8"));
    expect(read(".obsidian/plugins/de-copilot-patterns/manifest.json")).toBe(readFileSync(join(root, "manifest.json"), "utf8"));
    if (existsSync(join(root, "styles.css"))) expect(read(".obsidian/plugins/de-copilot-patterns/styles.css")).toBe(readFileSync(join(root, "styles.css"), "utf8"));
    expect(JSON.parse(read(".obsidian/community-plugins.json"))).toEqual(["de-copilot-patterns"]);
    expect(JSON.parse(read(".obsidian/core-plugins.json"))).toMatchObject({ "daily-notes": true, templates: true });
    expect(JSON.parse(read(".obsidian/daily-notes.json"))).toMatchObject({ folder: "Daily", format: "YYYY-MM-DD" });
  });

  test("a second run writes nothing", async () => {
    const again = await runCli(["demo", dir, "--json"]);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as Record<string, unknown>;
    expect(report.written).toBe(0);
    expect(report.unchanged).toBe(first.files);
    expect(report.kept).toEqual([]);
  });

  test("a demo note the user edited is kept, not overwritten", async () => {
    writeFileSync(join(dir, ".obsidian/daily-notes.json"), '{ "folder": "Journal" }\n');
    const again = await runCli(["demo", dir, "--json"]);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { kept: string[] }).kept).toEqual([".obsidian/daily-notes.json"]);
    expect(read(".obsidian/daily-notes.json")).toBe('{ "folder": "Journal" }\n');
  });

  test("refuses a non-empty folder that is not a previous demo, and writes nothing there", async () => {
    const vault = join(parent, "my-vault");
    mkdirSync(join(vault, ".obsidian"), { recursive: true });
    writeFileSync(join(vault, ".obsidian/app.json"), "{}");
    const run = await runCli(["demo", vault]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("is not empty and is not a demo vault built by decp");
    expect(existsSync(join(vault, ".decp"))).toBe(false);
    expect(existsSync(join(vault, ".obsidian/community-plugins.json"))).toBe(false);
  });

  test("prints how to open the vault in Obsidian", async () => {
    const run = await runCli(["demo", dir]);
    expect(run.stdout).toContain("Open folder as vault");
    expect(run.stdout).toContain(dir);
  });
});
