// `decp agent-setup`: what connecting an agent (Claude Code, Cursor, VS Code) to a vault writes into the
// repository the agent runs in, as a WritePlan. Each file is edited the agent's documented way (see
// docs/ARCHITECTURE.md for the sources): JSON configs key by key, instruction files through decp's
// managed region. A second run plans nothing; text the user wrote is never touched.

import type { VaultPort } from "../vault";
import { emptyPlan, planWrite, type WritePlan } from "../write-plan";
import capture from "../../../plugins/claude-code/commands/capture.md";
import handoff from "../../../plugins/claude-code/commands/handoff.md";
import pack from "../../../plugins/claude-code/commands/pack.md";
import resume from "../../../plugins/claude-code/commands/resume.md";
import rules from "../../../templates/agents/RULES.md";
import { setJsonValue, upsertHookGroup } from "./json-config";
import { splitCommandSource, upsertManagedRegion } from "./managed-text";

export const AGENTS = ["claude-code", "cursor", "vscode"] as const;
export type AgentKind = (typeof AGENTS)[number];

export const AGENT_NAMES: Record<AgentKind, string> = {
  "claude-code": "Claude Code",
  cursor: "Cursor",
  vscode: "VS Code",
};

/** Absolute paths on this machine: the node binary and decp's bundles that ran the set-up, the vault. */
export interface AgentLaunch {
  node: string;
  cli: string;
  /** dist/decp-hook.js beside the CLI: the lean entry the hooks run. */
  hook: string;
  vault: string;
  /** The vault's protocol folder (settings), for the rules' pointer to BOOTLOADER. */
  protocolFolder: string;
}

export interface AgentFile {
  path: string;
  action: "create" | "update" | "unchanged";
  /** What decp keeps in the file, for the report: "MCP server decp", "protocol rules". */
  what: string;
}

export interface AgentSetupPlan {
  agent: AgentKind;
  plan: WritePlan;
  files: AgentFile[];
}

/** The slash commands Claude Code gets, named /decp-<name>; the plugin ships the same files as /decp:<name>. */
export const CLAUDE_COMMANDS: Record<string, string> = { resume, pack, capture, handoff };

/** The file a hook command runs: how decp recognises its own hooks in a settings file, wherever decp lives. */
export const HOOK_ENTRY = "decp-hook.js";

/** POSIX shell quoting; Claude Code runs hook commands through bash (Git Bash on Windows). */
export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function hookCommand(launch: AgentLaunch, event: "session-start" | "pre-compact"): string {
  return [launch.node, launch.hook, event, launch.vault].map((a, i) => (i === 2 ? a : shellQuote(a))).join(" ");
}

export function rulesText(launch: AgentLaunch): string {
  return rules.replace(/\{\{vault\}\}/g, launch.vault).replace(/\{\{protocol\}\}/g, launch.protocolFolder);
}

/** The stdio server entry; VS Code's format names the transport, Claude Code accepts it, Cursor's omits it. */
function serverEntry(agent: AgentKind, launch: AgentLaunch): Record<string, unknown> {
  const run = { command: launch.node, args: [launch.cli, "mcp", launch.vault] };
  return agent === "cursor" ? run : { type: "stdio", ...run };
}

interface FileEdit {
  path: string;
  what: string;
  edit: (existing: string | undefined) => string;
}

function editsFor(agent: AgentKind, launch: AgentLaunch): FileEdit[] {
  const rulesBody = rulesText(launch);
  const mcpServer = (path: string, serversKey: string): FileEdit => ({
    path,
    what: "MCP server decp",
    edit: (t) => setJsonValue(t, [serversKey, "decp"], serverEntry(agent, launch), path),
  });
  const rulesIn = (path: string, what: string, frontmatter?: Record<string, unknown>): FileEdit => ({
    path,
    what,
    edit: (t) => upsertManagedRegion(t, rulesBody, path, frontmatter),
  });
  if (agent === "cursor") {
    return [
      mcpServer(".cursor/mcp.json", "mcpServers"),
      rulesIn(".cursor/rules/decp.mdc", "protocol rules (always applied)", {
        description: "decp copilot protocol: resume pack, context packs from dbt lineage, loops, handoff",
        alwaysApply: true,
      }),
    ];
  }
  if (agent === "vscode") {
    return [
      mcpServer(".vscode/mcp.json", "servers"),
      rulesIn(".github/copilot-instructions.md", "protocol rules (managed section)"),
    ];
  }
  const isOurs = (command: string): boolean => command.includes(HOOK_ENTRY);
  return [
    mcpServer(".mcp.json", "mcpServers"),
    rulesIn("CLAUDE.md", "protocol rules (managed section)"),
    ...Object.entries(CLAUDE_COMMANDS).map(([name, source]): FileEdit => {
      const path = `.claude/commands/decp-${name}.md`;
      const command = splitCommandSource(source, path);
      return {
        path,
        what: `slash command /decp-${name}`,
        edit: (t) => upsertManagedRegion(t, command.body, path, command.frontmatter),
      };
    }),
    {
      path: ".claude/settings.json",
      what: "SessionStart and PreCompact hooks",
      edit: (t) => {
        const sessionStart = {
          matcher: "startup|resume|clear|compact",
          hooks: [{ type: "command", command: hookCommand(launch, "session-start"), timeout: 10 }],
        };
        const preCompact = { hooks: [{ type: "command", command: hookCommand(launch, "pre-compact"), timeout: 10 }] };
        const withStart = upsertHookGroup(t, "SessionStart", sessionStart, isOurs, ".claude/settings.json");
        const both = upsertHookGroup(withStart, "PreCompact", preCompact, isOurs, ".claude/settings.json");
        return t !== undefined && both === t ? t : both;
      },
    },
  ];
}

/** Plans the set-up of `agent` in the repository behind `repo`; the plan is applied with applyPlan. */
export async function planAgentSetup(repo: VaultPort, agent: AgentKind, launch: AgentLaunch): Promise<AgentSetupPlan> {
  const plan = emptyPlan();
  const files: AgentFile[] = [];
  for (const file of editsFor(agent, launch)) {
    const existing = (await repo.exists(file.path)) ? await repo.read(file.path) : undefined;
    const content = file.edit(existing);
    planWrite(plan, file.path, content, file.what, existing);
    const action = existing === undefined ? "create" : existing === content ? "unchanged" : "update";
    files.push({ path: file.path, action, what: file.what });
  }
  return { agent, plan, files };
}
