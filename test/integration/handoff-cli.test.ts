// Handoffs on both paths, on the built CLI and MCP server, in a vault whose Obsidian config puts daily
// notes in a custom folder and format: a handoff written in the HANDOFF template's headings and one
// written by `decp handoff` read back through `decp resume` and MCP `bootload` with the same text.
// Plus the promises around it: a usage error without the fields, nothing in the note ever removed,
// hostile fields kept to one line, and `decp settings` naming where each value came from.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DateTime } from "luxon";
import { runCli } from "./built-cli";
import { connectMcp, metered } from "./mcp-client";

let root: string;
const dailyPath = () => `Journal/Daily/${DateTime.now().toFormat("yyyy/LL/dd cccc")}.md`;

function put(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
const read = (path: string) => readFileSync(join(root, path), "utf8");

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "decp-handoff-"));
  expect((await runCli(["init", root])).code).toBe(0);
  put(".obsidian/core-plugins.json", JSON.stringify({ "daily-notes": true }));
  put(".obsidian/daily-notes.json", JSON.stringify({ folder: "Journal/Daily", format: "YYYY/MM/DD dddd" }));
  put(".obsidian/plugins/de-copilot-patterns/manifest.json", JSON.stringify({ id: "de-copilot-patterns" }));
  put(".obsidian/plugins/de-copilot-patterns/data.json", JSON.stringify({ settings: { budget: 7000 } }));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function resumeAndBootload(): Promise<{ resume: { text: string; budget: number }; bootload: string }> {
  const cli = await runCli(["resume", root, "--json"]);
  expect([cli.code, cli.stderr]).toEqual([0, ""]);
  const mcp = await connectMcp(root);
  try {
    const boot = await mcp.call("bootload", {});
    expect(boot.isError).toBeFalsy();
    return { resume: JSON.parse(cli.stdout) as { text: string; budget: number }, bootload: metered(boot).body };
  } finally {
    await mcp.close();
  }
}

test("both handoff forms round-trip through decp handoff, decp resume and MCP bootload with identical text", async () => {
  // 1. A human fills in the HANDOFF template's six headings in today's daily note.
  const template = readFileSync(join(root, "Copilot/Templates/HANDOFF.md"), "utf8");
  const section = template
    .slice(template.indexOf("## Copilot handoff"))
    .replace("Working on [[{{model}}]]:\n", "Segment split designed; int_customer_segments not written\n")
    .replace("### Next action\n\n%%", "### Next action\n\nWrite int_customer_segments\n\n%%")
    .replace("- [[{{model}}]]\n", "- [[dim_customers]]\n");
  put(dailyPath(), `# My day\n\n${section}\n## My notes\nKEEP ME\n`);
  let { resume, bootload } = await resumeAndBootload();
  expect(resume.budget).toBe(7000); // the plugin's own setting, read by the CLI and the MCP server
  expect(bootload).toBe(resume.text);
  expect(resume.text).toContain("- Stopped at: Segment split designed; int_customer_segments not written\n");
  expect(resume.text).toContain("- Next action: Write int_customer_segments\n");
  expect(resume.text).toContain("- Required reading: dim_customers\n");
  expect(resume.text).toContain(`- Written in: ${dailyPath()}\n`);

  // 2. The next session ends with `decp handoff`: it goes below the human's, which stays.
  const before = read(dailyPath());
  const run = await runCli([
    "handoff",
    root,
    "--stopped-at",
    "int_customer_segments written; 3 reports still read customer_segment",
    "--next",
    "Point rpt_customers_1 at int_customer_segments",
    "--read",
    "rpt_customers_1",
  ]);
  expect([run.code, run.stderr, run.stdout.trim()]).toEqual([0, "", `added a handoff to ${dailyPath()}`]);
  const after = read(dailyPath());
  expect(after.startsWith(before.slice(0, before.indexOf("## My notes")))).toBe(true);
  expect(after.endsWith("## My notes\nKEEP ME\n")).toBe(true);
  ({ resume, bootload } = await resumeAndBootload());
  expect(bootload).toBe(resume.text);
  expect(resume.text).toContain("- Stopped at: int_customer_segments written; 3 reports still read customer_segment\n");
  expect(resume.text).toContain("- Next action: Point rpt_customers_1 at int_customer_segments\n");
  expect(resume.text).toContain("- Required reading: rpt_customers_1\n");
});

test("decp handoff without --stopped-at and --next is a usage error: exit 2, one line, nothing written", async () => {
  for (const args of [[], ["--stopped-at", "x"], ["--next", "y"], ["--stopped-at", " ", "--next", "y"]]) {
    const run = await runCli(["handoff", root, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: decp handoff needs --/);
  }
  expect((await runCli(["handoff", root])).stderr).toContain(
    "--stopped-at <text> (where the session stopped) and --next",
  );
  expect(() => read(dailyPath())).toThrow(/ENOENT/);
});

test("a hostile reading entry over the CLI and over MCP never swallows the rest of the note", async () => {
  const first = await runCli(["handoff", root, "--stopped-at", "a", "--next", "b", "--read", "x\n~~~\ny"]);
  expect(first.code).toBe(0);
  writeFileSync(join(root, dailyPath()), `${read(dailyPath())}\n## My notes\nKEEP ME\n`);
  const mcp = await connectMcp(root);
  try {
    const result = await mcp.call("write_handoff", {
      stopped_at: "c\n```\n## Copilot handoff",
      next_action: "d",
      reading: ["x\n~~~\ny", "z]]|[[w"],
    });
    expect(result.isError).toBeFalsy();
    expect(metered(result).body).toMatch(
      /^Added the handoff to .* under "## Copilot handoff \(\d\d:\d\d\)"; nothing else in the note changed\./,
    );
  } finally {
    await mcp.close();
  }
  const text = read(dailyPath());
  expect(text).toContain("## My notes\nKEEP ME\n");
  expect(text.match(/^## Copilot handoff.*$/gm)).toHaveLength(2);
  expect(text).toContain("- [[x ~~~ y]]\n- [[zw]]\n");
  const resume = JSON.parse((await runCli(["resume", root, "--json"])).stdout) as { text: string };
  expect(resume.text).toContain("- Stopped at: c ``` ## Copilot handoff\n");
});

test("write_handoff says what it changes, in its description and annotations", async () => {
  const mcp = await connectMcp(root);
  try {
    const tool = (await mcp.client.listTools()).tools.find((t) => t.name === "write_handoff")!;
    expect(tool.description).toMatch(/never edits or removes anything already in it/);
    expect(tool.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true });
  } finally {
    await mcp.close();
  }
});

test("decp settings prints every effective value and where it came from", async () => {
  put(".decp/settings.json", JSON.stringify({ budget: 3000, loopsFolder: "Work/Loops", encoding: 7 }));
  const human = await runCli(["settings", root]);
  expect(human.code).toBe(0);
  expect(human.stdout).toMatch(/^budget\s+7000\s+\.obsidian\/plugins\/de-copilot-patterns\/data\.json$/m);
  expect(human.stdout).toMatch(/^loopsFolder\s+"Work\/Loops"\s+\.decp\/settings\.json$/m);
  expect(human.stdout).toMatch(
    /^dailyNotes\.format\s+"YYYY\/MM\/DD dddd"\s+\.obsidian\/daily-notes\.json \(core Daily notes\)$/m,
  );
  expect(human.stdout).toContain(
    "- .decp/settings.json: encoding is a number, not text; it was ignored. Fix or remove it",
  );
  const json = JSON.parse((await runCli(["settings", root, "--json"])).stdout) as {
    settings: { budget: number };
    origins: Record<string, string>;
    dailyNotes: { folder: string; from: string };
  };
  expect(json.settings.budget).toBe(7000);
  expect(json.origins.sessionsFolder).toBe("default");
  expect(json.dailyNotes).toMatchObject({
    folder: "Journal/Daily",
    from: ".obsidian/daily-notes.json (core Daily notes)",
  });
  // Other commands say so on stderr, once, and go on.
  const loops = await runCli(["loops", root]);
  expect([loops.code, loops.stderr]).toEqual([
    0,
    "decp: warning: .decp/settings.json: encoding is a number, not text; it was ignored. Fix or remove it\n",
  ]);
});
