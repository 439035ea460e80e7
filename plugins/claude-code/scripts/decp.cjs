#!/usr/bin/env node
// The decp Claude Code plugin's launcher: finds the decp the user installed and runs its MCP server
// (`decp.cjs mcp`) or its hook (`decp.cjs hook session-start|pre-compact`) in this same process.
// The plugin directory is copied into Claude Code's cache, so decp is looked up, in order: the plugin's
// `cli` option (or DECP_CLI), the clone this directory sits in (claude --plugin-dir), `decp` on PATH.
// A hook never fails a session: without decp it prints one line of explanation and exits 0.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

/** DECP_<NAME>, else the plugin option Claude Code exports as CLAUDE_PLUGIN_OPTION_<NAME>. */
function option(name) {
  const direct = process.env[`DECP_${name.toUpperCase()}`];
  if (direct) return direct;
  const key = Object.keys(process.env).find((k) => k.toUpperCase() === `CLAUDE_PLUGIN_OPTION_${name.toUpperCase()}`);
  return key && process.env[key] ? process.env[key] : undefined;
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** decp's dist/cli.js behind a `decp` on PATH: npm link and npm install -g make a symlink (Windows: a .cmd shim). */
function cliOnPath() {
  for (const dir of (process.env.PATH || "").split(path.delimiter).filter(Boolean)) {
    const bin = path.join(dir, "decp");
    if (isFile(bin)) {
      const real = fs.realpathSync(bin);
      if (real.endsWith(".js")) return real;
    }
    const shimmed = path.join(dir, "node_modules", "de-copilot-patterns", "dist", "cli.js");
    if (isFile(path.join(dir, "decp.cmd")) && isFile(shimmed)) return shimmed;
  }
  return undefined;
}

function findCli() {
  const candidates = [option("cli"), path.resolve(__dirname, "../../../dist/cli.js")];
  return candidates.find((c) => c && isFile(c)) || cliOnPath();
}

const NOT_FOUND =
  "decp: the decp plugin cannot find decp. Set the plugin's cli option to your clone's dist/cli.js (after npm run build), or run npm link in the clone.";

async function main(argv) {
  const [mode, event] = argv;
  const cli = findCli();
  if (mode === "hook") {
    const hook = cli && path.join(path.dirname(cli), "decp-hook.js");
    if (!hook || !isFile(hook)) {
      if (event === "session-start") process.stdout.write(NOT_FOUND + "\n");
      return 0;
    }
    await require(hook).main([event]);
    return 0;
  }
  if (mode === "mcp") {
    const vault = option("vault");
    if (!cli || !vault) {
      process.stderr.write(
        cli ? "decp: no vault: set the decp plugin's vault option (or DECP_VAULT)\n" : NOT_FOUND + "\n",
      );
      return 1;
    }
    return require(cli).run(["mcp", vault]);
  }
  process.stderr.write("usage: decp.cjs mcp | decp.cjs hook session-start|pre-compact\n");
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (process.argv[2] === "hook") process.exit(0);
    process.exitCode = code;
  },
  (error) => {
    if (process.argv[2] === "hook") {
      process.stdout.write(`decp: the hook failed (${error && error.message}).\n`);
      process.exit(0);
    }
    process.stderr.write(`decp: ${error && error.stack}\n`);
    process.exitCode = 1;
  },
);
