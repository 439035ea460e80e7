import {
  AGENTS,
  CLAUDE_COMMANDS,
  hookCommand,
  planAgentSetup,
  splitCommandSource,
  type AgentKind,
} from "../../../src/core/agents";
import { parseNote } from "../../../src/core/frontmatter";
import { applyPlan } from "../../../src/core/write-plan";
import { MemoryVault } from "../../../src/demo/memory-vault";
import {
  claudeMcpJson,
  claudeSettings,
  cursorMcpJson,
  cursorRuleFrontmatter,
  slashCommandFrontmatter,
  vscodeMcpJson,
} from "../../support/agent-formats";

const launch = {
  node: "/usr/local/bin/node",
  cli: "/home/dana/decp/dist/cli.js",
  hook: "/home/dana/decp/dist/decp-hook.js",
  vault: "/home/dana/My Vault",
  protocolFolder: "Copilot/Protocol",
};

const FILES: Record<AgentKind, string[]> = {
  "claude-code": [
    ".mcp.json",
    "CLAUDE.md",
    ".claude/commands/decp-resume.md",
    ".claude/commands/decp-pack.md",
    ".claude/commands/decp-capture.md",
    ".claude/commands/decp-handoff.md",
    ".claude/settings.json",
  ],
  cursor: [".cursor/mcp.json", ".cursor/rules/decp.mdc"],
  vscode: [".vscode/mcp.json", ".github/copilot-instructions.md"],
};

async function setUp(repo: MemoryVault, agent: AgentKind) {
  const setup = await planAgentSetup(repo, agent, launch);
  await applyPlan(repo, setup.plan);
  return setup;
}

describe.each(AGENTS.map((a) => [a]))("%s", (agent) => {
  test("writes its files; a second run plans no write", async () => {
    const repo = new MemoryVault();
    const first = await setUp(repo, agent);
    expect(first.files.map((f) => [f.path, f.action])).toEqual(FILES[agent].map((p) => [p, "create"]));
    const second = await planAgentSetup(repo, agent, launch);
    expect(second.plan.writes).toEqual([]);
    expect(second.files.every((f) => f.action === "unchanged")).toBe(true);
  });

  test("the rules name the vault and the protocol note", async () => {
    const repo = new MemoryVault();
    await setUp(repo, agent);
    const rules = FILES[agent].find((p) => p.endsWith(".md") || p.endsWith(".mdc"))!;
    const text = await repo.read(agent === "claude-code" ? "CLAUDE.md" : rules);
    expect(text).toContain("`/home/dana/My Vault`");
    expect(text).toContain("Copilot/Protocol/BOOTLOADER.md");
    expect(text).toContain("write_handoff");
  });
});

describe("formats, as each agent documents them", () => {
  test("Claude Code: .mcp.json, settings hooks, slash commands", async () => {
    const repo = new MemoryVault();
    await setUp(repo, "claude-code");
    const mcp = claudeMcpJson.parse(JSON.parse(await repo.read(".mcp.json")));
    expect(mcp.mcpServers.decp).toEqual({
      type: "stdio",
      command: launch.node,
      args: [launch.cli, "mcp", launch.vault],
    });
    const settings = claudeSettings.parse(JSON.parse(await repo.read(".claude/settings.json")));
    expect(settings.hooks?.SessionStart).toEqual([
      {
        matcher: "startup|resume|clear|compact",
        hooks: [{ type: "command", command: hookCommand(launch, "session-start"), timeout: 10 }],
      },
    ]);
    expect(settings.hooks?.PreCompact?.[0].hooks[0].command).toBe(hookCommand(launch, "pre-compact"));
    for (const [name, source] of Object.entries(CLAUDE_COMMANDS)) {
      const path = `.claude/commands/decp-${name}.md`;
      const written = parseNote(await repo.read(path), path);
      slashCommandFrontmatter.parse(written.frontmatter);
      // One source: the plugin's command file is the project's command, inside decp's region.
      expect(written.body).toContain(splitCommandSource(source, name).body.trim());
    }
  });

  test("hook commands quote every path for the shell", () => {
    expect(hookCommand({ ...launch, vault: "/v/it's here" }, "session-start")).toBe(
      `'/usr/local/bin/node' '/home/dana/decp/dist/decp-hook.js' session-start '/v/it'\\''s here'`,
    );
  });

  test("Cursor: .cursor/mcp.json and an always-applied .mdc rule", async () => {
    const repo = new MemoryVault();
    await setUp(repo, "cursor");
    const mcp = cursorMcpJson.parse(JSON.parse(await repo.read(".cursor/mcp.json")));
    expect(mcp.mcpServers.decp).toEqual({ command: launch.node, args: [launch.cli, "mcp", launch.vault] });
    const rule = parseNote(await repo.read(".cursor/rules/decp.mdc"));
    expect(cursorRuleFrontmatter.parse(rule.frontmatter).alwaysApply).toBe(true);
  });

  test("VS Code: .vscode/mcp.json uses servers with type stdio", async () => {
    const repo = new MemoryVault();
    await setUp(repo, "vscode");
    const mcp = vscodeMcpJson.parse(JSON.parse(await repo.read(".vscode/mcp.json")));
    expect(mcp.servers.decp).toEqual({ type: "stdio", command: launch.node, args: [launch.cli, "mcp", launch.vault] });
  });
});

describe("the user's files", () => {
  test("CLAUDE.md text, other MCP servers, settings keys and hooks survive, and stay on a second run", async () => {
    const repo = new MemoryVault();
    await repo.write("CLAUDE.md", "# Acme dbt\n\nRun `dbt build -s state:modified+` before pushing.\n");
    await repo.write(".mcp.json", JSON.stringify({ mcpServers: { github: { command: "gh-mcp" } } }, null, 2));
    const settings = { model: "opus", hooks: { SessionStart: [{ hooks: [{ type: "command", command: "echo hi" }] }] } };
    await repo.write(".claude/settings.json", JSON.stringify(settings, null, 2));
    await setUp(repo, "claude-code");
    await setUp(repo, "claude-code");
    expect(await repo.read("CLAUDE.md")).toMatch(
      /^# Acme dbt\n\nRun `dbt build -s state:modified\+` before pushing\.\n\n<!-- decp:begin/,
    );
    expect(claudeMcpJson.parse(JSON.parse(await repo.read(".mcp.json"))).mcpServers.github).toEqual({
      command: "gh-mcp",
    });
    const after = claudeSettings.parse(JSON.parse(await repo.read(".claude/settings.json")));
    expect(after.model).toBe("opus");
    expect(after.hooks?.SessionStart).toHaveLength(2);
    expect(after.hooks?.SessionStart?.[0]).toEqual(settings.hooks.SessionStart[0]);
  });

  test("a broken file stops the whole set-up before anything is written", async () => {
    const repo = new MemoryVault();
    await repo.write(".claude/settings.json", "{ not json");
    await expect(planAgentSetup(repo, "claude-code", launch)).rejects.toMatchObject({
      where: { file: ".claude/settings.json", line: 1 },
    });
    expect(await repo.exists(".mcp.json")).toBe(false);
  });
});
