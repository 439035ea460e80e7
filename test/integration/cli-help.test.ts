// Every command documents itself (`--help` exits 0 and names its arguments), and usage errors exit 2.
import { buildProgram } from "../../src/cli/main";
import { runCli } from "./built-cli";

const commands = buildProgram().commands.map((command) => command.name());

// The CLI contract (docs/ARCHITECTURE.md and the README's CLI reference): scripts and checks depend on these names.
const CONTRACT = [
  "init",
  "agent-setup",
  "import-dbt",
  "select",
  "tally",
  "pack",
  "capture",
  "approve",
  "loops",
  "handoff",
  "resume",
  "summary",
  "sync",
  "mcp",
  "demo",
];

describe("decp --help", () => {
  test("every command of the CLI contract exists", () => {
    expect(commands).toEqual(expect.arrayContaining(CONTRACT));
  });

  test("the top-level help lists every command", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    for (const name of commands) expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, "m"));
  });

  test.each(commands)("decp %s --help exits 0 with a usage line and a description", async (name) => {
    const { code, stdout, stderr } = await runCli([name, "--help"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: decp ${name} `, "m"));
    const description =
      buildProgram()
        .commands.find((c) => c.name() === name)
        ?.description() ?? "";
    expect(description.length).toBeGreaterThan(10);
  });
});

describe("usage errors exit 2, user errors exit 1", () => {
  test("an unknown command exits 2 and says so", async () => {
    const { code, stderr } = await runCli(["frobnicate"]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'frobnicate'");
  });

  test("a missing required argument exits 2", async () => {
    const { code, stderr } = await runCli(["mcp"]);
    expect(code).toBe(2);
    expect(stderr).toContain("missing required argument 'vault'");
  });

  test("an unknown option exits 2", async () => {
    const { code, stderr } = await runCli(["mcp", "--frobnicate", "x"]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--frobnicate'");
  });

  test("a vault folder that does not exist is a user error: exit 1, one line on stderr", async () => {
    const { code, stdout, stderr } = await runCli(["mcp", "/nonexistent/decp-vault"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain('Vault folder "/nonexistent/decp-vault" does not exist');
  });
});
