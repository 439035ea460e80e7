/** @jest-environment jsdom */
// One frontmatter writer per note: a sync that brings back a title, a due date and a priority from
// TickTick edits the loop note with core's writer only. The app's processFrontMatter re-serialises
// the whole block its own way (tested in the fake), so using both on one note would flip its format.

import { routedOrigins } from "../../fakes/obsidian";
import { createApp, loadBuiltPlugin } from "../../fakes/obsidian-harness";
import { FakeTickTickServer } from "../../fakes/ticktick-server";

const PATH = "Copilot/Loops/LOOP-001 Validate invoice grain.md";
const loopNote =
  "---\nid: LOOP-001\ntype: loop\nstatus: open\ntitle: Validate invoice grain\ncaptured: 2026-01-21T14:30:00Z\nmodels: []\n---\n## Context\nWhy it matters\n\n## Question\nOne row per line?\n\n## Outcome\n\n";

let server: FakeTickTickServer;
beforeEach(async () => {
  server = await FakeTickTickServer.start();
  // The plugin talks to the official host only; the fake's requestUrl serves it from the test server.
  routedOrigins.set("https://api.ticktick.com", server.origin);
});
afterEach(async () => {
  routedOrigins.clear();
  await server.stop();
});

test("a sync that brings back title, due date and priority writes the loop note through one writer, once", async () => {
  const app = createApp({ files: { [PATH]: loopNote }, secrets: { "decp-ticktick-token": server.token } });
  const loaded = await loadBuiltPlugin(app);
  await loaded.run("sync-ticktick");
  const [task] = server.allTasks();
  server.userRetitle(task.id, "LOOP-001 Validate invoice line grain");
  server.userSetDue(task.id, "2026-02-01T09:00:00.000+0000");
  server.userSetPriority(task.id, 5);
  const appWriter = jest.spyOn(app.fileManager, "processFrontMatter");
  const writes: string[] = [];
  app.vault.on("modify", (file: { path: string }) => writes.push(file.path));
  await loaded.run("sync-ticktick");
  const text = await app.vault.read(app.vault.getFileByPath(PATH)!);
  expect(text).toContain("title: Validate invoice line grain");
  expect(text).toMatch(/due: .*2026-02-01/);
  expect(text).toContain("priority: high");
  expect(appWriter).not.toHaveBeenCalled();
  expect(writes.filter((p) => p === PATH)).toHaveLength(1);
  await loaded.unload();
});
