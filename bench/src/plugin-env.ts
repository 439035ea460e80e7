// Plain Node standing in for Obsidian's renderer: a jsdom window as the global DOM, and `obsidian`
// resolved to the bundled fake (bench/out/obsidian-fake.cjs). Imported before anything else.

import Module from "node:module";
import { join } from "node:path";
import { JSDOM } from "jsdom";

const { window } = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
const g = globalThis as Record<string, unknown>;
for (const key of Object.getOwnPropertyNames(window)) {
  if (key in g) continue;
  try {
    g[key] = (window as unknown as Record<string, unknown>)[key];
  } catch {
    // A few window getters throw outside a browsing context; Obsidian plugins do not need them.
  }
}
g.window = window;
g.document = window.document;

const fake = join(__dirname, "obsidian-fake.cjs");
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = resolver._resolveFilename;
resolver._resolveFilename = function (request: string, ...rest: unknown[]): string {
  return request === "obsidian" ? fake : resolve.call(this, request, ...rest);
};
