// Cold `decp pack` around a model on the built dist/cli.js: the pack graph saved beside the vault index
// (vault-pack.json) answers while no file changed, without the per-note index; any edit to a note
// in the rings (frontmatter, body, links) is seen; a corrupt, truncated or foreign file is ignored
// and rewritten; packs running at once leave a readable file. The oracle is always an in-process
// pack that reads every note.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openCliVault } from "../../src/cli/cli-context";
import { packAroundFocus, renderPackMarkdown } from "../../src/core/context";
import { NOTE_INDEX_VERSION } from "../../src/core/note-index";
import { dbtFixturePath } from "../fixtures/paths";

const CLI = join(__dirname, "../../dist/cli.js");
const FIXTURE = dbtFixturePath("jaffle_shop_v12_dbt1.11.json");

let root: string;
let vault: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "decp-cold-pack-"));
  vault = join(root, "vault");
  mkdirSync(vault);
  expect(decp("import-dbt", vault, "--manifest", FIXTURE).code).toBe(0);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function decp(...args: string[]): { code: number; stdout: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { code: result.status ?? -1, stdout: result.stdout };
}

const cacheFile = (name: string) => join(vault, ".decp", "cache", name);
const note = (name: string) => join(vault, "dbt/jaffle_shop/models", name);

function edit(path: string, from: string | RegExp, to: string): void {
  const text = readFileSync(path, "utf8");
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(path, next);
}

/** The pack as an in-process build that reads every note (no index, no saved graph) renders it. */
async function expectedPack(focus: string, budget: number): Promise<string> {
  const { vault: fsVault, settings } = await openCliVault(vault);
  const plain = Object.assign(Object.create(fsVault) as typeof fsVault, { noteIndex: undefined });
  return renderPackMarkdown(await packAroundFocus(plain, settings, { focus, budget }));
}

function cliPack(focus: string, budget: number): string {
  const packed = decp("pack", vault, "--focus", focus, "--budget", String(budget));
  expect(packed.code).toBe(0);
  return packed.stdout;
}

test("a saved pack graph answers without the per-note index, and every edit to a note in the rings is seen", async () => {
  const budget = 1500;
  const focuses = ["stg_orders", "orders"];
  const expectSame = async () => {
    for (const focus of focuses) expect(cliPack(focus, budget)).toBe(await expectedPack(focus, budget));
  };
  await expectSame();
  expect(existsSync(cacheFile("vault-pack.json"))).toBe(true);

  // Served from the saved graph: the per-note index is neither needed nor rebuilt.
  rmSync(cacheFile("vault-index.json"));
  await expectSame();
  expect(existsSync(cacheFile("vault-index.json"))).toBe(false);

  const edits: Array<() => void> = [
    // A child's materialization ranks it differently among stg_orders' children.
    () => edit(note("marts/orders.md"), /^materialized: table$/m, "materialized: incremental"),
    // A parent's body: its SQL is in its card (and in the focus card around stg_orders).
    () => edit(note("staging/stg_orders.md"), "```sql\n", "```sql\n-- late on Mondays\n"),
    // A child unlinks itself from its parent: it leaves the rings.
    () => edit(note("marts/orders.md"), '  - "[[stg_orders]]"\n', ""),
    // A note outside the dbt folder joins the lineage through its frontmatter.
    () =>
      writeFileSync(
        join(vault, "Orders audit.md"),
        '---\nupstream:\n  - "[[stg_orders]]"\n---\n# Orders audit\n\nRecounts [[stg_orders]] daily.\n',
      ),
  ];
  for (const change of edits) {
    change();
    await expectSame();
    // And again, from the graph the last call saved.
    await expectSame();
  }
  expect(cliPack("stg_orders", budget)).toContain("Orders audit");
  expect(cliPack("orders", budget)).toContain("-- late on Mondays");
});

test("a corrupt, truncated or foreign saved pack graph is ignored and rewritten; the pack does not change", async () => {
  const focus = "orders";
  const expected = await expectedPack(focus, 3000);
  expect(cliPack(focus, 3000)).toBe(expected);
  const damage: Array<(text: string) => string> = [
    () => "{ not json",
    (text) => text.slice(0, Math.floor(text.length / 2)),
    (text) => text.replace(/^\{"version":\d+/, '{"version":99'),
    (text) => text.replace(/"format":\d+/, '"format":99'),
    // Positions past the end of the listing, or a stamp of other notes.
    (text) => text.replace(/"notes":\[\[\d+,/, '"notes":[[99999,'),
    () => JSON.stringify({ version: NOTE_INDEX_VERSION, stamp: "another vault", value: { format: 1, notes: [] } }),
  ];
  for (const harm of damage) {
    writeFileSync(cacheFile("vault-pack.json"), harm(readFileSync(cacheFile("vault-pack.json"), "utf8")));
    expect(cliPack(focus, 3000)).toBe(expected);
    expect((JSON.parse(readFileSync(cacheFile("vault-pack.json"), "utf8")) as { version: number }).version).toBe(
      NOTE_INDEX_VERSION,
    );
  }
});

test("packs running at once, while a note in the rings is edited, each answer whole and leave a readable file", async () => {
  const start = () =>
    new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [CLI, "pack", vault, "--focus", "orders"], { stdio: "ignore" });
      child.on("close", (code) => resolve(code ?? -1));
    });
  const calls = [start(), start()];
  edit(note("marts/orders.md"), "```sql\n", "```sql\n-- checked by finance\n");
  calls.push(start(), start());
  expect(await Promise.all(calls)).toEqual([0, 0, 0, 0]);
  expect(() => JSON.parse(readFileSync(cacheFile("vault-pack.json"), "utf8")) as unknown).not.toThrow();
  expect(readdirSync(join(vault, ".decp", "cache")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  // Whichever process saved last, the next pack sees the edit.
  const packed = cliPack("orders", 5000);
  expect(packed).toBe(await expectedPack("orders", 5000));
  expect(packed).toContain("-- checked by finance");
});
