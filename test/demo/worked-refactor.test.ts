// The worked refactor in the demo vault: the notes a user opens exist and link together, the loops
// were raised and closed with evidence, and every token figure in the context records (and in the
// index note) matches a fresh count by the context area.
import { listContextRecords, openTokenTally, type TokenTally } from "../../src/core/context";
import { loadLineageFromVault, selectNodes } from "../../src/core/dbt";
import { parseNote } from "../../src/core/frontmatter";
import { listLoops, parseOutcome } from "../../src/core/loops";
import { basename } from "../../src/core/vault";
import { buildDemo, type BuiltDemo } from "../../src/demo/build-demo";
import { SEGMENT_READERS } from "../../src/demo/worked-refactor";
import { workedRefactorPath } from "../../src/demo/worked-refactor-index";

const plugin = { mainJs: "// plugin\n", manifestJson: "{}\n" };
let demo: BuiltDemo;
let tally: TokenTally;

beforeAll(async () => {
  demo = await buildDemo({ plugin, configDir: ".obsidian" });
  tally = await openTokenTally(demo.vault, demo.settings);
}, 120_000);

const read = (path: string) => demo.vault.read(path);
const links = (text: string) => [...text.matchAll(/\[\[([^\]|#]+)(?:\|[^\]]*)?\]\]/g)].map((m) => m[1]);
const number = (cell: string) => Number(cell.replace(/,/g, ""));

test("the refactor is real-sized: 200+ models downstream of the dimension whose grain changes", async () => {
  const graph = await loadLineageFromVault(demo.vault, demo.settings);
  const downstream = selectNodes(graph, "dim_customers+", "dim_customers").filter((id) => id.startsWith("model."));
  expect(downstream.length).toBeGreaterThanOrEqual(200);
});

test("the index note links every piece, and every link opens a note of the vault", async () => {
  const index = await read(workedRefactorPath(demo.settings));
  const names = new Set(demo.vault.allFiles().map((p) => basename(p).replace(/\.md$/, "")));
  const targets = links(index);
  for (const target of targets) expect(names.has(basename(target))).toBe(true);
  expect(targets).toEqual(
    expect.arrayContaining([
      "2026-01-21",
      "2026-01-22",
      "2026-01-21 PR narrative",
      "2026-01-22 PR narrative",
      "2026-01-21 Session summary",
      "2026-01-22 Session summary",
    ]),
  );
  expect(index.match(/^## .*/gm)).toEqual([
    "## 1. Context decisions",
    "## 2. Loops",
    "## 3. Handoff between sessions",
    "## 4. Session summaries",
    "## 5. PR narratives",
  ]);
});

test("context decisions at 2k then 5k, and 5k again the next day; the index shows each record's own figures", async () => {
  const records = (await listContextRecords(demo.vault, demo.settings)).reverse();
  expect(records.map((r) => [r.created.slice(0, 10), r.budget])).toEqual([
    ["2026-01-21", 2000],
    ["2026-01-21", 5000],
    ["2026-01-22", 5000],
  ]);
  const index = await read(workedRefactorPath(demo.settings));
  for (const r of records) {
    const row = index.split("\n").find((l) => l.includes(`[[${basename(r.path).replace(/\.md$/, "")}]]`))!;
    const [, , budget, used, phase] = row.split("|").map((c) => c.trim());
    expect([number(budget), number(used), phase]).toEqual([r.budget, r.used, r.phase]);
    expect(r.used).toBeLessThanOrEqual(r.budget);
  }
});

test("every token figure in the records adds up: cards within the pack, excluded notes as a fresh tally counts them", async () => {
  const records = await listContextRecords(demo.vault, demo.settings);
  for (const record of records) {
    const text = await read(record.path);
    const files = [...text.matchAll(/<file path="([^"]+)" tokens="(\d+)" form="(full|compact|name)"\/>/g)];
    expect(files.length).toBeGreaterThan(1);
    // The focus is a model card with its SQL, in full; the pack's header and framing cost tokens too.
    expect(files[0].slice(1, 4)).toEqual([expect.stringMatching(/dim_customers\.md$/), expect.any(String), "full"]);
    // A named child's figure is its entry in the focus card's list, counted with the card: sum the sections.
    const included = files
      .filter(([, , , form]) => form !== "name")
      .reduce((sum, [, , tokens]) => sum + Number(tokens), 0);
    expect(parseNote(text).frontmatter.used).toBeGreaterThanOrEqual(included);
    const excluded = text.split("### Excluded notes")[1]?.split("## Decisions")[0] ?? "";
    const rows = [...excluded.matchAll(/^\| \[\[([^\]]+)\]\] \| [^|]+ \| ([\d,]+) \|$/gm)];
    const byName = new Map(demo.vault.allFiles().map((p) => [basename(p).replace(/\.md$/, ""), p]));
    const fresh = await tally.tally(
      rows.map(([, name]) => byName.get(name)!),
      record.budget,
      demo.settings,
    );
    const freshByPath = new Map(fresh.files.map((f) => [f.path, f.tokens]));
    for (const [, name, tokens] of rows)
      expect([name, number(tokens)]).toEqual([name, freshByPath.get(byName.get(name)!)]);
  }
});

test("loops were raised, approved and closed with evidence; one waits for someone, one was never approved", async () => {
  const { loops } = await listLoops(demo.vault, demo.settings);
  expect(loops.map((l) => [l.id, l.status])).toEqual([
    ["LOOP-001", "closed"],
    ["LOOP-002", "closed"],
    ["LOOP-003", "clarifying"],
    ["LOOP-004", "proposed"],
    ["LOOP-005", "open"],
  ]);
  for (const loop of loops.filter((l) => l.status === "closed"))
    expect(parseOutcome(loop.outcome).evidence).not.toBe("");
});

test("the segment loop's evidence is read off the demo project, and agrees with the selector", async () => {
  const graph = await loadLineageFromVault(demo.vault, demo.settings);
  const readers = selectNodes(graph, SEGMENT_READERS);
  expect(readers.length).toBeGreaterThanOrEqual(200);
  const { loops } = await listLoops(demo.vault, demo.settings);
  const evidence = parseOutcome(loops.find((l) => l.id === "LOOP-002")!.outcome).evidence;
  expect(evidence).toContain(`lists ${readers.length} models`);
});

test("two sessions: a handoff in each daily note, the second resuming where the first stopped", async () => {
  const day1 = await read("Daily/2026-01-21.md");
  const day2 = await read("Daily/2026-01-22.md");
  for (const note of [day1, day2]) expect(note).toMatch(/^## Copilot handoff$/m);
  expect(day1).toMatch(/LOOP-002.*\(open/);
  expect(day2).not.toMatch(/LOOP-002.*\(open/);
  expect(day2).toMatch(/LOOP-003.*\(clarifying/);
  expect(day2).toMatch(/LOOP-005.*\(open/);
  const narrative = await read("Copilot/Sessions/2026-01-22 PR narrative.md");
  expect(narrative.match(/^## .*/gm)).toEqual(["## Problem", "## Reasoning", "## Proof", "## Impact", "## Follow-ups"]);
  expect(narrative).toMatch(/Downstream \((\d{3})\)/);
  expect(narrative).toContain("5000");
});
