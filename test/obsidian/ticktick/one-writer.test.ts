/** @jest-environment jsdom */
// One frontmatter writer per note: a sync that brings back a title, a due date and a priority from
// TickTick edits the loop note with core's writer only. The app's processFrontMatter re-serialises
// the whole block its own way (tested in the fake), so using both on one note would flip its format.

import { loadBuiltPlugin } from "../../fakes/obsidian-harness";
import { appWithLoop, fakeTickTickPerTest, LOOP_PATH } from "./plugin-sync-harness";

const PATH = LOOP_PATH;
const fake = fakeTickTickPerTest();

test("a sync that brings back title, due date and priority writes the loop note through one writer, once", async () => {
  const server = fake();
  const app = appWithLoop({ "decp-ticktick-token": server.token });
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
