// `decp demo` on the built CLI: what a new user gets from one command, and that running it again
// changes nothing.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { FsVault } from "../../src/cli/fs-vault";
import { loadLineageFromVault, selectNodes } from "../../src/core/dbt";
import { parseNote } from "../../src/core/frontmatter";
import { listLoops, parseOutcome } from "../../src/core/loops";
import { resolveSettings } from "../../src/core/settings-sources";
import { runCli } from "./built-cli";

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe("decp demo", () => {
  let parent: string;
  let dir: string;
  let first: Record<string, unknown>;

  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), "decp-demo-"));
    dir = join(parent, "demo-vault");
    const run = await runCli(["demo", dir, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    first = JSON.parse(run.stdout) as Record<string, unknown>;
  });

  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  const read = (path: string) => readFileSync(join(dir, path), "utf8");
  const frontmatter = (path: string) => parseNote(read(path), path).frontmatter;

  test("holds the dbt project as a real project folder, with its manifest", () => {
    expect(read("dbt-project/dbt_project.yml")).toContain("name: 'acme'");
    expect(existsSync(join(dir, "dbt-project/models/marts/core/dim_customers.sql"))).toBe(true);
    const manifest = JSON.parse(read("dbt-project/target/manifest.json")) as { nodes: Record<string, unknown> };
    expect(Object.keys(manifest.nodes).filter((id) => id.startsWith("model.")).length).toBeGreaterThanOrEqual(200);
  });

  test("imports it: 200+ model notes, and a wide dimension with 200+ downstream models", async () => {
    expect(first).toMatchObject({ project: "acme" });
    expect(first.models as number).toBeGreaterThanOrEqual(200);
    const vault = new FsVault(dir);
    const settings = resolveSettings(JSON.parse(read(".decp/settings.json")));
    const graph = await loadLineageFromVault(vault, settings);
    const downstream = selectNodes(graph, "dim_customers+").filter((id) => id !== "model.acme.dim_customers");
    expect(downstream.length).toBeGreaterThanOrEqual(200);
    expect(frontmatter("dbt/acme/models/marts/core/dim_customers.md")).toMatchObject({
      type: "model",
      unique_id: "model.acme.dim_customers",
    });
  });

  test("the protocol's example status block names loops and a task that exist in the demo", () => {
    const block = /```decp-status\n([\s\S]*?)```/.exec(read("Copilot/Protocol/BOOTLOADER.md"))![1];
    const ids = [...new Set(block.match(/\b(?:LOOP|TASK)-\d{3,}\b/g))];
    expect(ids).toEqual(expect.arrayContaining(["TASK-001", "LOOP-003", "LOOP-005"]));
    const notes = [...readdirSync(join(dir, "Copilot/Loops")), ...readdirSync(join(dir, "Copilot/Tasks"))];
    for (const id of ids) expect([id, notes.some((n) => n.startsWith(`${id} `))]).toEqual([id, true]);
    const task = "Copilot/Tasks/TASK-001 Split the segment grain out of dim_customers.md";
    expect(frontmatter(task)).toMatchObject({ id: "TASK-001", title: "Split the segment grain out of dim_customers" });
    expect(block).toContain("task: TASK-001 Split the segment grain out of dim_customers\n");
    // The Claude Code plugin's skill teaches the same example.
    const skill = readFileSync(
      join(__dirname, "../../plugins/claude-code/skills/decp-protocol/references/handoff.md"),
      "utf8",
    );
    expect(/```decp-status\n([\s\S]*?)```/.exec(skill)?.[1]).toBe(block);
  });

  test("installs the protocol notes and the templates", () => {
    for (const note of ["BOOTLOADER", "PROTOCOL_REFERENCE"])
      expect(existsSync(join(dir, `Copilot/Protocol/${note}.md`))).toBe(true);
    expect(readdirSync(join(dir, "Copilot/Templates")).length).toBeGreaterThanOrEqual(6);
  });

  test("holds a worked session: loops proposed, approved, waiting for and closed with evidence", async () => {
    const { loops, unreadable } = await listLoops(new FsVault(dir), resolveSettings({}));
    expect(unreadable).toEqual([]);
    // Every stage of the lifecycle is there to look at (the second session closes a loop and raises another).
    expect([...new Set(loops.map((l) => l.status))].sort()).toEqual(["clarifying", "closed", "open", "proposed"]);
    const closed = loops.find((l) => l.status === "closed")!;
    // Evidence a reader can check: it names the command that reproduces it.
    expect(parseOutcome(closed.outcome).evidence).toMatch(/`decp (select|impact) <vault> /);
    for (const loop of loops) expect(loop.models).toEqual(["dim_customers"]);
  });

  test("holds context decision records for the wide dimension at 2,000 and 5,000 tokens", () => {
    const records = first.contextRecords as string[];
    expect(records.map((path) => frontmatter(path).budget)).toEqual([2000, 5000]);
    for (const path of records) {
      const fm = frontmatter(path);
      expect(fm).toMatchObject({ type: "context", focus: "[[dim_customers]]" });
      expect(fm.used as number).toBeLessThanOrEqual(fm.budget as number);
      expect(read(path)).toContain("<context_loaded>");
    }
  });

  test("ends with a handoff in the daily note, a session summary and a PR narrative", () => {
    expect(first.handoff).toBe("Daily/2026-01-21.md");
    expect(read("Daily/2026-01-21.md")).toContain("## Copilot handoff");
    expect(frontmatter(first.summary as string)).toMatchObject({ type: "summary", date: "2026-01-21" });
    expect(frontmatter(first.prNarrative as string)).toMatchObject({ type: "pr-narrative" });
    expect(read(first.prNarrative as string)).toMatch(/Downstream \(2\d\d\)/);
  });

  test("installs the built plugin and enables it, with core Daily notes in a Daily folder", () => {
    const root = join(__dirname, "../..");
    expect(read(".obsidian/plugins/de-copilot-patterns/main.js")).toBe(readFileSync(join(root, "main.js"), "utf8"));
    expect(read(".obsidian/plugins/de-copilot-patterns/manifest.json")).toBe(
      readFileSync(join(root, "manifest.json"), "utf8"),
    );
    if (existsSync(join(root, "styles.css")))
      expect(read(".obsidian/plugins/de-copilot-patterns/styles.css")).toBe(
        readFileSync(join(root, "styles.css"), "utf8"),
      );
    expect(JSON.parse(read(".obsidian/community-plugins.json"))).toEqual(["de-copilot-patterns"]);
    expect(JSON.parse(read(".obsidian/core-plugins.json"))).toMatchObject({ "daily-notes": true, templates: true });
    expect(JSON.parse(read(".obsidian/daily-notes.json"))).toMatchObject({ folder: "Daily", format: "YYYY-MM-DD" });
  });

  test("a second run writes nothing: every file is byte for byte what a fresh build makes", async () => {
    const before = new Map(allFiles(dir).map((path) => [path, statSync(join(dir, path)).mtimeMs]));
    const again = await runCli(["demo", dir, "--json"]);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as Record<string, unknown>;
    expect(report.written).toBe(0);
    expect(report.unchanged).toBe(first.files);
    expect(report.kept).toEqual([]);
    expect(new Map(allFiles(dir).map((path) => [path, statSync(join(dir, path)).mtimeMs]))).toEqual(before);
  });

  test("a demo file the user edited is kept, not overwritten; the output says how to open the vault", async () => {
    writeFileSync(join(dir, ".obsidian/daily-notes.json"), '{ "folder": "Journal" }\n');
    const again = await runCli(["demo", dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 files written");
    expect(again.stdout).toContain("1 kept as you edited them");
    expect(read(".obsidian/daily-notes.json")).toBe('{ "folder": "Journal" }\n');
    expect(again.stdout).toContain("Open folder as vault");
    expect(again.stdout).toContain(dir);
  });

  test("refuses a non-empty folder that is not a previous demo, and writes nothing there", async () => {
    const vault = join(parent, "my-vault");
    mkdirSync(join(vault, ".obsidian"), { recursive: true });
    writeFileSync(join(vault, ".obsidian/app.json"), "{}");
    const run = await runCli(["demo", vault]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("is not empty and is not a demo vault built by decp");
    expect(existsSync(join(vault, ".decp"))).toBe(false);
    expect(existsSync(join(vault, ".obsidian/community-plugins.json"))).toBe(false);
  });

  // Issue 12: what `decp pack` hands the model around the wide dimension, at a tight, a usual and a roomy budget.
  test.each([1000, 2000, 5000])(
    "decp pack --focus dim_customers --budget %i: its SQL and every parent's column names, as text for the model",
    async (budget) => {
      const run = await runCli(["pack", dir, "--focus", "dim_customers", "--budget", String(budget)]);
      expect(run.code).toBe(0);
      const text = run.stdout;
      expect(text).toContain(`/ ${budget.toLocaleString("en-US")} tokens (o200k_base)`);
      expect(text).toContain("- Phase: comfortable;");
      expect(text).not.toMatch(/^---$/m);
      expect(text).not.toContain("[[");
      expect(text).toContain("## dim_customers (focus)");
      expect(text).toContain("SQL (raw):\n```sql\nwith\n");
      expect(text).toContain("select * from {{ ref('int_customer_payments') }}");
      const parents = {
        int_customer_payments: ["customer_id", "payment_count", "lifetime_value", "first_order_at"],
        stg_crm__customers: ["contact_id", "shop_customer_id", "full_name", "email", "country_code", "signed_up_at"],
        stg_shop__customers: ["customer_id", "email", "first_name", "last_name", "country_code", "created_at"],
      };
      for (const [parent, columns] of Object.entries(parents)) {
        // Its card, or its line in the focus card's Parents list when the cards do not fit.
        const card = text.indexOf(`## ${parent} (parent of dim_customers)`);
        const shown =
          card >= 0
            ? text.slice(card).split("\n## ")[0]
            : (text.split("\n").find((line) => line.startsWith(`- ${parent} (`)) ?? "");
        expect([parent, columns.filter((c) => !new RegExp(`\\b${c}\\b`).test(shown))]).toEqual([parent, []]);
      }
    },
  );
});
