/** @jest-environment jsdom */
// The plugin on the iPhone app: WebKit accepts a clipboard write only from the user's gesture, so
// "Resume session" must start its copy while the gesture lasts (the pack arrives later); and old
// iOS WebKit (before 15.4) has no structuredClone, which onload must not need.

import { clipboard, emulateMobile } from "../../fakes/obsidian";
import { createApp, loadBuiltPlugin, settle } from "../../fakes/obsidian-harness";

const loop =
  "---\nid: LOOP-003\ntype: loop\nstatus: open\ntitle: Late refunds\ncaptured: 2026-01-20T10:00:00Z\nmodels: []\n---\n## Context\n\n## Question\nReprocess 3 days?\n\n## Outcome\n";

test("on iOS, Resume session copies the pack built after the gesture, and says so", async () => {
  const restore = emulateMobile({ ios: true });
  try {
    const app = createApp({ files: { "Copilot/Loops/LOOP-003 Late refunds.md": loop } });
    const loaded = await loadBuiltPlugin(app);
    clipboard.clear();
    await loaded.run("resume-session");
    await settle(6);
    expect(clipboard.writes.at(-1)).toContain("# Resume pack");
    expect(clipboard.writes.at(-1)).toContain("LOOP-003 (open) Late refunds");
    expect(loaded.notices().at(-1)).toMatch(/^Resume pack copied: \d{1,3}(,\d{3})* \/ 5,000 tokens, 1 open loop\.$/);
    await loaded.unload();
  } finally {
    restore();
  }
});

test("on iOS before 15.4 (no structuredClone) the plugin loads with its settings", async () => {
  const restore = emulateMobile({ ios: true });
  const g = globalThis as { structuredClone?: unknown };
  const structuredClone = g.structuredClone;
  delete g.structuredClone;
  try {
    const app = createApp();
    const loaded = await loadBuiltPlugin(app, { data: { settings: { budget: 3000 } } });
    expect(loaded.commands()).toContain("de-copilot-patterns:resume-session");
    expect((loaded.plugin as unknown as { settings: { budget: number; loopsFolder: string } }).settings).toMatchObject({
      budget: 3000,
      loopsFolder: "Copilot/Loops",
    });
    await loaded.unload();
  } finally {
    g.structuredClone = structuredClone;
    restore();
  }
});
