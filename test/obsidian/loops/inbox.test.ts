/** @jest-environment jsdom */
// The loops inbox keeps up without re-reading the vault: a burst of edits to loop notes costs a few
// refreshes, a renamed loop is followed (and opening it never creates an empty note at the old
// path), and a slow refresh that finishes last never paints an older list over a newer one.

import type { App, TFile } from "../../fakes/obsidian";
import { createApp, loadBuiltPlugin, settle, type LoadedPlugin } from "../../fakes/obsidian-harness";

const loop = (id: string, title: string, status = "open"): string =>
  `---\nid: ${id}\ntype: loop\nstatus: ${status}\ntitle: ${title}\ncaptured: 2026-01-21T14:30:00Z\nmodels: []\n---\n## Context\n\n## Question\nWhy?\n\n## Outcome\n\n`;

const files: Record<string, string> = {};
for (let i = 1; i <= 30; i++) {
  const id = `LOOP-${String(i).padStart(3, "0")}`;
  files[`Copilot/Loops/${id} Question ${i}.md`] = loop(id, `Question ${i}`);
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** Lets indexing, the inbox's debounce and its refresh finish, in fake time. */
const flush = (): Promise<void> => jest.advanceTimersByTimeAsync(2000);

async function openInbox(app: App, loaded: LoadedPlugin): Promise<HTMLElement> {
  await loaded.run("open-loops-inbox");
  await flush();
  const leaf = app.workspace.getLeavesOfType("decp-loops-inbox")[0];
  return (leaf.view as unknown as { contentEl: HTMLElement }).contentEl;
}

function titles(inbox: HTMLElement): string[] {
  return [...inbox.querySelectorAll(".decp-loop a")].map((a) => a.textContent ?? "");
}

function countReads(app: App): () => number {
  let reads = 0;
  for (const method of ["read", "cachedRead"] as const) {
    const original = app.vault[method].bind(app.vault);
    jest.spyOn(app.vault, method).mockImplementation((file: TFile) => {
      if (file.path.startsWith("Copilot/Loops/")) reads++;
      return original(file);
    });
  }
  return () => reads;
}

test("30 edits to loop notes cost a few refreshes, not a re-read of every loop per edit", async () => {
  const app = createApp({ files });
  const loaded = await loadBuiltPlugin(app);
  const inbox = await openInbox(app, loaded);
  expect(titles(inbox)).toHaveLength(30);
  const reads = countReads(app);
  for (let i = 1; i <= 30; i++) {
    const file = app.vault.getFileByPath(`Copilot/Loops/LOOP-${String(i).padStart(3, "0")} Question ${i}.md`)!;
    await app.vault.process(file, (text) => text.replace(`title: Question ${i}`, `title: Edited ${i}`));
  }
  await flush();
  expect(titles(inbox)).toContain("LOOP-030 Edited 30");
  expect(titles(inbox)).not.toContain("LOOP-001 Question 1");
  // Each edited note is read again at most once or twice; before, each edit re-read all 30 (900 reads).
  expect(reads()).toBeLessThanOrEqual(60);
  await loaded.unload();
});

test("a renamed loop is followed, and opening it opens the renamed note (no empty note at the old path)", async () => {
  const app = createApp({ files });
  const loaded = await loadBuiltPlugin(app);
  const inbox = await openInbox(app, loaded);
  const file = app.vault.getFileByPath("Copilot/Loops/LOOP-002 Question 2.md")!;
  await app.fileManager.renameFile(file, "Copilot/Loops/LOOP-002 Renamed.md");
  await flush();
  const link = [...inbox.querySelectorAll<HTMLElement>(".decp-loop a")].find((a) =>
    a.textContent?.startsWith("LOOP-002"),
  )!;
  expect(link.getAttribute("data-href")).toBe("Copilot/Loops/LOOP-002 Renamed.md");
  link.click();
  await flush();
  expect(app.vault.getFileByPath("Copilot/Loops/LOOP-002 Question 2.md")).toBeNull();
  expect(app.workspace.getActiveFile()?.path).toBe("Copilot/Loops/LOOP-002 Renamed.md");
  await loaded.unload();
});

test("a slow refresh that finishes last never paints an older list over a newer one", async () => {
  const app = createApp({ files: { "Copilot/Loops/LOOP-001 Question 1.md": loop("LOOP-001", "Question 1") } });
  const loaded = await loadBuiltPlugin(app);
  const inbox = await openInbox(app, loaded);
  // The next read of LOOP-001 hangs until released; later reads go through.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  const original = app.vault.cachedRead.bind(app.vault);
  jest.spyOn(app.vault, "cachedRead").mockImplementation(async (file: TFile) => {
    if (!held && file.path.endsWith("LOOP-001 Question 1.md")) {
      held = true;
      await gate;
    }
    return original(file);
  });
  const created = await app.vault.create("Copilot/Loops/LOOP-002 Short-lived.md", loop("LOOP-002", "Short-lived"));
  await app.vault.process(app.vault.getFileByPath("Copilot/Loops/LOOP-001 Question 1.md")!, (t) => t);
  await flush();
  await app.fileManager.trashFile(created);
  await flush();
  release();
  await flush();
  await settle();
  expect(titles(inbox)).toEqual(["LOOP-001 Question 1"]);
  await loaded.unload();
});
