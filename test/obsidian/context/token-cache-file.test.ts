/** @jest-environment jsdom */
// Plugin data that does not churn: the token cache lives in .decp/cache (the file the CLI uses),
// written in batches and flushed on unload; data.json keeps settings only, so Sync carries no
// counts. An old cache found in data.json moves to the file once.

import { getEncoding } from "js-tiktoken";
import { createApp, hiddenFile, loadBuiltPlugin, settle } from "../../fakes/obsidian-harness";

const oracle = getEncoding("o200k_base");
const NOTE = "# Orders\n\nOne row per order.\n";
const CACHE = ".decp/cache/tokens-o200k_base.json";

function cacheFile(app: ReturnType<typeof createApp>): { entries: Record<string, [string, number, ...number[]]> } {
  const file = hiddenFile(app, CACHE);
  expect(file).toBeDefined();
  return JSON.parse(file!) as { entries: Record<string, [string, number, ...number[]]> };
}

test("counting and editing never write data.json; the cache goes to .decp/cache in one batch", async () => {
  const app = createApp({ files: { "Orders.md": NOTE } });
  const loaded = await loadBuiltPlugin(app, { data: { settings: { budget: 4000 } } });
  const dataWrites = jest.spyOn(app.pluginData, "set");
  const cacheWrites = jest.spyOn(app.vault.adapter, "write");
  const orders = app.vault.getFileByPath("Orders.md")!;
  await app.workspace.setActiveFile(orders);
  for (const text of ["# Orders\n\nEdited once.\n", "# Orders\n\nEdited twice.\n", NOTE]) {
    await loaded.run("tally-current-note");
    await app.vault.modify(orders, text);
  }
  await loaded.run("tally-current-note");
  await loaded.unload();
  expect(dataWrites).not.toHaveBeenCalled();
  expect(loaded.savedData()).toEqual({ settings: { budget: 4000 } });
  expect(cacheWrites.mock.calls.filter(([path]) => path === CACHE).length).toBeLessThanOrEqual(1);
  expect(cacheFile(app).entries["Orders.md"][1]).toBe(oracle.encode(NOTE).length);
});

test("a token cache found in data.json moves to the cache file once and leaves data.json", async () => {
  const app = createApp({ files: { "Orders.md": NOTE } });
  const orders = app.vault.getFileByPath("Orders.md")!;
  const tokenCache = {
    o200k_base: {
      version: 1,
      encoding: "o200k_base",
      entries: { "Orders.md": ["legacy", 42, orders.stat.mtime, orders.stat.size] },
    },
  };
  const loaded = await loadBuiltPlugin(app, { data: { settings: { budget: 4000 }, tokenCache } });
  await settle();
  expect(loaded.savedData()).toEqual({ settings: { budget: 4000 } });
  expect(cacheFile(app).entries["Orders.md"]).toEqual(["legacy", 42, orders.stat.mtime, orders.stat.size]);
  // The migrated count is the one used: the note is not read and counted again.
  await app.workspace.setActiveFile(orders);
  await loaded.run("tally-current-note");
  expect(loaded.notices().at(-1)).toMatch(/^42 tokens in 1 file/);
  await loaded.unload();
});

test("a broken cache file costs a recount, nothing else", async () => {
  const app = createApp({ files: { "Orders.md": NOTE } });
  await app.vault.adapter.mkdir(".decp/cache");
  await app.vault.adapter.write(CACHE, "{ not json");
  const loaded = await loadBuiltPlugin(app);
  await app.workspace.setActiveFile(app.vault.getFileByPath("Orders.md"));
  await loaded.run("tally-current-note");
  expect(loaded.notices().at(-1)).toMatch(new RegExp(`^${oracle.encode(NOTE).length} tokens in 1 file`));
  await loaded.unload();
  expect(cacheFile(app).entries["Orders.md"][1]).toBe(oracle.encode(NOTE).length);
});
