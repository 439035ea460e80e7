// 5. Plugin start-up: the built main.js in the Obsidian fake, one fresh Node process per start so
// nothing is cached: evaluation of main.js, then construction + onload. And the bundle's size.

import { statSync } from "node:fs";
import { join } from "node:path";
import { runChild } from "./child-process";
import { figure, median, progress, type Figure } from "./figures";

export async function benchPlugin(reps: number): Promise<Figure[]> {
  progress("plugin: start-up in fresh processes");
  const runs = Array.from({ length: reps * 2 + 1 }, () =>
    runChild<{ requireMs: number; onloadMs: number }>("plugin-startup.cjs", []),
  );
  const bytes = statSync(join(__dirname, "..", "..", "main.js")).size;
  return Promise.resolve([
    figure(
      "plugin_onload",
      median(runs.map((r) => r.onloadMs)),
      "ms",
      ["<=", 15],
      "construct + onload in the fake App",
    ),
    figure(
      "plugin_main_js_evaluate",
      median(runs.map((r) => r.requireMs)),
      "ms",
      undefined,
      "require(main.js) in a fresh process",
    ),
    figure("plugin_main_js_size", bytes / 1e6, "MB", ["<=", 3.5]),
  ]);
}
