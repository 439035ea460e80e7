/** @jest-environment jsdom */
// TickTick on other devices: secrets stay on the device that connected while data.json syncs, so
// a device without the token must not nag every interval; and the redirect listener needs Node,
// which only the desktop app has (Platform.isDesktopApp, not the desktop-sized UI).

import { findSetting, noticeMessages, openModals, setPlatform } from "../../fakes/obsidian";
import { createApp, loadBuiltPlugin, settle } from "../../fakes/obsidian-harness";

test("interval sync on a device without the token stays quiet; the command still says how to connect", async () => {
  jest.useFakeTimers();
  try {
    const app = createApp();
    const loaded = await loadBuiltPlugin(app, {
      data: { settings: { ticktick: { syncIntervalMinutes: 1, apiBase: "http://127.0.0.1:9" } } },
    });
    await jest.advanceTimersByTimeAsync(5 * 60_000);
    expect(noticeMessages().filter((m) => /not connected/i.test(m))).toEqual([]);
    // The command still says what to do when the user asks for a sync.
    await loaded.run("sync-ticktick");
    expect(noticeMessages().join("\n")).toMatch(/not connected/i);
    await loaded.unload();
  } finally {
    jest.useRealTimers();
  }
});

test("sign-in without the desktop app offers the paste-the-address path instead of failing on Node", async () => {
  const restore = setPlatform({ isDesktop: true, isDesktopApp: false });
  const open = jest.spyOn(window, "open").mockImplementation(() => null);
  try {
    const app = createApp();
    const loaded = await loadBuiltPlugin(app, { data: { settings: { ticktick: { oauthClientId: "client" } } } });
    await loaded.run("connect-ticktick");
    const modal = openModals.at(-1)!;
    const signIn = [...modal.contentEl.querySelectorAll("button")].find(
      (b) => b.textContent === "Open TickTick to sign in",
    )!;
    signIn.click();
    await settle(5);
    expect(noticeMessages().filter((m) => /error|cannot find module/i.test(m))).toEqual([]);
    expect(open).toHaveBeenCalledWith(expect.stringContaining("client_id=client"));
    expect(findSetting(modal.contentEl, "Redirect URL")).toBeDefined();
    modal.close();
    await loaded.unload();
  } finally {
    open.mockRestore();
    restore();
  }
});
