// Builds the plugin (main.js, CJS, obsidian external) and the CLI (dist/cli.js) from one core.
import esbuild from "esbuild";
import { builtinModules } from "node:module";

const production = process.argv[2] === "production";
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const shared = {
  bundle: true,
  loader: { ".md": "text" },
  target: "es2022",
  logLevel: "info",
  sourcemap: production ? false : "inline",
  treeShaking: true,
  minify: production,
};

// gray-matter requires fs at load time; the plugin never reads through it, so give it an empty module.
const emptyFs = {
  name: "empty-fs",
  setup(build) {
    build.onResolve({ filter: /^(node:)?fs$/ }, () => ({ path: new URL("./src/shims/empty.js", import.meta.url).pathname }));
  },
};

const plugin = esbuild.build({
  ...shared,
  plugins: [emptyFs],
  inject: ["src/shims/buffer.js"],
  entryPoints: ["src/main.ts"],
  outfile: "main.js",
  format: "cjs",
  platform: "browser",
  external: [
    "obsidian",
    "electron",
    "@codemirror/*",
    "@lezer/*",
    ...nodeBuiltins.filter((m) => m !== "fs" && m !== "node:fs"),
  ],
});

const cli = esbuild.build({
  ...shared,
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/cli.js",
  format: "cjs",
  platform: "node",
  minify: false,
  banner: { js: "#!/usr/bin/env node" },
});

await Promise.all([plugin, cli]);
