import { mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initVault } from "../../../src/cli/commands/init";
import { describeVaultLayout } from "../../../src/core/templates";

describe("decp init (command function)", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "decp-init-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("creates a missing vault folder with the layout, then a second run has nothing to do", async () => {
    const root = join(dir, "new vault");
    const first = await initVault(root);
    expect(first.folders).toEqual([
      "Copilot",
      "Copilot/Protocol",
      "Copilot/Templates",
      "Copilot/Loops",
      "Copilot/Context",
      "Copilot/Sessions",
      "Copilot/Tasks",
      "dbt",
    ]);
    expect(first.written).toContain("Copilot/Protocol/BOOTLOADER.md");
    expect(first.written).toContain("Copilot/Templates/LOOPS.md");
    expect(statSync(join(root, "Copilot/Tasks")).isDirectory()).toBe(true);
    const mtime = statSync(join(root, "Copilot/Templates/LOOPS.md")).mtimeMs;

    const second = await initVault(root);
    expect(second).toEqual({ folders: [], written: [], unchanged: first.written.length, kept: [] });
    expect(describeVaultLayout(second)).toEqual(["Vault already laid out: nothing to do."]);
    expect(statSync(join(root, "Copilot/Templates/LOOPS.md")).mtimeMs).toBe(mtime);
  });

  test("follows the folders in .decp/settings.json", async () => {
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(dir, ".decp"));
    writeFileSync(
      join(dir, ".decp/settings.json"),
      JSON.stringify({ templatesFolder: "Meta/Templates", protocolFolder: "Meta/Protocol" }),
    );
    const result = await initVault(dir);
    expect(result.written).toContain("Meta/Templates/STATE.md");
    expect(result.written).toContain("Meta/Protocol/PROTOCOL_REFERENCE.md");
  });

  test("keeps a template the user edited and writes the new version beside it", async () => {
    await initVault(dir);
    // Simulate an older install the user then edited: the record says what was installed.
    const state = join(dir, "Copilot/Templates/STATE.md");
    writeFileSync(state, readFileSync(state, "utf8") + "\n## Our team's section\n");
    const record = join(dir, "Copilot/Protocol/Installed templates.md");
    writeFileSync(
      record,
      readFileSync(record, "utf8").replace(/(Copilot\/Templates\/STATE\.md: )\w+/, "$10000000000000000"),
    );
    const result = await initVault(dir);
    expect(readFileSync(state, "utf8")).toContain("## Our team's section");
    expect(result.kept).toEqual([
      { path: "Copilot/Templates/STATE.md", newVersion: "Copilot/Templates/STATE (new version).md" },
    ]);
    expect(readFileSync(join(dir, "Copilot/Templates/STATE (new version).md"), "utf8")).not.toContain(
      "Our team's section",
    );
    expect(describeVaultLayout(result)).toContain(
      "kept your edited Copilot/Templates/STATE.md; the new version is in Copilot/Templates/STATE (new version).md",
    );
    expect((await initVault(dir)).written).toEqual([]);
  });

  test("a vault path that is a file is a user error", async () => {
    const file = join(dir, "notes.txt");
    writeFileSync(file, "x");
    await expect(initVault(file)).rejects.toThrow(/is a file, not a folder/);
  });
});
