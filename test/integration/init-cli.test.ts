// Drives the built CLI (npm run build writes dist/cli.js before jest runs).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = join(__dirname, "../../dist/cli.js");

function decp(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });
}

describe("decp init (built CLI)", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "decp-init-cli-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("lays out the vault, then reports nothing to do; --json counts the writes", () => {
    const first = decp("init", dir, "--json");
    expect(first.status).toBe(0);
    const json = JSON.parse(first.stdout) as { written: string[] };
    expect(json.written.length).toBeGreaterThanOrEqual(13);
    const second = decp("init", dir);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe("Vault already laid out: nothing to do.\n");
    expect(JSON.parse(decp("init", dir, "--json").stdout)).toMatchObject({ folders: [], written: [] });
  });

  test("a vault path that is a file exits 1 with one line on stderr", () => {
    const file = join(dir, "vault.md");
    writeFileSync(file, "x");
    const run = decp("init", file);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("is a file, not a folder");
  });

  test("a missing argument is a usage error (exit 2)", () => {
    expect(decp("init").status).toBe(2);
  });
});
