// Cold CLI answers do not depend on the caches: `select`, `impact` and `tally --select` print the same
// bytes on a first call (no index), from the saved lineage, and from the per-note index alone, and
// those answers are the ones a lineage rebuilt from the notes in-process gives.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openCliVault } from "../../src/cli/cli-context";
import { columnImpact, namedImpact, readVaultLineage, selectNodes } from "../../src/core/dbt";
import { generateDbtProject } from "../../src/demo/generate-dbt-project";

const CLI = join(__dirname, "../../dist/cli.js");

function decp(...args: string[]): string {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`decp ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

let root: string;
let vault: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "decp-cold-answers-"));
  vault = join(root, "vault");
  mkdirSync(vault);
  const manifest = join(root, "manifest.json");
  writeFileSync(manifest, JSON.stringify(generateDbtProject({ models: 120, seed: 3 }).manifest));
  decp("import-dbt", vault, "--manifest", manifest);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("select, impact and tally --select answer the same with or without caches, as a from-notes rebuild does", async () => {
  const { vault: fsVault, settings } = await openCliVault(vault);
  const plain = Object.assign(Object.create(fsVault) as typeof fsVault, { noteIndex: undefined });
  const { graph } = await readVaultLineage(plain, settings);
  // A model in the middle of the graph, and a column of it that models downstream read.
  const middle = [...graph.nodes.values()]
    .filter((n) => n.resourceType === "model" && graph.children.get(n.uniqueId)!.length > 0)
    .sort((a, b) => graph.children.get(b.uniqueId)!.length - graph.children.get(a.uniqueId)!.length)[0];
  const read = graph.children.get(middle.uniqueId)!.flatMap((id) => {
    const columns = graph.nodes.get(id)!.columns;
    return columns?.known ? columns.read : [];
  });
  const column = read.find((c) => c.startsWith(`${middle.name}.`))!;
  const selector = `+${middle.name}+`;
  const calls = [
    ["select", vault, selector],
    ["select", vault, selector, "--json"],
    ["select", vault, `column:${column}`, "--exclude", "tag:nothing", "--json"],
    ["impact", vault, column],
    ["impact", vault, column, "--json"],
    ["tally", vault, "--select", selector, "--json"],
  ];
  const answers = () => calls.map((args) => decp(...args));

  rmSync(join(vault, ".decp", "cache"), { recursive: true, force: true });
  const first = answers(); // no index, no saved lineage, no token cache
  expect(answers()).toEqual(first); // from the saved lineage
  rmSync(join(vault, ".decp", "cache", "vault-lineage.txt"));
  expect(answers()).toEqual(first); // from the per-note index
  expect(answers()).toEqual(first);

  const ids = selectNodes(graph, selector);
  expect(ids.length).toBeGreaterThan(2);
  expect(JSON.parse(first[1])).toEqual({ nodes: ids });
  expect(first[0]).toBe(ids.map((id) => `${id}\t${graph.nodes.get(id)!.notePath}\n`).join(""));
  expect(JSON.parse(first[2])).toEqual({ nodes: selectNodes(graph, `column:${column}`) });
  const impact = namedImpact(graph, columnImpact(graph, column));
  expect(impact.direct.length).toBeGreaterThan(0);
  expect(JSON.parse(first[4])).toEqual({
    column: impact.column,
    direct: impact.direct,
    transitive: impact.transitive,
    unknown: impact.unknown,
    downstream: impact.downstream,
  });
  const tallied = JSON.parse(first[5]) as { files: { path: string }[] };
  expect(tallied.files.map((f) => f.path)).toEqual(ids.map((id) => graph.nodes.get(id)!.notePath).sort());
});
