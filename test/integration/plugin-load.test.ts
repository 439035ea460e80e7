/** @jest-environment jsdom */
// Loads the BUILT main.js into the Obsidian fake, runs every command it registers and unloads it:
// nothing may throw, and every event handler and interval the plugin registered must be released.

import { allSettings, closeAllModals, liveDomListenerCount, liveIntervalCount, openModals } from "../fakes/obsidian";
import { createApp, loadBuiltPlugin } from "../fakes/obsidian-harness";

const files = {
  "Copilot/Loops/LOOP-001 Validate invoice grain.md":
    "---\nid: LOOP-001\ntype: loop\nstatus: open\ntitle: Validate invoice grain\n---\n## Context\nWhy [[fct_invoices]]\n",
  "dbt/acme/models/marts/fct_invoices.md":
    "---\ntype: model\nunique_id: model.acme.fct_invoices\n---\n# fct_invoices\n",
  "Daily/2026-01-21.md": "# 2026-01-21\n",
};

describe("built plugin in the Obsidian fake", () => {
  it("loads, registers its settings and commands, and unloads leaving no handler or interval behind", async () => {
    const app = createApp({ files, dailyNotes: { folder: "Daily", format: "YYYY-MM-DD" } });
    const handlersBefore = app.eventHandlerCount();
    const intervalsBefore = liveIntervalCount();
    const domListenersBefore = liveDomListenerCount();
    const loaded = await loadBuiltPlugin(app);

    expect(loaded.plugin.manifest.id).toBe("de-copilot-patterns");
    for (const id of loaded.commands()) expect(id.startsWith("de-copilot-patterns:")).toBe(true);
    const tab = loaded.openSettings();
    expect(allSettings(tab.containerEl).map((s) => s.nameEl.textContent)).toContain("Budget");

    await loaded.unload();
    expect(app.eventHandlerCount()).toBe(handlersBefore);
    expect(liveIntervalCount()).toBe(intervalsBefore);
    expect(liveDomListenerCount()).toBe(domListenersBefore);
    expect(app.commands.listCommands()).toEqual([]);
    expect(app.viewRegistry.size).toBe(0);
  });

  it("runs every registered command without an uncaught error", async () => {
    const app = createApp({ files, dailyNotes: { folder: "Daily", format: "YYYY-MM-DD" } });
    const loaded = await loadBuiltPlugin(app);
    const errors: unknown[] = [];
    const onError = (error: unknown): void => void errors.push(error);
    process.on("unhandledRejection", onError);
    const consoleError = jest
      .spyOn(console, "error")
      .mockImplementation((...args: unknown[]) => void errors.push(args));
    try {
      for (const id of loaded.commands()) {
        await loaded.run(id);
        // A command that needs input opens a modal; the user closes it.
        if (openModals.length > 0) closeAllModals();
      }
    } finally {
      process.off("unhandledRejection", onError);
      consoleError.mockRestore();
    }
    expect(errors).toEqual([]);
    expect(loaded.notices().filter((n) => n.startsWith("Unexpected error"))).toEqual([]);
    await loaded.unload();
  });
});
