/** @jest-environment jsdom */
// Plugin start-up never loads the tokenizer (several MB of BPE ranks): the first count does.
// The plugin source is loaded here (not main.js) so jest can see the module being required.

import { createApp, readManifest, settle } from "../../fakes/obsidian-harness";

const loads: string[] = [];
jest.mock("gpt-tokenizer/encoding/o200k_base", () => {
  loads.push("o200k_base");
  return jest.requireActual<object>("gpt-tokenizer/encoding/o200k_base");
});

test("onload registers everything without loading gpt-tokenizer; the first tally loads it", async () => {
  const { default: DecpPlugin } = await import("../../../src/main");
  const app = createApp({ files: { "a.md": "# A\n\nSome text.\n" } });
  app.workspace.layoutReady = false;
  const plugin = new DecpPlugin(app as never, readManifest());
  (plugin as unknown as { load(): void }).load();
  await (plugin as unknown as { onloadDone: Promise<void> }).onloadDone;
  await settle(5);
  expect(app.commands.listCommands().map((c) => c.id)).toContain("de-copilot-patterns:tally-current-note");
  expect(loads).toEqual([]);

  await app.workspace.setActiveFile(app.vault.getFileByPath("a.md"));
  await app.commands.executeCommandByIdAsync("de-copilot-patterns:tally-current-note");
  await settle(10);
  expect(loads).toEqual(["o200k_base"]);
  (plugin as unknown as { unload(): void }).unload();
});
