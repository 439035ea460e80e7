// esbuild turns import() in a CJS bundle into Promise.resolve().then(() => (init_x(), x_exports)):
// the BPE ranks are in main.js but evaluated only when that promise runs, never at plugin load. The
// SQL parser (a virtual module the real build packs, external here) is reached the same way.
// (node environment: esbuild refuses to run under jsdom.)

import { buildSync } from "esbuild";
import { builtinModules } from "node:module";
import { join } from "node:path";

function buildPlugin(): string {
  const out = buildSync({
    entryPoints: [join(__dirname, "../../src/main.ts")],
    bundle: true,
    format: "cjs",
    platform: "browser",
    write: false,
    external: [
      "obsidian",
      "electron",
      "@codemirror/*",
      "sqlparser-wasm",
      ...builtinModules,
      ...builtinModules.map((m) => `node:${m}`),
    ],
    loader: { ".md": "text" },
    logLevel: "silent",
  });
  return out.outputFiles[0].text;
}

test("in the built bundle the encodings sit behind lazy module initialisers, called only from import()", () => {
  const text = buildPlugin();
  for (const encoding of ["o200k_base", "cl100k_base"]) {
    const start = text.indexOf(`// node_modules/gpt-tokenizer/esm/encoding/${encoding}.js`);
    expect(start).toBeGreaterThan(-1);
    const entry = /\nvar (init_\w+) = __esm\(/.exec(text.slice(start));
    expect(entry).not.toBeNull();
    const init = entry![1];
    const calls = [...text.matchAll(new RegExp(`[^\\n]*\\b${init}\\(\\)[^\\n]*`, "g"))].map((m) => m[0]);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls)
      expect(call).toMatch(new RegExp(`Promise\\.resolve\\(\\)\\.then\\(\\(\\) => \\(${init}\\(\\)`));
  }
});

test("the SQL parser is reached only through import(), on the first column analysis", () => {
  const uses = [...buildPlugin().matchAll(/[^\n]*"sqlparser-wasm"[^\n]*/g)].map((m) => m[0].trim());
  expect(uses).toEqual([expect.stringContaining('import("sqlparser-wasm")')]);
});
