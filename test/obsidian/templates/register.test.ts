/** @jest-environment jsdom */
// "Create note from template" and "Install templates into vault", driven through the built main.js
// in the Obsidian fake, the way a user clicks through them.

import { DateTime } from "luxon";
import {
  allSettings,
  closeAllModals,
  findSetting,
  openModals,
  type ButtonComponent,
  type FuzzySuggestModal,
  type Modal,
  type TextComponent,
} from "../../fakes/obsidian";
import { createApp, loadBuiltPlugin, type LoadedPlugin } from "../../fakes/obsidian-harness";

const files = {
  "dbt/acme/models/marts/fct_invoices.md":
    "---\ntype: model\nunique_id: model.acme.fct_invoices\n---\n# fct_invoices\n",
  "Copilot/Loops/LOOP-004 Older question.md":
    "---\nid: LOOP-004\ntype: loop\nstatus: open\ntitle: Older question\n---\n",
};

async function pickTemplate(loaded: LoadedPlugin, name: string): Promise<void> {
  await loaded.run("create-note-from-template");
  const picker = openModals.at(-1) as FuzzySuggestModal<{ name: string }>;
  await picker.setQuery(name);
  picker.chooseSuggestion((match) => match.item.name === name);
}

async function fillDetails(fields: Record<string, string>): Promise<void> {
  const form = openModals.at(-1) as Modal;
  for (const [name, value] of Object.entries(fields))
    await (findSetting(form.contentEl, name).components[0] as TextComponent).input(value);
  const buttons = allSettings(form.contentEl).at(-1)!;
  await (buttons.components[0] as ButtonComponent).click();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe("templates in Obsidian", () => {
  afterEach(() => closeAllModals());

  test("Install templates into vault lays out the vault once, then has nothing to do", async () => {
    const app = createApp({ files });
    const loaded = await loadBuiltPlugin(app);
    await loaded.run("install-templates");
    expect(app.vault.getFileByPath("Copilot/Protocol/BOOTLOADER.md")).not.toBeNull();
    expect(app.vault.getFileByPath("Copilot/Templates/TASK_REFACTOR_GRAIN.md")).not.toBeNull();
    expect(app.vault.getFolderByPath("Copilot/Tasks")).not.toBeNull();
    expect(loaded.notices().at(-1)).toContain("wrote Copilot/Protocol/BOOTLOADER.md");
    await loaded.run("install-templates");
    expect(loaded.notices().at(-1)).toBe("Vault already laid out: nothing to do.");
    await loaded.unload();
  });

  test("Create note from template: pick LOOPS, give a title, the model defaults to the open model note", async () => {
    const app = createApp({ files });
    const loaded = await loadBuiltPlugin(app);
    await app.workspace.setActiveFile(app.vault.getFileByPath("dbt/acme/models/marts/fct_invoices.md"));
    await pickTemplate(loaded, "LOOPS");
    expect(
      (findSetting((openModals.at(-1) as Modal).contentEl, "Model").components[0] as TextComponent).getValue(),
    ).toBe("fct_invoices");
    await fillDetails({ Title: "Validate invoice grain" });
    const path = "Copilot/Loops/LOOP-005 Validate invoice grain.md";
    const note = app.vault.getFileByPath(path);
    expect(note).not.toBeNull();
    const text = await app.vault.read(note!);
    expect(text).toContain('id: "LOOP-005"');
    expect(text).toContain('models: ["[[fct_invoices]]"]');
    expect(app.workspace.getActiveFile()?.path).toBe(path);
    await loaded.unload();
  });

  test("refuses to overwrite an existing note with a Notice", async () => {
    const path = `Copilot/Sessions/${DateTime.now().toFormat("yyyy-MM-dd")} PR Invoice grain.md`;
    const app = createApp({ files: { ...files, [path]: "mine\n" } });
    const loaded = await loadBuiltPlugin(app);
    await pickTemplate(loaded, "PR_NARRATIVE");
    await fillDetails({ Title: "Invoice grain" });
    expect(loaded.notices().at(-1)).toContain(`"${path}" already exists`);
    expect(await app.vault.read(app.vault.getFileByPath(path)!)).toBe("mine\n");
    await loaded.unload();
  });

  test("offers the user's own templates, and a broken one is reported with its file and line", async () => {
    const app = createApp({
      files: { ...files, "Copilot/Templates/Broken.md": "---\ntype: loop\ntitle: a: b\n---\n" },
    });
    const loaded = await loadBuiltPlugin(app);
    await pickTemplate(loaded, "Broken");
    expect(loaded.notices().at(-1)).toMatch(/^Copilot\/Templates\/Broken\.md:3/);
    await loaded.unload();
  });

  test("left-out variables are named in a Notice", async () => {
    const app = createApp({ files });
    const loaded = await loadBuiltPlugin(app);
    await pickTemplate(loaded, "CONTEXT");
    await fillDetails({ Title: "Invoice scope" });
    expect(loaded.notices().at(-1)).toContain("left to fill in: {{model}}");
    await loaded.unload();
  });
});
