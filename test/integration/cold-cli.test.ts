// Cold CLI calls on the built dist/cli.js: the vault index in .decp/cache is built by the first call
// and followed by later ones when a note changes (checked by stat, never trusted blindly); commands
// that count nothing run without the tokenizer's files, and a warm tally needs none either.

import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dbtFixturePath } from "../fixtures/paths";

const DIST = join(__dirname, "../../dist");
const FIXTURE = dbtFixturePath("jaffle_shop_v12_dbt1.11.json");

function run(cli: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
const decp = (...args: string[]) => run(join(DIST, "cli.js"), ...args);

let root: string;
let vault: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "decp-cold-cli-"));
  vault = join(root, "vault");
  mkdirSync(vault);
  expect(decp("import-dbt", vault, "--manifest", FIXTURE).code).toBe(0);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const selected = (selector: string): string[] =>
  (JSON.parse(decp("select", vault, selector, "--json").stdout) as { nodes: string[] }).nodes;

test("the first select builds the vault index; an edited note is read again on the next call", () => {
  const index = join(vault, ".decp", "cache", "vault-index.json");
  expect(existsSync(index)).toBe(false);
  expect(selected("1+orders")).toContain("model.jaffle_shop.stg_orders");
  expect(existsSync(index)).toBe(true);
  expect(Object.keys((JSON.parse(readFileSync(index, "utf8")) as { notes: object }).notes)).toContain(
    "dbt/jaffle_shop/models/marts/orders.md",
  );

  // The user unlinks orders from stg_orders in the note itself: lineage follows the note, not the index.
  const note = join(vault, "dbt/jaffle_shop/models/marts/orders.md");
  const text = readFileSync(note, "utf8");
  expect(text).toContain('- "[[stg_orders]]"');
  writeFileSync(note, text.replace('  - "[[stg_orders]]"\n', ""));
  const parents = selected("1+orders");
  expect(parents).not.toContain("model.jaffle_shop.stg_orders");
  expect(parents).toContain("model.jaffle_shop.order_items");
});

test("select runs without the tokenizer or MCP files; tally needs the tokenizer only to count new text", () => {
  const bare = join(root, "bare");
  mkdirSync(bare);
  copyFileSync(join(DIST, "cli.js"), join(bare, "cli.js"));
  const lean = (...args: string[]) => run(join(bare, "cli.js"), ...args);

  const picked = lean("select", vault, "+orders", "--json");
  expect(picked.stderr).toBe("");
  expect(picked.code).toBe(0);
  expect((JSON.parse(picked.stdout) as { nodes: string[] }).nodes).toContain("model.jaffle_shop.stg_orders");

  // Nothing counted yet: the lean copy cannot count (the test can fail), the full CLI can.
  expect(lean("tally", vault, "--select", "+orders").stderr).toMatch(/tokenizer-o200k_base\.js/);
  const counted = decp("tally", vault, "--select", "+orders", "--json");
  expect(counted.code).toBe(0);
  // Every count is now in the token cache, checked by stat: no tokenizer is loaded.
  const warm = lean("tally", vault, "--select", "+orders", "--json");
  expect(warm.code).toBe(0);
  expect(JSON.parse(warm.stdout)).toEqual(JSON.parse(counted.stdout));
});

test("re-importing: a byte-identical manifest is answered from the import state; a fresh compile writes nothing either", () => {
  const state = join(vault, ".decp", "cache", "dbt-import.json");
  expect(existsSync(state)).toBe(true);
  const same = JSON.parse(decp("import-dbt", vault, "--manifest", FIXTURE, "--json").stdout) as Record<string, unknown>;
  expect(same).toMatchObject({ models: 13, sources: 6, macros: 6, written: 0, unchanged: 32 });

  // dbt compile again: only generated_at and invocation_id differ.
  const recompiled = join(root, "manifest.json");
  const manifest = JSON.parse(readFileSync(FIXTURE, "utf8")) as { metadata: Record<string, unknown> };
  manifest.metadata.generated_at = "2030-01-01T00:00:00Z";
  manifest.metadata.invocation_id = "another-run";
  writeFileSync(recompiled, JSON.stringify(manifest));
  const fresh = JSON.parse(decp("import-dbt", vault, "--manifest", recompiled, "--json").stdout) as Record<
    string,
    unknown
  >;
  expect(fresh).toMatchObject({ models: 13, written: 0, unchanged: 32 });

  // A note the user edits is merged as always: the state never hides an edit.
  const note = join(vault, "dbt/jaffle_shop/models/marts/orders.md");
  writeFileSync(note, readFileSync(note, "utf8").replace("%% decp:end %%", "%% decp:end %%\n\nMy notes."));
  writeFileSync(recompiled, JSON.stringify({ ...manifest, metadata: { ...manifest.metadata, invocation_id: "3" } }));
  expect(JSON.parse(decp("import-dbt", vault, "--manifest", recompiled, "--json").stdout)).toMatchObject({
    written: 0,
    unchanged: 32,
  });
  expect(readFileSync(note, "utf8")).toContain("My notes.");
});
