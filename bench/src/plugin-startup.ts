// One Obsidian start-up in a fresh process: evaluate the built main.js, construct the plugin and run
// onload in the fake App. Prints {requireMs, onloadMs} as one JSON line.

import "./plugin-env";
import { join } from "node:path";
import { createApp, readManifest } from "../../test/fakes/obsidian-harness";
import type { Plugin, PluginManifest } from "../../test/fakes/obsidian";

async function main(): Promise<void> {
  const app = createApp({
    files: {
      "Copilot/Loops/LOOP-001 Validate invoice grain.md": "---\nid: LOOP-001\ntype: loop\nstatus: open\n---\n",
      "Daily/2026-01-21.md": "# 2026-01-21\n",
    },
    dailyNotes: { folder: "Daily", format: "YYYY-MM-DD" },
  });
  const manifest = readManifest();
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle is CommonJS, loaded like Obsidian loads it
  const bundle = require(join(__dirname, "..", "..", "main.js")) as {
    default?: new (app: unknown, manifest: PluginManifest) => Plugin;
  };
  const required = performance.now();
  const PluginClass = bundle.default ?? (bundle as unknown as new (app: unknown, manifest: PluginManifest) => Plugin);
  const plugin = new PluginClass(app, manifest);
  plugin.load();
  await plugin.onloadDone;
  const loaded = performance.now();
  process.stdout.write(JSON.stringify({ requireMs: required - started, onloadMs: loaded - required }) + "\n");
  plugin.unload();
  process.exit(0);
}

void main();
