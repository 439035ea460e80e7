// Cold CLI calls on the built dist/cli.js: the vault index in .decp/cache is built by the first call
// and followed by later ones when a note changes (checked by stat, never trusted blindly); the lineage
// saved beside it answers while no dbt note changed; a corrupt or foreign file is rebuilt, and CLI
// processes running at once never leave a half-written one; commands that count nothing run without
// the tokenizer's files, and a warm tally needs none either.

import { spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NOTE_INDEX_VERSION } from "../../src/core/note-index";
import { openCliVault } from "../../src/cli/cli-context";
import { packAroundFocus, renderPackMarkdown } from "../../src/core/context";
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

/** One CLI process, not waited for: several run at once. */
function start(...args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(DIST, "cli.js"), ...args], { stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout }));
  });
}

const cacheFile = (name: string) => join(vault, ".decp", "cache", name);

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

test("a cold pack, with or without its caches, gives the text of an in-process pack read note by note", async () => {
  writeFileSync(join(vault, "Decision on orders.md"), "# Decision\n\nWe keep [[orders]] daily; see [[customers]].\n");
  writeFileSync(
    join(vault, "Idea.md"),
    "# Idea\n\nAfter [[Decision on orders]], ask about [[stg_payments]] #finance\n",
  );
  const { vault: fsVault, settings } = await openCliVault(vault);
  // No vault index, no token cache: every note read and every link resolved, as before either existed.
  const plain = Object.assign(Object.create(fsVault) as typeof fsVault, { noteIndex: undefined });
  for (const focus of ["orders", "Decision on orders", "customers"]) {
    const expected = renderPackMarkdown(await packAroundFocus(plain, settings, { focus, budget: 3000 }));
    expect(expected).toContain("orders");
    rmSync(join(vault, ".decp", "cache"), { recursive: true, force: true });
    // The first call builds the index and the token cache, the next ones follow them.
    for (let call = 0; call < 3; call++) {
      const packed = decp("pack", vault, "--focus", focus, "--budget", "3000");
      expect(packed.code).toBe(0);
      expect(packed.stdout).toBe(expected);
    }
  }
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

/** The version in a cache file: the JSON document's, or the header line's of a derived text. */
const versionOf = (file: string): number => {
  const text = readFileSync(cacheFile(file), "utf8");
  return (JSON.parse(file.endsWith(".txt") ? text.slice(0, text.indexOf("\n")) : text) as { version: number }).version;
};

test("a corrupt, foreign or truncated index or saved lineage is rebuilt, and the answer does not change", () => {
  const expected = selected("+orders+");
  expect(existsSync(cacheFile("vault-lineage.txt"))).toBe(true);
  const damage: Array<(text: string) => string> = [
    () => "{ not json",
    (text) => text.slice(0, Math.floor(text.length / 2)),
    (text) => text.slice(0, text.length - 2),
    (text) => text.replace(/^\{"version":\d+/, '{"version":99'),
    (text) => JSON.stringify({ version: NOTE_INDEX_VERSION, stamp: "another vault" }) + text.slice(text.indexOf("\n")),
    () => JSON.stringify({ version: NOTE_INDEX_VERSION, stamp: "another vault", value: { format: 1, nodes: [] } }),
  ];
  for (const file of ["vault-lineage.txt", "vault-index.json"])
    for (const harm of damage) {
      writeFileSync(cacheFile(file), harm(readFileSync(cacheFile(file), "utf8")));
      // With the saved lineage gone, the per-note index is what the call reads.
      if (file === "vault-index.json") rmSync(cacheFile("vault-lineage.txt"));
      expect(selected("+orders+")).toEqual(expected);
      expect(versionOf(file)).toBe(NOTE_INDEX_VERSION);
    }
  // A saved lineage from other notes never answers: the stamp is of this vault's notes as they are.
  writeFileSync(cacheFile("vault-index.json"), "[]");
  const note = join(vault, "dbt/jaffle_shop/models/marts/orders.md");
  writeFileSync(note, readFileSync(note, "utf8").replace('  - "[[stg_orders]]"\n', ""));
  expect(selected("1+orders")).not.toContain("model.jaffle_shop.stg_orders");
});

test("CLI processes running at once, while a note is edited, each answer whole and leave readable files", async () => {
  const note = join(vault, "dbt/jaffle_shop/models/marts/orders.md");
  const text = readFileSync(note, "utf8");
  const calls = [start("select", vault, "+orders+", "--json"), start("pack", vault, "--focus", "orders")];
  writeFileSync(note, text.replace('  - "[[stg_orders]]"\n', ""));
  calls.push(start("select", vault, "1+orders", "--json"), start("tally", vault, "--select", "+orders", "--json"));
  const results = await Promise.all(calls);
  for (const result of results) expect(result.code).toBe(0);
  for (const result of [results[0], results[2]])
    expect((JSON.parse(result.stdout) as { nodes: string[] }).nodes).toContain("model.jaffle_shop.orders");
  // Whichever process wrote last, the files parse and no temp file is left behind.
  for (const file of ["vault-index.json", "vault-lineage.txt"]) expect(versionOf(file)).toBe(NOTE_INDEX_VERSION);
  expect(readdirSync(join(vault, ".decp", "cache")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  // The next call sees the edit, whatever the processes before it saved.
  expect(selected("1+orders")).not.toContain("model.jaffle_shop.stg_orders");
  expect(selected("1+orders")).toContain("model.jaffle_shop.order_items");
});
