// `decp agent-setup` on the built CLI, in a temporary git repository beside a fresh demo vault: the
// files each agent reads validate against its documented format, a second run writes nothing, the
// user's own text survives, and the Claude Code hooks, run exactly as Claude Code runs them (the
// settings' command through bash, the event as JSON on stdin), print what `decp resume` prints.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseNote } from "../../src/core/frontmatter";
import {
  claudeMcpJson,
  claudeSettings,
  cursorMcpJson,
  cursorRuleFrontmatter,
  slashCommandFrontmatter,
  vscodeMcpJson,
} from "../support/agent-formats";
import { CLI, runCli } from "./built-cli";

const HOOK = join(CLI, "..", "decp-hook.js");

/** What Claude Code writes on a hook's stdin. */
function hookInput(event: string, repo: string, extra: Record<string, string>): string {
  return JSON.stringify({
    session_id: "0c5c5e0e-9a3b-4c1d-8f51-5a7f1f1d2e3f",
    transcript_path: join(repo, ".claude", "transcript.jsonl"),
    cwd: repo,
    hook_event_name: event,
    ...extra,
  });
}

/** Runs a hook command the way Claude Code does: through bash, in the project folder, JSON on stdin. */
function runHookCommand(command: string, stdin: string, cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = execFile("bash", ["-c", command], { cwd }, (error, stdout) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout }),
    );
    child.stdin?.end(stdin);
  });
}

function filesOf(root: string, paths: string[]): Record<string, string> {
  return Object.fromEntries(paths.map((p) => [p, readFileSync(join(root, p), "utf8")]));
}

interface SetupJson {
  agent: string;
  repo: string;
  vault: string;
  dryRun: boolean;
  files: { path: string; action: string; what: string }[];
  written: string[];
  warnings: string[];
}

let dir: string;
let vault: string;
let repo: string;
let resumeText: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "decp-agents-"));
  vault = join(dir, "vault");
  repo = join(dir, "acme-dbt");
  expect((await runCli(["demo", vault])).code).toBe(0);
  execFileSync("git", ["init", "-q", repo]);
  writeFileSync(join(repo, "CLAUDE.md"), "# Acme dbt\n\nAlways run `dbt build -s state:modified+` before a push.\n");
  mkdirSync(join(repo, ".claude"));
  writeFileSync(
    join(repo, ".claude", "settings.json"),
    JSON.stringify(
      {
        permissions: { allow: ["Bash(dbt ls:*)"] },
        hooks: { Stop: [{ hooks: [{ type: "command", command: "true" }] }] },
      },
      null,
      2,
    ),
  );
  const resume = await runCli(["resume", vault]);
  expect(resume.code).toBe(0);
  resumeText = resume.stdout;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function setup(agent: string, ...extra: string[]): Promise<SetupJson> {
  const run = await runCli(["agent-setup", vault, "--repo", repo, "--agent", agent, "--json", ...extra]);
  expect([run.code, run.stderr]).toEqual([0, ""]);
  return JSON.parse(run.stdout) as SetupJson;
}

describe.each([["claude-code"], ["cursor"], ["vscode"]])("%s", (agent) => {
  test("a dry run shows the plan and writes nothing; the set-up writes; a second run writes nothing", async () => {
    const dry = await setup(agent, "--dry-run");
    expect(dry.dryRun).toBe(true);
    expect(dry.written).toEqual([]);
    const fresh = dry.files.filter((f) => f.action === "create").map((f) => f.path);
    expect(fresh.length).toBeGreaterThan(0);
    for (const path of fresh) expect([path, existsSync(join(repo, path))]).toEqual([path, false]);

    const first = await setup(agent);
    expect(first.repo).toBe(realpathSync(repo));
    expect(first.written.sort()).toEqual(
      first.files
        .filter((f) => f.action !== "unchanged")
        .map((f) => f.path)
        .sort(),
    );
    const paths = first.files.map((f) => f.path);
    const before = filesOf(repo, paths);

    const second = await setup(agent);
    expect(second.written).toEqual([]);
    expect(second.files.map((f) => f.action)).toEqual(paths.map(() => "unchanged"));
    expect(filesOf(repo, paths)).toEqual(before);
  });
});

describe("the files validate against each agent's documented format", () => {
  /** The server entry as agent-setup writes it: this node (as PATH names it), this CLI, the vault, all absolute. */
  const expectServer = (entry: { command: string; args?: string[] }) => {
    expect(realpathSync(entry.command)).toBe(realpathSync(process.execPath));
    expect(entry.args).toEqual([realpathSync(CLI), "mcp", realpathSync(vault)]);
  };

  test("Claude Code", () => {
    const decp = claudeMcpJson.parse(JSON.parse(readFileSync(join(repo, ".mcp.json"), "utf8"))).mcpServers.decp;
    expect(decp.type).toBe("stdio");
    expectServer(decp);
    const settings = claudeSettings.parse(JSON.parse(readFileSync(join(repo, ".claude/settings.json"), "utf8")));
    expect(settings.hooks?.SessionStart?.[0].matcher?.split("|").sort()).toEqual([
      "clear",
      "compact",
      "resume",
      "startup",
    ]);
    for (const name of ["resume", "pack", "capture", "handoff"]) {
      const path = join(repo, ".claude/commands", `decp-${name}.md`);
      slashCommandFrontmatter.parse(parseNote(readFileSync(path, "utf8"), path).frontmatter);
    }
  });

  test("Cursor", () => {
    expectServer(cursorMcpJson.parse(JSON.parse(readFileSync(join(repo, ".cursor/mcp.json"), "utf8"))).mcpServers.decp);
    const rule = parseNote(readFileSync(join(repo, ".cursor/rules/decp.mdc"), "utf8"));
    expect(cursorRuleFrontmatter.parse(rule.frontmatter).alwaysApply).toBe(true);
    expect(rule.body).toContain("bootload");
  });

  test("VS Code", () => {
    const decp = vscodeMcpJson.parse(JSON.parse(readFileSync(join(repo, ".vscode/mcp.json"), "utf8"))).servers.decp;
    expect(decp.type).toBe("stdio");
    expectServer(decp);
    expect(readFileSync(join(repo, ".github/copilot-instructions.md"), "utf8")).toContain("`propose_loops`");
  });
});

test("the user's CLAUDE.md text and settings survive", () => {
  const claude = readFileSync(join(repo, "CLAUDE.md"), "utf8");
  expect(
    claude.startsWith("# Acme dbt\n\nAlways run `dbt build -s state:modified+` before a push.\n\n<!-- decp:begin"),
  ).toBe(true);
  const settings = claudeSettings.parse(JSON.parse(readFileSync(join(repo, ".claude/settings.json"), "utf8")));
  expect(settings.permissions).toEqual({ allow: ["Bash(dbt ls:*)"] });
  expect(settings.hooks?.Stop).toEqual([{ hooks: [{ type: "command", command: "true" }] }]);
});

describe("the Claude Code hooks, run as Claude Code runs them", () => {
  const command = (event: "SessionStart" | "PreCompact"): string => {
    const settings = claudeSettings.parse(JSON.parse(readFileSync(join(repo, ".claude/settings.json"), "utf8")));
    return settings.hooks?.[event]?.[0].hooks[0].command ?? "";
  };

  test.each([["startup"], ["compact"]])(
    "SessionStart (%s) prints exactly what `decp resume` prints",
    async (source) => {
      const run = await runHookCommand(command("SessionStart"), hookInput("SessionStart", repo, { source }), repo);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(resumeText);
    },
  );

  test("PreCompact tells the agent to write the handoff first", async () => {
    const run = await runHookCommand(command("PreCompact"), hookInput("PreCompact", repo, { trigger: "auto" }), repo);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("write the decp handoff with the `write_handoff` tool");
  });

  test("a missing vault: one line of explanation, exit 0", async () => {
    const run = await runHookCommand(
      `'${process.execPath}' '${HOOK}' session-start '${join(dir, "no-such-vault")}'`,
      hookInput("SessionStart", repo, { source: "startup" }),
      repo,
    );
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")).toEqual([expect.stringMatching(/^decp: .*no-such-vault.* does not exist/), ""]);
  });

  test("a broken note: one line naming it, exit 0 (where `decp resume` fails)", async () => {
    const broken = join(dir, "broken");
    expect((await runCli(["init", broken])).code).toBe(0);
    writeFileSync(join(broken, "Copilot/Protocol/BOOTLOADER.md"), "---\ntitle: [unclosed\n---\n# Bootloader\n");
    expect((await runCli(["resume", broken])).code).toBe(1);
    const run = await runHookCommand(
      `'${process.execPath}' '${HOOK}' session-start '${broken}'`,
      hookInput("SessionStart", repo, { source: "resume" }),
      repo,
    );
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")).toEqual([expect.stringMatching(/^decp: .*BOOTLOADER\.md:2/), ""]);
  });
});

test("an unknown agent is a usage error", async () => {
  const run = await runCli(["agent-setup", vault, "--repo", repo, "--agent", "emacs"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("claude-code, cursor, vscode");
});
