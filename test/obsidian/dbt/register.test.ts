/** @jest-environment jsdom */
// The dbt commands driven through the built main.js in the Obsidian fake, as a user clicks them.

import {
  closeAllModals,
  findSetting,
  openModals,
  setPlatform,
  type FuzzySuggestModal,
  type Modal,
  type TextComponent,
} from "../../fakes/obsidian";
import { createApp, loadBuiltPlugin, settle } from "../../fakes/obsidian-harness";
import { fixtureText } from "../../core/dbt/fixtures";

const manifestPath = "dbt/manifest.json";
const files = { [manifestPath]: fixtureText("jaffle_shop_v12_dbt1.11.json") };
const data = { settings: { dbtManifestPath: manifestPath } };

function links(modal: Modal): string[] {
  return [...modal.contentEl.querySelectorAll("a.decp-lineage-link")].map((a) => a.textContent ?? "");
}

describe("dbt in Obsidian", () => {
  afterEach(() => closeAllModals());

  test("Import dbt project reads a manifest inside the vault, summarises, and re-import writes nothing", async () => {
    const app = createApp({ files });
    const loaded = await loadBuiltPlugin(app, { data });
    await loaded.run("import-dbt-project");
    expect(app.vault.getFileByPath("dbt/jaffle_shop/models/marts/orders.md")).not.toBeNull();
    expect(loaded.notices().at(-1)).toContain("32 notes written (32 new, 0 updated)");
    await loaded.run("import-dbt-project");
    expect(loaded.notices().at(-1)).toContain("0 notes written (0 new, 0 updated), 32 unchanged");
    await loaded.unload();
  });

  test("on mobile a manifest path outside the vault is a clear error, and nothing is written", async () => {
    const restore = setPlatform({ isDesktop: false, isDesktopApp: false, isMobile: true, isMobileApp: true });
    try {
      const app = createApp({ files });
      const loaded = await loadBuiltPlugin(app, {
        data: { settings: { dbtManifestPath: "/home/me/jaffle/target/manifest.json" } },
      });
      await loaded.run("import-dbt-project");
      expect(loaded.notices().at(-1)).toContain("copy manifest.json into the vault");
      expect(app.vault.getFileByPath("dbt/jaffle_shop/models/marts/orders.md")).toBeNull();
      await loaded.unload();
    } finally {
      restore();
    }
  });

  test("Open model note, Show lineage by depth, and Select models open notes", async () => {
    const app = createApp({ files });
    const loaded = await loadBuiltPlugin(app, { data });
    await loaded.run("import-dbt-project");

    await loaded.run("open-model-note");
    const picker = openModals.at(-1) as FuzzySuggestModal<{ name: string }>;
    await picker.setQuery("orders");
    picker.chooseSuggestion((match) => match.item.name === "orders");
    await settle();
    expect(app.workspace.getActiveFile()?.path).toBe("dbt/jaffle_shop/models/marts/orders.md");

    await loaded.run("show-lineage");
    const lineage = openModals.at(-1) as Modal;
    const text = lineage.contentEl.textContent ?? "";
    expect(text).toContain("Upstream (9)");
    expect(text).toContain("Depth 1 (2)");
    expect(text).toContain("Downstream (1)");
    expect(links(lineage)).toEqual(
      expect.arrayContaining(["order_items", "stg_orders", "ecom.raw_orders", "customers"]),
    );
    const customers = [...lineage.contentEl.querySelectorAll("a.decp-lineage-link")].find(
      (a) => a.textContent === "customers",
    ) as HTMLElement;
    customers.click();
    await settle();
    expect(app.workspace.getActiveFile()?.path).toBe("dbt/jaffle_shop/models/marts/customers.md");

    await loaded.run("select-models");
    const select = openModals.at(-1) as Modal;
    await (findSetting(select.contentEl, "Selector").components[0] as TextComponent).input(
      "+customers,resource_type:model",
    );
    await (findSetting(select.contentEl, "Exclude").components[0] as TextComponent).input("orders");
    (select.contentEl.querySelector("button") as HTMLElement).click();
    expect(select.contentEl.textContent).toContain("7 nodes selected.");
    expect(links(select)).not.toContain("orders");
    await (findSetting(select.contentEl, "Selector").components[0] as TextComponent).input("nope:x");
    (select.contentEl.querySelector("button") as HTMLElement).click();
    expect(loaded.notices().at(-1)).toContain('"nope:x"');
    await loaded.unload();
  });

  test("Show lineage is offered on model notes only", async () => {
    const app = createApp({ files: { ...files, "Scratch.md": "hello" } });
    const loaded = await loadBuiltPlugin(app, { data });
    await app.workspace.setActiveFile(app.vault.getFileByPath("Scratch.md"));
    expect(app.commands.isAvailable(`${loaded.manifest.id}:show-lineage`)).toBe(false);
    expect(await loaded.run("show-lineage")).toBe(false);
    await loaded.run("import-dbt-project");
    await settle();
    await app.workspace.setActiveFile(app.vault.getFileByPath("dbt/jaffle_shop/models/marts/orders.md"));
    expect(app.commands.isAvailable(`${loaded.manifest.id}:show-lineage`)).toBe(true);
    await loaded.unload();
  });
});
