// Jest global setup: the plugin and CLI tests load main.js and dist/cli.js, so rebuild them whenever
// any input is newer than either bundle. `npx jest` after an edit never tests a stale bundle.
const { execFileSync } = require("node:child_process");
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "../..");
const bundles = ["main.js", "dist/cli.js", "dist/decp-hook.js", "dist/sqlparser.mjs"].map((file) => join(root, file));
const inputs = [
  "src",
  "templates",
  "plugins",
  "esbuild.config.mjs",
  "esbuild.sqlparser.mjs",
  "esbuild.brotli.mjs",
  "package-lock.json",
].map((file) => join(root, file));

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

module.exports = function buildBundlesWhenStale() {
  const builtAt = Math.min(...bundles.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  const changedAt = Math.max(...inputs.filter(existsSync).map(newestMtime));
  if (builtAt >= changedAt) return;
  process.stderr.write("\nBundles are older than their sources: running the production build.\n");
  execFileSync(process.execPath, [join(root, "esbuild.config.mjs"), "production"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
};
