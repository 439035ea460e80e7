import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { applyPlan } from "../../../src/core/write-plan";
import { BUNDLED_TEMPLATE_LIST, planTemplateInstall, type BundledTemplate } from "../../../src/core/templates";

const settings = DEFAULT_SETTINGS;
const STATE = "Copilot/Templates/STATE.md";
const STATE_NEW = "Copilot/Templates/STATE (new version).md";

function withText(name: string, text: string): BundledTemplate[] {
  return BUNDLED_TEMPLATE_LIST.map((t) => (t.name === name ? { ...t, text } : t));
}

describe("planTemplateInstall", () => {
  let root: string;
  let vault: FsVault;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "decp-install-"));
    vault = new FsVault(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function install(templates = BUNDLED_TEMPLATE_LIST) {
    const { plan, kept } = await planTemplateInstall(vault, settings, templates);
    const { written } = await applyPlan(vault, plan);
    return { written, kept };
  }

  test("installs templates in the templates folder and protocol notes in the protocol folder, then has nothing to do", async () => {
    const first = await install();
    expect(first.written).toEqual(
      expect.arrayContaining([
        "Copilot/Protocol/BOOTLOADER.md",
        "Copilot/Protocol/PROTOCOL_REFERENCE.md",
        STATE,
        "Copilot/Templates/TASK_NEW_MODEL.md",
      ]),
    );
    expect(await vault.read(STATE)).toBe(BUNDLED_TEMPLATE_LIST.find((t) => t.name === "STATE")!.text);
    expect(await install()).toEqual({ written: [], kept: [] });
  });

  test("a template the user edited is kept and the new version is written beside it, once", async () => {
    await install();
    const mine = (await vault.read(STATE)) + "\nMy team's extra section.\n";
    await vault.write(STATE, mine);
    const second = await install(withText("STATE", "---\ntype: state\n---\nnew bundled text\n"));
    expect(await vault.read(STATE)).toBe(mine);
    expect(await vault.read(STATE_NEW)).toBe("---\ntype: state\n---\nnew bundled text\n");
    expect(second.kept).toEqual([{ path: STATE, newVersion: STATE_NEW }]);
    // Same bundled version again: nothing to write.
    expect((await install(withText("STATE", "---\ntype: state\n---\nnew bundled text\n"))).written).toEqual([]);
  });

  test("an unedited older version is updated in place", async () => {
    await install();
    const third = await install(withText("LOOPS", "---\ntype: loop\n---\nv2\n"));
    expect(third.written).toEqual(["Copilot/Templates/LOOPS.md", "Copilot/Protocol/Installed templates.md"]);
    expect(await vault.read("Copilot/Templates/LOOPS.md")).toBe("---\ntype: loop\n---\nv2\n");
    expect(await vault.exists("Copilot/Templates/LOOPS (new version).md")).toBe(false);
  });

  test("a template found without an install record is treated as the user's and never overwritten", async () => {
    await vault.write(STATE, "my own state template\n");
    await install();
    expect(await vault.read(STATE)).toBe("my own state template\n");
    expect(await vault.exists(STATE_NEW)).toBe(true);
  });

  test("a dismissed new version is not offered again until the bundled text changes", async () => {
    await install();
    await vault.write(STATE, "edited\n");
    await install(withText("STATE", "v2\n"));
    rmSync(join(root, STATE_NEW));
    expect((await install(withText("STATE", "v2\n"))).written).toEqual([]);
    expect(await vault.exists(STATE_NEW)).toBe(false);
    await install(withText("STATE", "v3\n"));
    expect(await vault.read(STATE_NEW)).toBe("v3\n");
  });

  test("an edited new version is left alone too", async () => {
    await install();
    await vault.write(STATE, "edited\n");
    await install(withText("STATE", "v2\n"));
    await vault.write(STATE_NEW, "I merged part of it\n");
    const run = await install(withText("STATE", "v3\n"));
    expect(await vault.read(STATE_NEW)).toBe("I merged part of it\n");
    expect(run.kept).toEqual([{ path: STATE, newVersion: null }]);
  });

  test("keeps what the user added to the install record", async () => {
    await install();
    const record = "Copilot/Protocol/Installed templates.md";
    await vault.write(record, (await vault.read(record)) + "\nMy note about templates.\n");
    await install(withText("LOOPS", "v2\n"));
    expect(await vault.read(record)).toContain("My note about templates.");
  });
});
