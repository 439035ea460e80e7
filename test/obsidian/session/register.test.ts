/** @jest-environment jsdom */
// Session commands in Obsidian: the handoff honours Periodic Notes / core Daily notes settings and
// never duplicates its section; "Resume session" copies the pack to the clipboard.

import {
  allSettings,
  ButtonComponent,
  clipboard,
  closeAllModals,
  findSetting,
  openModals,
  TextComponent,
  type Modal,
} from "../../fakes/obsidian";
import { createApp, loadBuiltPlugin, settle } from "../../fakes/obsidian-harness";
import { DateTime } from "luxon";

const loop =
  "---\nid: LOOP-003\ntype: loop\nstatus: open\ntitle: Late refunds\ncaptured: 2026-01-20T10:00:00Z\nmodels: []\n---\n## Context\n\n## Question\nReprocess 3 days?\n\n## Outcome\n";

async function handoff(loaded: { run(id: string): Promise<boolean> }, stoppedAt: string, next: string): Promise<void> {
  await loaded.run("write-handoff");
  const form = openModals.at(-1) as Modal;
  await findSetting(form.contentEl, "Stopped at").control(TextComponent).input(stoppedAt);
  await findSetting(form.contentEl, "Next action").control(TextComponent).input(next);
  await allSettings(form.contentEl).at(-1)!.control(ButtonComponent).click();
  await settle(6);
}

describe("session commands in Obsidian", () => {
  afterEach(() => closeAllModals());

  test("Write handoff uses Periodic Notes' daily settings and its template; a second one is added below", async () => {
    const app = createApp({
      files: { "Copilot/Loops/LOOP-003 Late refunds.md": loop, "Templates/Day.md": "# {{title}}\n\n## Journal\n" },
      dailyNotes: { folder: "Core", format: "YYYY-MM-DD" },
      periodicNotes: {
        daily: { enabled: true, folder: "Journal", format: "YYYY/MM/DD dddd", template: "Templates/Day.md" },
      },
    });
    const loaded = await loadBuiltPlugin(app);
    await handoff(loaded, "Refund join done", "Reprocess late refunds");
    await handoff(loaded, "Refund join done", "Run dbt build");
    const path = `Journal/${DateTime.now().toFormat("yyyy/MM/dd cccc")}.md`;
    const text = await app.vault.read(app.vault.getFileByPath(path)!);
    expect(text.match(/^## Copilot handoff.*$/gm)).toEqual([
      "## Copilot handoff",
      expect.stringMatching(/^## Copilot handoff \(\d\d:\d\d\)$/),
    ]);
    expect(text.startsWith(`# ${DateTime.now().toFormat("dd cccc")}\n\n## Journal\n\n## Copilot handoff\n`)).toBe(true);
    expect(text.indexOf("- **Next action:** Reprocess late refunds")).toBeLessThan(
      text.indexOf("- **Next action:** Run dbt build"),
    );
    expect(loaded.notices()).toContain(`Handoff added to ${path}`);
    expect(text).toContain("LOOP-003");
    expect(app.vault.getFolderByPath("Core")).toBeNull();
    await loaded.unload();
  });

  test("Write handoff falls back to the core Daily notes settings; Resume session copies the pack", async () => {
    const app = createApp({
      files: { "Copilot/Loops/LOOP-003 Late refunds.md": loop },
      dailyNotes: { folder: "Daily", format: "DD-MM-YYYY" },
    });
    const loaded = await loadBuiltPlugin(app);
    await handoff(loaded, "Stopped here", "Next thing");
    expect(app.vault.getFileByPath(`Daily/${DateTime.now().toFormat("dd-LL-yyyy")}.md`)).not.toBeNull();
    clipboard.clear();
    await loaded.run("resume-session");
    await settle(6);
    const copied = clipboard.writes.at(-1)!;
    expect(copied).toContain("# Resume pack");
    expect(copied).toContain("- Next action: Next thing");
    expect(copied).toContain("LOOP-003 (open) Late refunds");
    expect(loaded.notices().at(-1)).toMatch(/^Resume pack copied: \d{1,3}(,\d{3})* \/ 5,000 tokens, 1 open loop\.$/);
    await loaded.unload();
  });

  test("Write session summary and Draft pull request narrative write their notes", async () => {
    const app = createApp({ files: { "Copilot/Loops/LOOP-003 Late refunds.md": loop } });
    const loaded = await loadBuiltPlugin(app);
    await loaded.run("write-session-summary");
    const today = DateTime.now().toFormat("yyyy-MM-dd");
    expect(app.vault.getFileByPath(`Copilot/Sessions/${today} Session summary.md`)).not.toBeNull();
    await loaded.run("draft-pr-narrative");
    expect(app.vault.getFileByPath(`Copilot/Sessions/${today} PR narrative.md`)).not.toBeNull();
    await loaded.unload();
  });
});
