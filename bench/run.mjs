// Builds the TypeScript bench (bench/src -> bench/out, gitignored) with the same esbuild settings the
// CLI bundle uses, then runs it. `npm run bench -- --size small|full [--json]`.
import esbuild from "esbuild";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { sqlParserWasm } from "../esbuild.sqlparser.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "out");

// Build the shipped bundles first (main.js is measured), with the build's output on stderr so that
// `--json` leaves exactly one JSON document on stdout.
const build = spawnSync(process.execPath, [join(here, "..", "esbuild.config.mjs"), "production"], {
  cwd: join(here, ".."),
  stdio: ["ignore", 2, 2],
});
if (build.status !== 0) process.exit(build.status ?? 1);

// The Obsidian fake is its own bundle so the built main.js and the harness share one instance of it.
const shared = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "es2022",
  loader: { ".md": "text" },
  logLevel: "error",
  external: ["jsdom", "repomix", "canvas"],
  plugins: [sqlParserWasm("node")],
};
const fakeOnly = {
  name: "obsidian-fake-external",
  setup(build) {
    build.onResolve({ filter: /^(obsidian|\.\/obsidian)$/ }, (args) =>
      args.importer.endsWith("obsidian-harness.ts") || args.path === "obsidian"
        ? { path: "obsidian", external: true }
        : undefined,
    );
  },
};
await Promise.all([
  esbuild.build({ ...shared, entryPoints: [join(here, "src/main.ts")], outfile: join(out, "bench.cjs") }),
  esbuild.build({ ...shared, entryPoints: [join(here, "src/child.ts")], outfile: join(out, "child.cjs") }),
  esbuild.build({
    ...shared,
    entryPoints: [join(here, "..", "test/fakes/obsidian.ts")],
    outfile: join(out, "obsidian-fake.cjs"),
  }),
  esbuild.build({
    ...shared,
    plugins: [fakeOnly, sqlParserWasm("node")],
    entryPoints: [join(here, "src/plugin-startup.ts")],
    outfile: join(out, "plugin-startup.cjs"),
  }),
]);

const result = spawnSync(process.execPath, ["--expose-gc", join(out, "bench.cjs"), ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
