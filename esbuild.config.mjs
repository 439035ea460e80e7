// Builds the plugin (main.js, CJS, obsidian external) and the CLI (dist/cli.js) from one core.
import esbuild from "esbuild";
import { builtinModules, createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { brotliBase64 } from "./esbuild.brotli.mjs";
import { sqlParserWasm } from "./esbuild.sqlparser.mjs";

const production = process.argv[2] === "production";
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// jsonc-parser's "main" is a UMD build whose internal require() calls esbuild cannot follow; its ESM build bundles.
const jsoncEsm = {
  name: "jsonc-esm",
  setup(build) {
    build.onResolve({ filter: /^jsonc-parser$/ }, () => ({
      path: fileURLToPath(new URL("./node_modules/jsonc-parser/lib/esm/main.js", import.meta.url)),
    }));
  },
};

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

// gpt-tokenizer ships its rank tables as JS array literals (3.6 MB for o200k_base + cl100k_base).
// Brotli-packed and base64-encoded they take about 1.5 MB (deflated, 1.9 MB), keeping main.js under
// the size budget with the SQL parser; src/shims/packed-ranks.js unpacks them when an encoding is first
// used, with the brotli decoder the parser needs anyway.
const packedRanks = {
  name: "packed-ranks",
  setup(build) {
    build.onLoad({ filter: /gpt-tokenizer[\\/]esm[\\/]bpeRanks[\\/](o200k_base|cl100k_base)\.js$/ }, async (args) => {
      // The CommonJS twin of the same table, loadable synchronously from this ESM config.
      const ranks = createRequire(import.meta.url)(args.path.replace(/([\\/])esm([\\/])bpeRanks/, "$1cjs$2bpeRanks")).default;
      const encoding = args.path.match(/(o200k_base|cl100k_base)\.js$/)[1];
      const packed = brotliBase64(Buffer.from(JSON.stringify(ranks)), `ranks-${encoding}`);
      const unpack = fileURLToPath(new URL("./src/shims/packed-ranks.js", import.meta.url));
      return { contents: `import { unpackRanks } from ${JSON.stringify(unpack)};\nexport default unpackRanks(${JSON.stringify(packed)});\n`, loader: "js" };
    });
  },
};

// The hook bundle keeps the rank tables as JSON text: V8's JSON.parse reads them several times faster
// than it compiles the same array literals (session start measured ~1.6 s -> ~1.2 s under load).
const ranksAsJson = {
  name: "ranks-as-json",
  setup(build) {
    build.onLoad({ filter: /gpt-tokenizer[\\/](esm|cjs)[\\/]bpeRanks[\\/](o200k_base|cl100k_base)\.js$/ }, async (args) => {
      const ranks = createRequire(import.meta.url)(args.path.replace(/([\\/])esm([\\/])bpeRanks/, "$1cjs$2bpeRanks")).default;
      return { contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(ranks))});\n`, loader: "js" };
    });
  },
};

const plugin = esbuild.build({
  ...shared,
  plugins: [emptyFs, packedRanks, sqlParserWasm("plugin")],
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

// The CLI loads an encoding, and the MCP server, from their own files beside dist/cli.js: Node
// compiles all of a script it loads, so a command that counts nothing should not carry the 4 MB of
// rank tables (kept as JSON text, as in the hook bundle), nor `decp select` the MCP SDK and zod, nor
// anything but an import the SQL parser (dist/sqlparser.mjs).
const ENCODING_FILES = ["o200k_base", "cl100k_base"];
const loadedApart = {
  name: "loaded-apart",
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer\/encoding\/(o200k_base|cl100k_base)$/ }, (args) => ({
      path: `./tokenizer-${args.path.split("/").pop()}.js`,
      external: true,
    }));
    build.onResolve({ filter: /^\.\.\/mcp\/server$/ }, () => ({ path: "./decp-mcp.js", external: true }));
    // An ES module, so that import() gets its exports as they are (a CommonJS file would come wrapped).
    build.onResolve({ filter: /^sqlparser-wasm$/ }, () => ({ path: "./sqlparser.mjs", external: true }));
  },
};

const sqlparser = esbuild.build({
  ...shared,
  plugins: [sqlParserWasm("node")],
  stdin: { contents: 'export { default, parse_sql, wasmBytes } from "sqlparser-wasm";', resolveDir: ".", loader: "js" },
  outfile: "dist/sqlparser.mjs",
  format: "esm",
  platform: "node",
  minify: false,
});

const mcp = esbuild.build({
  ...shared,
  plugins: [jsoncEsm, loadedApart],
  entryPoints: ["src/cli/mcp/server.ts"],
  outfile: "dist/decp-mcp.js",
  format: "cjs",
  platform: "node",
  minify: false,
});

const encodings = ENCODING_FILES.map((encoding) =>
  esbuild.build({
    ...shared,
    plugins: [ranksAsJson],
    entryPoints: [`node_modules/gpt-tokenizer/esm/encoding/${encoding}.js`],
    outfile: `dist/tokenizer-${encoding}.js`,
    format: "cjs",
    platform: "node",
    minify: false,
  }),
);

const cli = esbuild.build({
  ...shared,
  plugins: [jsoncEsm, loadedApart],
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/cli.js",
  format: "cjs",
  platform: "node",
  minify: false,
  banner: { js: "#!/usr/bin/env node" },
});

// The hooks' entry (dist/decp-hook.js): the resume pack without the MCP server, dbt import or TickTick,
// so a Claude Code session start pays for what it prints and nothing else.
const hook = esbuild.build({
  ...shared,
  plugins: [ranksAsJson],
  // The hooks never import a dbt project, so they never analyse SQL: leave the parser out.
  external: ["sqlparser-wasm"],
  entryPoints: ["src/cli/hook-main.ts"],
  outfile: "dist/decp-hook.js",
  format: "cjs",
  platform: "node",
  minify: false,
  banner: { js: "#!/usr/bin/env node" },
});

await Promise.all([plugin, cli, hook, mcp, sqlparser, ...encodings]);
