/** @jest-environment jsdom */
// The onboarding guide's Obsidian half: every command it tells the reader to run ("run "...") is a
// command the BUILT plugin registers, under that exact name (the CLI half is onboarding.test.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  allSettings,
  ButtonComponent,
  closeAllModals,
  DropdownComponent,
  findSetting,
  openModals,
  TextAreaComponent,
  type Modal,
} from "../fakes/obsidian";
import { createApp, loadBuiltPlugin, settle } from "../fakes/obsidian-harness";

const GUIDE = readFileSync(join(__dirname, "../../templates/ONBOARDING.md"), "utf8");

test('every command palette name the guide gives (run "...") is a command of the built plugin', async () => {
  const app = createApp({ dailyNotes: { folder: "Daily", format: "YYYY-MM-DD" } });
  const loaded = await loadBuiltPlugin(app);
  // The palette shows "Data Engineering Copilot Patterns: Write handoff"; the guide gives the part after the colon.
  const prefix = `${loaded.plugin.manifest.name}: `;
  const registered = new Set(
    app.commands.listCommands().map((c) => (c.name.startsWith(prefix) ? c.name.slice(prefix.length) : c.name)),
  );
  await loaded.unload();
  const named = [...new Set([...GUIDE.matchAll(/\brun "([^"]+)"/g)].map((m) => m[1].replace(/\s+/g, " ")))];
  expect(named.length).toBeGreaterThanOrEqual(10);
  for (const name of named) expect([name, registered.has(name)]).toEqual([name, true]);
});

test("step 5 in Obsidian: capturing the guide's reply opens the review by itself, the loop set to approve", async () => {
  const step = GUIDE.slice(GUIDE.indexOf("## Step 5:"), GUIDE.indexOf("## Step 6:"));
  expect(step).toContain("the review opens by itself with the new loop set to approve");
  const reply = /```xml\n([\s\S]*?)```/.exec(step)![1];
  const app = createApp({ dailyNotes: { folder: "Daily", format: "YYYY-MM-DD" } });
  const loaded = await loadBuiltPlugin(app);
  try {
    await loaded.run("capture-loops");
    await findSetting(lastModal().contentEl, "Agent reply").control(TextAreaComponent).input(reply);
    await allSettings(lastModal().contentEl).at(-1)!.control(ButtonComponent).click();
    await settle();
    const review = lastModal();
    expect(review.titleEl.textContent).toBe("Review captured loops");
    const decision = allSettings(review.contentEl).find((s) => s.nameEl.textContent === "Decision")!;
    expect(decision.control(DropdownComponent).getValue()).toBe("approve");
    await allSettings(review.contentEl).at(-1)!.control(ButtonComponent).click();
    await settle();
    const note = app.vault.getMarkdownFiles().find((f) => f.path.endsWith("Check exposures on dim_customers.md"))!;
    expect(await app.vault.read(note)).toMatch(/^status: open$/m);
  } finally {
    closeAllModals();
    await loaded.unload();
  }
});

function lastModal(): Modal {
  return openModals.at(-1) as Modal;
}
