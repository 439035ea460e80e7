/** @jest-environment jsdom */
// The BUILT main.js keeps the BPE rank tables (most of its bytes) packed until the first count:
// esbuild's bundle stores them brotli-packed and base64-encoded (src/shims/packed-ranks.js decodes them
// with atob). Loading the plugin must decode nothing; the first tally decodes its encoding, once. The
// SQL parser's packed WebAssembly (esbuild.sqlparser.mjs) is decoded with atob too, on the first column
// analysis only, so neither load nor a tally may decode it.

import { createApp, loadBuiltPlugin, settle } from "../fakes/obsidian-harness";

/** Calls of atob with a rank table or the parser (megabytes of base64), not the odd short string. */
function rankTableDecodes(spy: jest.SpyInstance<string, [string]>): number {
  return spy.mock.calls.filter(([data]) => data.length > 100_000).length;
}

test("plugin load decodes no rank table and no SQL parser; the first tally decodes its encoding's, and only that one", async () => {
  const atob = jest.spyOn(globalThis, "atob");
  const app = createApp({ files: { "a.md": "# A\n\nSome text.\n", "b.md": "# B\n" } });
  app.workspace.layoutReady = false;
  const loaded = await loadBuiltPlugin(app);
  await settle(5);
  expect(loaded.commands()).toContain("de-copilot-patterns:tally-current-note");
  expect(rankTableDecodes(atob)).toBe(0);

  await app.workspace.setActiveFile(app.vault.getFileByPath("a.md"));
  await loaded.run("tally-current-note");
  expect(loaded.notices().at(-1)).toMatch(/tokens in 1 file/);
  expect(rankTableDecodes(atob)).toBe(1);
  await app.workspace.setActiveFile(app.vault.getFileByPath("b.md"));
  await loaded.run("tally-current-note");
  expect(rankTableDecodes(atob)).toBe(1);
  await loaded.unload();
  atob.mockRestore();
});
