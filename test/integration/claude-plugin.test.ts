// The Claude Code plugin in plugins/claude-code, with the marketplace that lets `/plugin install` find
// it: its manifest lists the MCP server, the commands, the hooks and the skill, in the documented
// format; and its hooks and server, run the way Claude Code runs them (${CLAUDE_PLUGIN_ROOT} substituted,
// the vault option in the environment, the event as JSON on stdin), give what `decp resume` gives.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseNote } from "../../src/core/frontmatter";
import { marketplace, pluginManifest, skillFrontmatter, slashCommandFrontmatter } from "../support/agent-formats";
import { CLI, runCli } from "./built-cli";
import { connectMcp, metered } from "./mcp-client";

const ROOT = join(__dirname, "../..");
const PLUGIN = join(ROOT, "plugins/claude-code");
const manifest = pluginManifest.parse(JSON.parse(readFileSync(join(PLUGIN, ".claude-plugin/plugin.json"), "utf8")));

/** Runs a hook command as Claude Code does: ${CLAUDE_PLUGIN_ROOT} expanded, through bash, JSON on stdin. */
function runPluginHook(
  command: string,
  pluginRoot: string,
  env: Record<string, string>,
  stdin: string,
): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      "bash",
      ["-c", command.replace(/\$\{CLAUDE_PLUGIN_ROOT\}/g, pluginRoot)],
      { env: { PATH: dirname(process.execPath), CLAUDE_PLUGIN_ROOT: pluginRoot, ...env } },
      (error, stdout) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout }),
    );
    child.stdin?.end(stdin);
  });
}

const sessionStart = (source: string) =>
  JSON.stringify({
    session_id: "s1",
    transcript_path: "/tmp/t.jsonl",
    cwd: ROOT,
    hook_event_name: "SessionStart",
    source,
  });

describe("the manifest", () => {
  test("lists the MCP server, the four commands, the skill and the two hooks, every path present", () => {
    expect(Object.keys(manifest.mcpServers)).toEqual(["decp"]);
    expect(manifest.mcpServers.decp.args?.[0]).toBe("${CLAUDE_PLUGIN_ROOT}/scripts/decp.cjs");
    expect(manifest.mcpServers.decp.env).toEqual({
      DECP_VAULT: "${user_config.vault}",
      DECP_CLI: "${user_config.cli}",
    });
    expect(manifest.commands.map((c) => c.replace(/^\.\/commands\/|\.md$/g, ""))).toEqual([
      "resume",
      "pack",
      "capture",
      "handoff",
    ]);
    for (const command of manifest.commands) {
      const text = readFileSync(join(PLUGIN, command), "utf8");
      slashCommandFrontmatter.parse(parseNote(text, command).frontmatter);
    }
    expect(Object.keys(manifest.hooks).sort()).toEqual(["PreCompact", "SessionStart"]);
    expect(manifest.userConfig?.vault).toMatchObject({ type: "directory", required: true });
    expect(existsSync(join(PLUGIN, "scripts/decp.cjs"))).toBe(true);
    // Listed inline only: a default hooks/hooks.json next to a manifest `hooks` fails the plugin's load.
    expect([existsSync(join(PLUGIN, "hooks/hooks.json")), existsSync(join(PLUGIN, ".mcp.json"))]).toEqual([
      false,
      false,
    ]);
  });

  test("the skill has its frontmatter and every reference it points to", () => {
    expect(manifest.skills).toEqual(["./skills/decp-protocol"]);
    const skill = readFileSync(join(PLUGIN, "skills/decp-protocol/SKILL.md"), "utf8");
    const note = parseNote(skill, "SKILL.md");
    expect(skillFrontmatter.parse(note.frontmatter).name).toBe("decp-protocol");
    const moves = [...note.body.matchAll(/^## \d\. (.+)$/gm)].map((m) => m[1]);
    expect(moves).toEqual([
      "Start with bootload",
      "Pack around the focus",
      "Propose loops as they appear",
      "Record the context decision",
      "Hand off",
    ]);
    const links = [...note.body.matchAll(/\]\((references\/[^)]+)\)/g)].map((m) => m[1]);
    expect(new Set(links).size).toBe(3);
    for (const link of links) expect(statSync(join(PLUGIN, "skills/decp-protocol", link)).isFile()).toBe(true);
  });

  test("the repository's marketplace offers the plugin from its folder", () => {
    const market = marketplace.parse(JSON.parse(readFileSync(join(ROOT, ".claude-plugin/marketplace.json"), "utf8")));
    expect(market.plugins).toHaveLength(1);
    const [entry] = market.plugins;
    expect(join(ROOT, entry.source)).toBe(PLUGIN);
    expect(entry.name).toBe(manifest.name);
    expect(entry.version).toBe(manifest.version);
  });
});

describe("the hooks and the server, run as Claude Code runs them", () => {
  let dir: string;
  let vault: string;
  let resumeText: string;
  let packText: string;
  const hook = (event: "SessionStart" | "PreCompact") => manifest.hooks[event]![0].hooks[0].command;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "decp-plugin-"));
    vault = join(dir, "vault");
    expect((await runCli(["demo", vault])).code).toBe(0);
    resumeText = (await runCli(["resume", vault])).stdout;
    packText = (JSON.parse((await runCli(["resume", vault, "--json"])).stdout) as { text: string }).text;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("SessionStart from the clone (claude --plugin-dir) prints the resume pack", async () => {
    const run = await runPluginHook(
      hook("SessionStart"),
      PLUGIN,
      { CLAUDE_PLUGIN_OPTION_VAULT: vault },
      sessionStart("startup"),
    );
    expect(run).toEqual({ code: 0, stdout: resumeText });
  });

  test("installed (a copy in Claude Code's cache): the cli option finds decp; without it, one line", async () => {
    const cached = join(dir, "cache/decp/0.1.0");
    cpSync(PLUGIN, cached, { recursive: true });
    const withCli = await runPluginHook(
      hook("SessionStart"),
      cached,
      { CLAUDE_PLUGIN_OPTION_VAULT: vault, CLAUDE_PLUGIN_OPTION_CLI: CLI },
      sessionStart("clear"),
    );
    expect(withCli).toEqual({ code: 0, stdout: resumeText });
    const without = await runPluginHook(
      hook("SessionStart"),
      cached,
      { CLAUDE_PLUGIN_OPTION_VAULT: vault },
      sessionStart("startup"),
    );
    expect(without.code).toBe(0);
    expect(without.stdout.split("\n")).toEqual([expect.stringMatching(/^decp: the decp plugin cannot find decp/), ""]);
  });

  test("no vault option: one line of explanation, exit 0", async () => {
    const run = await runPluginHook(hook("SessionStart"), PLUGIN, {}, sessionStart("startup"));
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")).toEqual([expect.stringMatching(/^decp: no vault is configured/), ""]);
  });

  test("PreCompact asks for the handoff first", async () => {
    const run = await runPluginHook(
      hook("PreCompact"),
      PLUGIN,
      { CLAUDE_PLUGIN_OPTION_VAULT: vault },
      JSON.stringify({
        session_id: "s1",
        transcript_path: "/tmp/t.jsonl",
        cwd: ROOT,
        hook_event_name: "PreCompact",
        trigger: "manual",
      }),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("`write_handoff`");
  });

  test("the plugin's MCP server answers bootload with the resume pack", async () => {
    const server = manifest.mcpServers.decp;
    const mcp = await connectMcp(vault, {
      command: process.execPath,
      args: (server.args ?? []).map((a) => a.replace("${CLAUDE_PLUGIN_ROOT}", PLUGIN)),
      env: { PATH: process.env.PATH ?? "", DECP_VAULT: vault, DECP_CLI: "" },
    });
    try {
      const boot = await mcp.call("bootload", {});
      expect(metered(boot).body).toBe(packText);
    } finally {
      await mcp.close();
    }
  }, 60_000);
});
