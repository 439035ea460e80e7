// Drives the built CLI through a whole session: capture, approve, list, handoff, resume, summary, PR narrative.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = join(__dirname, "../../dist/cli.js");

function decp(args: string[], input?: string) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", input });
}

const REPLY = `Done. Open items:
<loop id="LOOP-001"><title>Confirm order grain</title><question>One row per order_id in fct_orders?</question></loop>
<loop><title>Broken one<question>unclosed</loop>
<loop id="LOOP-001"><title>Currency of amounts</title><model>stg_payments</model></loop>`;

describe("loops and session commands (built CLI)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "decp-loops-cli-"));
    mkdirSync(join(dir, "dbt/acme"), { recursive: true });
    writeFileSync(
      join(dir, "dbt/acme/fct_orders.md"),
      "---\ntype: model\nname: fct_orders\nunique_id: model.acme.fct_orders\nfqn: [acme, fct_orders]\n---\n",
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("capture from stdin proposes, approve opens, loops --json lists", () => {
    const captured = decp(["capture", dir, "--from", "-", "--json"], REPLY);
    expect(captured.status).toBe(0);
    const result = JSON.parse(captured.stdout) as {
      proposed: { id: string; status: string; models: string[] }[];
      problems: { line: number; message: string }[];
    };
    expect(result.proposed.map((p) => [p.id, p.status])).toEqual([
      ["LOOP-001", "proposed"],
      ["LOOP-002", "proposed"],
      ["LOOP-003", "proposed"],
    ]);
    expect(result.proposed[0].models).toEqual(["fct_orders"]);
    expect(result.problems.map((p) => p.line)).toEqual([3, 3, 4]);

    expect(decp(["approve", dir, "LOOP-001", "Currency of amounts"]).stdout).toBe(
      "approved LOOP-001 Confirm order grain\napproved LOOP-003 Currency of amounts\n",
    );
    const listed = JSON.parse(decp(["loops", dir, "--status", "open", "--json"]).stdout) as {
      loops: unknown[];
      unreadable: unknown[];
    };
    expect(listed).toEqual({
      loops: [
        {
          id: "LOOP-001",
          status: "open",
          title: "Confirm order grain",
          path: "Copilot/Loops/LOOP-001 Confirm order grain.md",
        },
        {
          id: "LOOP-003",
          status: "open",
          title: "Currency of amounts",
          path: "Copilot/Loops/LOOP-003 Currency of amounts.md",
        },
      ],
      unreadable: [],
    });
  });

  test("unreadable loop notes are listed, bad input exits 1 with one line", () => {
    mkdirSync(join(dir, "Copilot/Loops"), { recursive: true });
    writeFileSync(join(dir, "Copilot/Loops/LOOP-009 Bad.md"), "---\nid: [\n---\n");
    const listed = JSON.parse(decp(["loops", dir, "--json"]).stdout) as { unreadable: { path: string }[] };
    expect(listed.unreadable.map((u) => u.path)).toEqual(["Copilot/Loops/LOOP-009 Bad.md"]);
    const bad = decp(["loops", dir, "--status", "done"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toContain('Unknown status "done"');
    expect(decp(["approve", dir, "LOOP-404"]).status).toBe(1);
    expect(decp(["capture", dir, "--from", "-"], "no loops here").status).toBe(1);
  });

  test("a second handoff is added below the first; resume fits its budget; summary and PR narrative are written", () => {
    decp(["capture", dir, "--from", "-"], REPLY);
    decp(["approve", dir, "LOOP-001", "LOOP-003"]);
    expect(decp(["handoff", dir, "--stopped-at", "grain checked", "--next", "fix currency"]).status).toBe(0);
    const second = decp([
      "handoff",
      dir,
      "--stopped-at",
      "grain checked",
      "--next",
      "fix currency, then test",
      "--json",
    ]);
    const { path, status, heading } = JSON.parse(second.stdout) as { path: string; status: string; heading: string };
    expect([status, heading]).toEqual(["added", expect.stringMatching(/^Copilot handoff \(\d\d:\d\d\)$/)]);
    const note = readFileSync(join(dir, path), "utf8");
    expect(note.match(/^## Copilot handoff.*$/gm)).toHaveLength(2);
    expect(note.indexOf("- **Next action:** fix currency\n")).toBeLessThan(
      note.indexOf("- **Next action:** fix currency, then test"),
    );
    const third = decp(["handoff", dir, "--stopped-at", "grain checked", "--next", "fix currency, then test"]);
    expect(third.stdout).toBe(`unchanged (same handoff) ${path}\n`);
    expect(readFileSync(join(dir, path), "utf8")).toBe(note);

    const resume = JSON.parse(decp(["resume", dir, "--budget", "400", "--json"]).stdout) as {
      text: string;
      tokens: number;
      fits: boolean;
      loops: string[];
    };
    expect(resume.fits).toBe(true);
    expect(resume.tokens).toBeLessThanOrEqual(400);
    expect(resume.loops).toEqual(["LOOP-001", "LOOP-003"]);
    expect(resume.text).toContain("Next action: fix currency, then test");
    expect(decp(["resume", dir]).stdout).toContain("# Resume pack");

    const summary = JSON.parse(decp(["summary", dir, "--json"]).stdout) as {
      status: string;
      open: string[];
      path: string;
    };
    expect(summary).toMatchObject({ status: "created", open: ["LOOP-001", "LOOP-003"] });
    expect(readFileSync(join(dir, summary.path), "utf8")).toContain("type: summary");
    const pr = JSON.parse(decp(["pr-narrative", dir, "--json"]).stdout) as { path: string };
    expect(readFileSync(join(dir, pr.path), "utf8")).toContain("type: pr-narrative");
    expect(decp(["summary", dir, "--date", "21-01-2026"]).status).toBe(1);
  });
});
