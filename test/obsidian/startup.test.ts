/** @jest-environment jsdom */
// Start-up costs nothing: after layout-ready, with a note open, the plugin loads no tokenizer and
// reads no note; the status bar (desktop only) shows a count only from the token cache until the
// user asks for one. The plugin source is loaded (not main.js) so jest can see the tokenizer load.

import { emulateMobile, type App } from "../fakes/obsidian";
import { createApp, readManifest } from "../fakes/obsidian-harness";

const loads: string[] = [];
jest.mock("gpt-tokenizer/encoding/o200k_base", () => {
  loads.push("o200k_base");
  return jest.requireActual<object>("gpt-tokenizer/encoding/o200k_base");
});

const NOTE = "# Orders\n\nOne row per order.\n";

interface Loaded {
  unload(): void;
}

/** Obsidian restores the open note, loads the plugin, then the layout is ready; returns the notes the plugin read. */
async function start(app: App): Promise<{ plugin: Loaded; reads: string[] }> {
  const { default: DecpPlugin } = await import("../../src/main");
  app.workspace.layoutReady = false;
  await app.workspace.setActiveFile(app.vault.getFileByPath("Orders.md"));
  const reads = readsOf(app);
  const plugin = new DecpPlugin(app as never, readManifest()) as unknown as Loaded & {
    load(): void;
    onloadDone: Promise<void>;
  };
  plugin.load();
  await plugin.onloadDone;
  app.workspace.setLayoutReady();
  // Long enough for any debounced start-up work (status bar, caches) to have run.
  await jest.advanceTimersByTimeAsync(10_000);
  return { plugin, reads };
}

function readsOf(app: App): string[] {
  const paths: string[] = [];
  for (const method of ["read", "cachedRead"] as const) {
    const original = app.vault[method].bind(app.vault);
    jest.spyOn(app.vault, method).mockImplementation((file) => {
      paths.push(file.path);
      return original(file);
    });
  }
  return paths;
}

beforeEach(() => {
  loads.length = 0;
  jest.useFakeTimers();
});
afterEach(() => jest.useRealTimers());

test("on mobile, start-up loads no tokenizer, reads no note and adds nothing to a status bar", async () => {
  const restore = emulateMobile();
  try {
    const app = createApp({ files: { "Orders.md": NOTE } });
    const { plugin, reads } = await start(app);
    expect(loads).toEqual([]);
    expect(reads).toEqual([]);
    expect(app.statusBarEl.children).toHaveLength(0);
    plugin.unload();
  } finally {
    restore();
  }
});

test("on desktop the status bar count comes from the token cache: no tokenizer, no note read", async () => {
  const app = createApp({ files: { "Orders.md": NOTE } });
  const file = app.vault.getFileByPath("Orders.md")!;
  await app.vault.adapter.mkdir(".decp/cache");
  await app.vault.adapter.write(
    ".decp/cache/tokens-o200k_base.json",
    JSON.stringify({
      version: 1,
      encoding: "o200k_base",
      entries: { "Orders.md": ["cached", 9, file.stat.mtime, file.stat.size] },
    }),
  );
  const { plugin, reads } = await start(app);
  expect(app.statusBarEl.querySelector(".decp-token-status")?.textContent).toBe("9 tokens");
  expect(loads).toEqual([]);
  expect(reads).toEqual([]);
  plugin.unload();
});

test("without a cached count the status bar offers one, and counts the note only when clicked", async () => {
  const app = createApp({ files: { "Orders.md": NOTE } });
  const { plugin, reads } = await start(app);
  const status = app.statusBarEl.querySelector<HTMLElement>(".decp-token-status")!;
  expect(loads).toEqual([]);
  expect(reads).toEqual([]);
  expect(status.textContent).toBe("Count tokens");
  status.click();
  await jest.advanceTimersByTimeAsync(1000);
  expect(loads).toEqual(["o200k_base"]);
  expect(reads).toEqual(["Orders.md"]);
  expect(status.textContent).toBe("8 tokens");
  plugin.unload();
});
