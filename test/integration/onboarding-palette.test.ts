/** @jest-environment jsdom */
// The onboarding guide's Obsidian half: every command it tells the reader to run ("run "...") is a
// command the BUILT plugin registers, under that exact name (the CLI half is onboarding.test.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createApp, loadBuiltPlugin } from "../fakes/obsidian-harness";

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
