/** @jest-environment jsdom */
// The built plugin in the Obsidian fake, syncing over requestUrl (real HTTP) with the fake TickTick
// server: commands, progress and summary notices, the report, and no token in data.json or notes.

import { liveIntervalCount, openModals, sentRequests } from "../../fakes/obsidian";
import { loadBuiltPlugin } from "../../fakes/obsidian-harness";
import type { FakeTickTickServer } from "../../fakes/ticktick-server";
import { appWithLoop, fakeTickTickPerTest, LOOP_NOTE } from "./plugin-sync-harness";

const fake = fakeTickTickPerTest();
let server: FakeTickTickServer;
beforeEach(() => (server = fake()));
const appWith = appWithLoop;

test("sync exports the loop, shows a summary, records a report, and keeps the token out of data and notes", async () => {
  const app = appWith({ "decp-ticktick-token": server.token });
  const loaded = await loadBuiltPlugin(app);
  expect(loaded.commands()).toEqual(
    expect.arrayContaining([
      "de-copilot-patterns:connect-ticktick",
      "de-copilot-patterns:sync-ticktick",
      "de-copilot-patterns:show-ticktick-report",
    ]),
  );
  await loaded.run("sync-ticktick");
  expect(loaded.notices()).toContain("TickTick sync: 1 created, 0 updated, 0 imported, 0 clarified");
  // The progress notice followed the work, then made way for the summary.
  expect(loaded.notices()[0]).toBe("Syncing LOOP-001 (1/1)");
  const [task] = server.allTasks();
  expect(task.title).toBe("LOOP-001 Validate invoice grain");
  const note = await app.vault.read(app.vault.getFileByPath("Copilot/Loops/LOOP-001 Validate invoice grain.md")!);
  expect(note).toContain(`ticktick_id: ${task.id}`);
  const saved = JSON.stringify(loaded.savedData());
  expect(saved).toContain(task.id);
  expect(saved).not.toContain(server.token);
  for (const file of app.vault.getFiles()) expect(await app.vault.read(file)).not.toContain(server.token);
  await loaded.run("show-ticktick-report");
  expect(openModals.at(-1)!.contentEl.textContent).toContain("1 created");
  await loaded.unload();
});

test("without a token the sync asks to connect; an expired one asks to reconnect and loses nothing", async () => {
  const app = appWith({});
  const loaded = await loadBuiltPlugin(app);
  await loaded.run("sync-ticktick");
  expect(loaded.notices().join("\n")).toMatch(/TickTick is not connected. Run "Connect TickTick" first/);
  app.secretStorage.setSecret("decp-ticktick-token", "expired");
  await loaded.run("sync-ticktick");
  expect(loaded.notices().join("\n")).toMatch(/reconnect/);
  expect(await app.vault.read(app.vault.getFileByPath("Copilot/Loops/LOOP-001 Validate invoice grain.md")!)).toBe(
    LOOP_NOTE,
  );
  await loaded.unload();
});

test("settings (a file in the vault) cannot send the token anywhere but an official TickTick host", async () => {
  const sentBefore = sentRequests.length;
  const app = appWith({ "decp-ticktick-token": server.token });
  for (const apiBase of [server.baseUrl, "https://evil.example/open/v1", "http://api.ticktick.com/open/v1"]) {
    const loaded = await loadBuiltPlugin(app, { data: { settings: { ticktick: { apiBase } } } });
    await loaded.run("sync-ticktick");
    expect(loaded.notices().join("\n")).toContain("settings may only choose https://api.ticktick.com/open/v1 or");
    await loaded.unload();
  }
  expect(sentRequests.length).toBe(sentBefore);
  expect(server.requests).toHaveLength(0);

  const official = { ticktick: { apiBase: "https://api.ticktick.com/open/v1" } };
  const loaded = await loadBuiltPlugin(app, { data: { settings: official } });
  await loaded.run("sync-ticktick");
  expect(loaded.notices()).toContain("TickTick sync: 1 created, 0 updated, 0 imported, 0 clarified");
  const sent = sentRequests.slice(sentBefore);
  expect(sent.length).toBeGreaterThan(0);
  for (const request of sent) expect(new URL(request.url).origin).toBe("https://api.ticktick.com");
  await loaded.unload();
});

test("the settings tab has a TickTick section whose token field names a secret, never holds it", async () => {
  const app = appWith({ "decp-ticktick-token": server.token });
  const loaded = await loadBuiltPlugin(app);
  const tab = loaded.openSettings();
  const text = tab.containerEl.textContent ?? "";
  expect(text).toContain("TickTick");
  expect(text).toContain("Access token secret");
  expect(text).not.toContain(server.token);
  expect(JSON.stringify(loaded.savedData() ?? {})).not.toContain(server.token);
  await loaded.unload();
});

test("interval sync is off by default and registered (and released) only when the user sets minutes", async () => {
  const before = liveIntervalCount();
  const off = await loadBuiltPlugin(appWith({}));
  expect(liveIntervalCount()).toBe(before);
  await off.unload();
  const on = await loadBuiltPlugin(appWith({}), { data: { settings: { ticktick: { syncIntervalMinutes: 15 } } } });
  expect(liveIntervalCount()).toBe(before + 1);
  await on.unload();
  expect(liveIntervalCount()).toBe(before);
});
