// `decp agent-setup <vault> --repo <dir> --agent claude-code|cursor|vscode`: connects an agent to the
// vault in the repository where it runs. Absolute paths (this node, this dist/cli.js and its
// decp-hook.js, the vault) go into the agent's files, so a hook finds decp wherever the clone lives.

import { existsSync, promises as fs, realpathSync } from "node:fs";
import * as nodePath from "node:path";
import { Option, type Command } from "commander";
import { AGENT_NAMES, AGENTS, HOOK_ENTRY, planAgentSetup, type AgentKind } from "../../core/agents";
import { UserError } from "../../core/errors";
import { applyPlan } from "../../core/write-plan";
import { openCliVault, printResult, type OutputOptions } from "../cli-context";
import { FsVault } from "../fs-vault";

interface SetupOptions extends OutputOptions {
  repo: string;
  agent: AgentKind;
  dryRun?: boolean;
}

async function folder(path: string, what: string, hint: string): Promise<string> {
  const full = nodePath.resolve(path);
  const stat = await fs.stat(full).catch(() => null);
  if (!stat) throw new UserError(`${what} "${path}" does not exist`, { file: path }, hint);
  if (!stat.isDirectory()) throw new UserError(`${what} "${path}" is a file, not a folder`, { file: path }, hint);
  return realpathSync(full);
}

/** dist/cli.js as it runs, and the hook bundle the same build wrote beside it. */
function bundles(): { cli: string; hook: string } {
  const cli = realpathSync(__filename);
  const hook = nodePath.join(nodePath.dirname(cli), HOOK_ENTRY);
  if (!existsSync(hook))
    throw new UserError(`${hook} is missing beside ${cli}`, { file: hook }, "Run `npm run build` in decp's folder");
  return { cli, hook };
}

/**
 * The node running this set-up, as the PATH names it when it can: Homebrew's /opt/homebrew/bin/node
 * survives an upgrade where process.execPath (the versioned Cellar binary it links to) would not.
 */
function stableNodePath(): string {
  const running = realpathSync(process.execPath);
  for (const dir of (process.env.PATH ?? "").split(nodePath.delimiter).filter(Boolean)) {
    const candidate = nodePath.join(dir, process.platform === "win32" ? "node.exe" : "node");
    if (existsSync(candidate) && realpathSync(candidate) === running) return candidate;
  }
  return process.execPath;
}

const VERBS = { create: "create", update: "update", unchanged: "keep" } as const;

export async function agentSetup(root: string, options: SetupOptions) {
  const vaultPath = await folder(root, "Vault folder", "Pass the vault folder (`decp init <folder>` makes one)");
  const repoPath = await folder(options.repo, "Repository folder", "Pass the folder the agent works in");
  const { vault, settings } = await openCliVault(vaultPath);
  const warnings: string[] = [];
  if (!(await vault.exists(`${settings.protocolFolder}/BOOTLOADER.md`)))
    warnings.push(`${vaultPath} has no protocol notes yet: run \`decp init ${vaultPath}\``);
  const { cli, hook } = bundles();
  const launch = { node: stableNodePath(), cli, hook, vault: vaultPath, protocolFolder: settings.protocolFolder };
  const repo = new FsVault(repoPath);
  const setup = await planAgentSetup(repo, options.agent, launch);
  const written = options.dryRun ? [] : (await applyPlan(repo, setup.plan)).written;
  return {
    agent: options.agent,
    repo: repoPath,
    vault: vaultPath,
    dryRun: Boolean(options.dryRun),
    files: setup.files,
    written,
    warnings,
  };
}

function nextSteps(agent: AgentKind, repo: string): string[] {
  if (agent === "claude-code")
    return [
      `Start \`claude\` in ${repo}: approve the project MCP server "decp" when asked; every session then opens with the resume pack.`,
      "Slash commands: /decp-resume, /decp-pack, /decp-capture, /decp-handoff.",
    ];
  if (agent === "cursor")
    return [
      `Open ${repo} in Cursor and enable the "decp" MCP server in Cursor Settings > MCP; the rule decp applies to every chat.`,
    ];
  return [
    `Open ${repo} in VS Code, start the "decp" server from .vscode/mcp.json (Start above the entry) and use Copilot Chat in agent mode.`,
  ];
}

export function registerAgentsCommands(program: Command): void {
  program
    .command("agent-setup")
    .description(
      "Connect an agent (Claude Code, Cursor, VS Code) to the vault in the repository it works in (safe to run again)",
    )
    .argument("<vault>", "vault folder")
    .requiredOption("--repo <dir>", "the repository the agent runs in (the files are written there)")
    .addOption(new Option("--agent <agent>", "which agent").choices([...AGENTS]).makeOptionMandatory())
    .option("--dry-run", "show what would be written, write nothing")
    .option("--json", "print one JSON document")
    .action(async (root: string, options: SetupOptions) => {
      const result = await agentSetup(root, options);
      const width = Math.max(...result.files.map((f) => f.path.length));
      const changed = result.files.filter((f) => f.action !== "unchanged").length;
      const human = [
        `${AGENT_NAMES[result.agent]} in ${result.repo} (vault ${result.vault})${result.dryRun ? ", dry run" : ""}:`,
        ...result.files.map(
          (f) =>
            `  ${(result.dryRun && f.action !== "unchanged" ? `would ${f.action}` : VERBS[f.action]).padEnd(14)} ${f.path.padEnd(width)}  ${f.what}`,
        ),
        result.dryRun
          ? `Nothing written (dry run): ${changed} of ${result.files.length} files would change.`
          : `${result.written.length} files written, ${result.files.length - result.written.length} unchanged.`,
        ...result.warnings.map((w) => `warning: ${w}`),
        ...(result.dryRun || result.written.length === 0 ? [] : nextSteps(result.agent, result.repo)),
      ].join("\n");
      printResult(options, human, result);
    });
}
