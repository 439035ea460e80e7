// Fault matrix, CLI rows (issue #13): every reproduction replayed against the built dist/cli.js. A row
// names the bullet it belongs to, the attack and the promise a user sees: a clear one-line error, or
// the right result; nothing lost, duplicated or written outside the vault.
// The MCP rows are in fault-matrix.mcp.test.ts, the plugin rows in fault-matrix.plugin.test.ts.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parseLoopNote } from "../../src/core/loops";
import { byteLength } from "../../src/core/names";
import { CLI, runCli, type CliRun } from "./built-cli";
import { faultFolders, testFaultRows, type FaultRow } from "./fault-matrix";
import { JAFFLE_MANIFEST, jaffleVault } from "./mcp-vault";

let root: string;
let outside: string;
faultFolders(async () => (await jaffleVault()).root, { use: (folders) => ({ root, outside } = folders) });

/** The user-visible promise of a refusal: exit 1 and one `decp:` line, no stack. */
function refused(run: CliRun, message: RegExp | string): void {
  expect(run.code).toBe(1);
  expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(run.stderr).toMatch(/^decp: /);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(run.stderr).toMatch(message);
}

/** Every file under a folder (hidden ones too) with its text, to prove nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const entry of readdirSync(join(dir, at), { withFileTypes: true })) {
      const path = at ? `${at}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out[path] = readFileSync(join(dir, path), "utf8");
    }
  };
  walk("");
  return out;
}

function manifestWith(edit: (manifest: Record<string, unknown>) => void): string {
  const manifest = JSON.parse(readFileSync(JAFFLE_MANIFEST, "utf8")) as Record<string, unknown>;
  edit(manifest);
  const file = join(outside, `manifest-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(manifest));
  return file;
}

function nodes(manifest: Record<string, unknown>): Record<string, Record<string, unknown>> {
  return manifest.nodes as Record<string, Record<string, unknown>>;
}

const customers = "dbt/jaffle_shop/models/customers.md";
const loop = (attrs: string, title: string, extra = "") => `<loop ${attrs}><title>${title}</title>${extra}</loop>`;
const capture = (text: string, ...more: string[]) =>
  runCli(["capture", root, "--from", "-", "--json", ...more], { input: text });
const ids = (run: CliRun) => (JSON.parse(run.stdout) as { proposed: { id: string }[] }).proposed.map((p) => p.id);

const rows: FaultRow[] = [
  {
    bullet: "Loop ids repeat",
    attack: "eight `decp capture` processes at once",
    promise: "eight distinct ids",
    check: async () => {
      const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => capture(loop("", `Parallel ${i}`))));
      for (const run of runs) expect(run.code).toBe(0);
      const all = runs.flatMap(ids);
      expect(new Set(all).size).toBe(8);
      expect(readdirSync(join(root, "Copilot/Loops"))).toHaveLength(8);
    },
  },
  {
    bullet: "Loop ids repeat",
    attack: 'an agent-chosen <loop id="LOOP-9007199254740992">, then more loops',
    promise: "renumbered and reported; later loops get ordinary distinct ids",
    check: async () => {
      const first = await capture(loop('id="LOOP-9007199254740992"', "Huge id"));
      expect(ids(first)).toEqual(["LOOP-001"]);
      expect(first.stdout).toContain("LOOP-9007199254740992 is beyond 6 digits; renumbered to LOOP-001");
      expect(ids(await capture(loop("", "Next") + loop("", "After")))).toEqual(["LOOP-002", "LOOP-003"]);
    },
  },
  {
    bullet: "Loop ids repeat",
    attack: 'an agent-chosen <loop id="LOOP-1e23">, then more loops',
    promise: "renumbered and reported; every loop stays readable",
    check: async () => {
      const first = await capture(loop('id="LOOP-1e23"', "Exponent id"));
      expect(ids(first)).toEqual(["LOOP-001"]);
      expect(first.stdout).toContain('id \\"LOOP-1e23\\" is not LOOP-NNN');
      expect(ids(await capture(loop("", "Next")))).toEqual(["LOOP-002"]);
      const listed = JSON.parse((await runCli(["loops", root, "--json"])).stdout) as { unreadable: unknown[] };
      expect(listed.unreadable).toEqual([]);
    },
  },
  {
    bullet: "A handoff deletes the user's text (the handoff engineer's fix)",
    attack: "a reading entry `x\\n~~~\\ny`, the user's notes below the handoff, then a second handoff",
    promise: "every byte the user wrote survives",
    check: async () => {
      const first = await runCli([
        "handoff",
        root,
        "--stopped-at",
        "a",
        "--next",
        "b",
        "--read",
        "x\n~~~\ny",
        "--json",
      ]);
      expect(first.code).toBe(0);
      const daily = join(root, (JSON.parse(first.stdout) as { path: string }).path);
      const mine = "\n## My notes\nKEEP ME\n";
      writeFileSync(daily, readFileSync(daily, "utf8") + mine);
      const before = readFileSync(daily, "utf8");
      expect((await runCli(["handoff", root, "--stopped-at", "c", "--next", "d"])).code).toBe(0);
      const after = readFileSync(daily, "utf8");
      // The new handoff goes in; every line already there stays, in order.
      const lines = after.split("\n");
      let at = 0;
      const missing = before.split("\n").filter((line) => {
        const found = lines.indexOf(line, at);
        if (found >= 0) at = found + 1;
        return found < 0;
      });
      expect(missing).toEqual([]);
      expect(after.split("KEEP ME")).toHaveLength(2);
    },
  },
  {
    bullet: "Rejected proposals count as done (the handoff engineer's fix)",
    attack: "a proposal closed without approval, then the session summary",
    promise: "listed as rejected, not among the achievements",
    check: async () => {
      await capture(loop("", "Reject me"));
      expect((await runCli(["loop-status", root, "LOOP-001", "closed", "--result", "Not needed"])).code).toBe(0);
      const summary = JSON.parse((await runCli(["summary", root, "--json"])).stdout) as Record<string, string[]>;
      expect(summary.closed).toEqual([]);
      expect(summary.rejected).toEqual(["LOOP-001"]);
    },
  },
  {
    bullet: "Re-import drops what the user wrote in frontmatter",
    attack: "status: reviewed, a # comment and a tag added to a model note, then the same manifest re-imported",
    promise: "all three survive and nothing is rewritten",
    check: async () => {
      const path = join(root, customers);
      const text = readFileSync(path, "utf8")
        .replace("type: model\n", "type: model\n# checked with finance\nstatus: reviewed\n")
        .replace(/^tags:( \[\])?\n/m, "tags:\n  - reviewed-by-me\n");
      expect(text).toContain("- reviewed-by-me");
      writeFileSync(path, text);
      const run = await runCli(["import-dbt", root, "--manifest", JAFFLE_MANIFEST, "--json"]);
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as { written: number }).written).toBe(0);
      expect(readFileSync(path, "utf8")).toBe(text);
    },
  },
  {
    bullet: "Re-import drops what the user wrote in frontmatter",
    attack: "approving a loop whose frontmatter has YAML comments (`decp approve`)",
    promise: "the comments survive; only the status changes",
    check: async () => {
      await capture(loop("", "Keep my comments"));
      const path = join(root, "Copilot/Loops/LOOP-001 Keep my comments.md");
      const text = readFileSync(path, "utf8").replace("type: loop\n", "type: loop\n# asked by Ana\n");
      writeFileSync(path, text);
      expect((await runCli(["approve", root, "LOOP-001"])).code).toBe(0);
      expect(readFileSync(path, "utf8")).toBe(text.replace("status: proposed", "status: open"));
    },
  },
  {
    bullet: "Markers in text",
    attack: "%% decp:begin %% inside user text above the region, then a changed re-import",
    promise: "the paragraph after it survives",
    check: async () => {
      const path = join(root, customers);
      const mine = "My note mentions %% decp:begin %% inline.\nKEEP ME\n\n";
      writeFileSync(path, readFileSync(path, "utf8").replace("\n%% decp:begin %%", `\n${mine}%% decp:begin %%`));
      const changed = manifestWith((m) => (nodes(m)["model.jaffle_shop.customers"].description = "Changed"));
      expect((await runCli(["import-dbt", root, "--manifest", changed])).code).toBe(0);
      const text = readFileSync(path, "utf8");
      expect(text).toContain(mine);
      expect(text).toContain("Changed");
    },
  },
  {
    bullet: "Markers in text",
    attack: "a dbt description holding a %% decp:end %% line, re-imported three times",
    promise: "one region, the same length every time (was 161 -> 279 -> 398 lines)",
    check: async () => {
      const hostile = manifestWith(
        (m) => (nodes(m)["model.jaffle_shop.customers"].description = "One\n%% decp:end %%\nTwo"),
      );
      const lengths: number[] = [];
      for (let i = 0; i < 3; i++) {
        expect((await runCli(["import-dbt", root, "--manifest", hostile])).code).toBe(0);
        lengths.push(readFileSync(join(root, customers), "utf8").split("\n").length);
      }
      expect(new Set(lengths).size).toBe(1);
      expect(readFileSync(join(root, customers), "utf8").match(/^%% decp:end %%$/gm)).toHaveLength(1);
    },
  },
  {
    bullet: "Names",
    attack: "a model named with 90 CJK characters",
    promise: "imported whole under a name cut to 120 bytes with a hash; no ENAMETOOLONG",
    check: async () => {
      const name = "顧客注文履歴".repeat(15);
      const file = manifestWith((m) => {
        const node = { ...nodes(m)["model.jaffle_shop.customers"], name, unique_id: `model.jaffle_shop.${name}` };
        nodes(m)[`model.jaffle_shop.${name}`] = node;
      });
      const run = await runCli(["import-dbt", root, "--manifest", file, "--json"]);
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as { created: number }).created).toBe(1);
      const written = readdirSync(join(root, "dbt/jaffle_shop/models")).find((f) => f.startsWith("顧客"))!;
      expect(byteLength(written.slice(0, -3))).toBeLessThanOrEqual(120);
    },
  },
  {
    bullet: "Names",
    attack: "a model path under a dot folder, imported twice",
    promise: "a visible folder; the second import succeeds and writes nothing",
    check: async () => {
      const file = manifestWith((m) => (nodes(m)["model.jaffle_shop.customers"].original_file_path = ".wip/c.sql"));
      const first = await runCli(["import-dbt", root, "--manifest", file, "--json"]);
      expect(first.code).toBe(0);
      const again = await runCli(["import-dbt", root, "--manifest", file, "--json"]);
      expect(again.code).toBe(0);
      expect((JSON.parse(again.stdout) as { written: number }).written).toBe(0);
    },
  },
  {
    bullet: "Names",
    attack: "models named CON, AUX and NUL; loop titles with control characters and U+202E",
    promise: "names a Windows file system accepts; no control or bidi character in a file name",
    check: async () => {
      const file = manifestWith((m) => {
        for (const name of ["CON", "AUX", "NUL"])
          nodes(m)[`model.jaffle_shop.${name}`] = {
            ...nodes(m)["model.jaffle_shop.customers"],
            name,
            unique_id: `model.jaffle_shop.${name}`,
            original_file_path: `models/${name}.sql`,
          };
      });
      expect((await runCli(["import-dbt", root, "--manifest", file])).code).toBe(0);
      const models = readdirSync(join(root, "dbt/jaffle_shop/models"));
      expect(models).toEqual(expect.arrayContaining(["CON_.md", "AUX_.md", "NUL_.md"]));
      await capture(loop("", "evil\u202egnp.exe\u0007 title"));
      const [name] = readdirSync(join(root, "Copilot/Loops"));
      // eslint-disable-next-line no-control-regex -- the point of the row
      expect(name).not.toMatch(/[\u0000-\u001f\u202e]/);
      expect(name).toBe("LOOP-001 evil gnp.exe title.md");
    },
  },
  {
    bullet: "A selector hangs the server",
    attack: "decp select 'fqn:*******x'",
    promise: "answers at once: no node selected",
    check: async () => {
      const run = await runCli(["select", root, "fqn:*******x", "--json"]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ nodes: [] });
    },
  },
  {
    bullet: "Symlinks escape the vault",
    attack: "Copilot/Loops is a symbolic link to a folder outside, then decp capture",
    promise: "one-line refusal; nothing written outside",
    check: async () => {
      rmSync(join(root, "Copilot/Loops"), { recursive: true, force: true });
      symlinkSync(outside, join(root, "Copilot/Loops"));
      refused(await capture(loop("", "Escape")), /"Copilot\/Loops.*" leads outside the vault through a symbolic link/);
      expect(readdirSync(outside)).toEqual([]);
    },
  },
  {
    bullet: "The vault can send the TickTick token anywhere",
    attack: '.decp/settings.json with "ticktick":{"apiBase":"http://127.0.0.1:P/x"}, then sync --dry-run',
    promise: "one-line refusal; the server there receives nothing",
    check: async () => {
      const seen: string[] = [];
      const server: Server = createServer((req, res) => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ""}`);
        res.end("[]");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const port = (server.address() as AddressInfo).port;
      try {
        mkdirSync(join(root, ".decp"), { recursive: true });
        writeFileSync(
          join(root, ".decp/settings.json"),
          JSON.stringify({ ticktick: { apiBase: `http://127.0.0.1:${port}/x` } }),
        );
        const run = await runCli(["sync", root, "--dry-run"], { env: { TICKTICK_TOKEN: "secret-token" } });
        refused(run, /settings may only choose https:\/\/api\.ticktick\.com\/open\/v1 or https:\/\/api\.dida365\.com/);
        const plain = await runCli(["sync", root, "--dry-run"], {
          env: { TICKTICK_TOKEN: "secret-token", TICKTICK_API_BASE: "http://proxy.example/open/v1" },
        });
        refused(plain, /would send the token in the clear/);
        expect(seen).toEqual([]);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    },
  },
  {
    bullet: "Bad input accepted",
    attack: "package.json as --manifest",
    promise: "one-line refusal, nothing written",
    check: async () => {
      const before = snapshot(root);
      refused(
        await runCli(["import-dbt", root, "--manifest", join(__dirname, "../../package.json")]),
        /^decp: \S*package\.json: Not a dbt manifest/,
      );
      expect(snapshot(root)).toEqual(before);
    },
  },
  {
    bullet: "Bad input accepted",
    attack: "a manifest of schema v99",
    promise: "one-line refusal naming the versions decp reads",
    check: async () => {
      const file = manifestWith(
        (m) =>
          ((m.metadata as Record<string, unknown>).dbt_schema_version =
            "https://schemas.getdbt.com/dbt/manifest/v99.json"),
      );
      refused(
        await runCli(["import-dbt", root, "--manifest", file]),
        /The manifest uses schema v99; decp reads v6 to v12/,
      );
    },
  },
  {
    bullet: "Bad input accepted",
    attack: "a manifest with empty nodes (every demo note would be marked removed)",
    promise: "stops, names --allow-removals, changes nothing; with the flag it proceeds",
    check: async () => {
      const before = snapshot(root);
      const empty = manifestWith((m) => Object.assign(m, { nodes: {}, sources: {}, parent_map: {} }));
      refused(
        await runCli(["import-dbt", root, "--manifest", empty]),
        /would mark \d+ of the \d+ notes.*--allow-removals/,
      );
      expect(snapshot(root)).toEqual(before);
      expect((await runCli(["import-dbt", root, "--manifest", empty, "--allow-removals"])).code).toBe(0);
    },
  },
  {
    bullet: "Bad input accepted",
    attack: "deeply nested JSON (200,000 levels, truncated; 100,000 levels, valid, in a config)",
    promise: "one line with the line and column, no RangeError",
    check: async () => {
      const file = join(outside, "deep.json");
      writeFileSync(file, `{"nodes": ${"[".repeat(200_000)}`);
      refused(await runCli(["import-dbt", root, "--manifest", file]), /deep\.json:1:\d+: Not valid JSON: /);
      // Valid JSON nested deeper than any dbt config, inside a node's config (spliced in as text:
      // JSON.stringify itself cannot go that deep).
      const valid = manifestWith((m) => (nodes(m)["model.jaffle_shop.customers"].config = { meta: "DEEP" }));
      const deep = `${"[".repeat(100_000)}1${"]".repeat(100_000)}`;
      writeFileSync(valid, readFileSync(valid, "utf8").replace('"DEEP"', deep));
      refused(
        await runCli(["import-dbt", root, "--manifest", valid]),
        /config of model\.jaffle_shop\.customers is nested more than 32 levels/,
      );
    },
  },
  {
    bullet: "Bad input accepted",
    attack: "pack --out into a missing folder, and onto an existing note",
    promise: "one-line errors; the note is not overwritten; --force replaces on purpose",
    check: async () => {
      const pack = (out: string, ...more: string[]) =>
        runCli(["pack", root, "--focus", "customers", "--budget", "3000", "--out", out, ...more]);
      refused(await pack(join(outside, "missing/pack.md")), /The folder for --out .* does not exist/);
      const note = join(root, customers);
      const text = readFileSync(note, "utf8");
      refused(await pack(note), /already exists.*--force/);
      expect(readFileSync(note, "utf8")).toBe(text);
      const file = join(outside, "pack.md");
      expect((await pack(file)).code).toBe(0);
      expect((await pack(file, "--force")).code).toBe(0);
    },
  },
  {
    bullet: "Bad input accepted",
    attack: "a '## Question' line inside a loop's context",
    promise: "read back, the context keeps it and the question is the loop's own",
    check: async () => {
      const context = "<context>Pasted:\n## Question\nnot this one</context><question>The real question?</question>";
      await capture(loop("", "Heading inside", context));
      const path = "Copilot/Loops/LOOP-001 Heading inside.md";
      const read = parseLoopNote(readFileSync(join(root, path), "utf8"), path);
      expect(read.question).toBe("The real question?");
      expect(read.context).toBe("Pasted:\n## Question\nnot this one");
    },
  },
  {
    bullet: "Bad input accepted (and kill -9 during import, handled today)",
    attack: "kill -9 in the middle of an import of a changed manifest",
    promise: "no note half written; the next run removes the leftover .tmp files and completes",
    check: async () => {
      const changed = manifestWith((m) => {
        for (const node of Object.values(nodes(m))) node.description = `${String(node.description)} (v2)`;
      });
      const child = spawn(process.execPath, [CLI, "import-dbt", root, "--manifest", changed]);
      const exited = new Promise((resolve) => child.on("close", resolve));
      // Killed as soon as the first updated note is on disk: mid-import, some notes new, some old.
      const models = join(root, "dbt/jaffle_shop/models");
      const started = () =>
        readdirSync(models).some((f) => f.endsWith(".md") && readFileSync(join(models, f), "utf8").includes("(v2)"));
      while (child.exitCode === null && !started()) await new Promise((resolve) => setImmediate(resolve));
      child.kill("SIGKILL");
      await exited;
      // A temp file as the killed writer would leave it, whatever moment the kill hit.
      writeFileSync(join(root, "dbt/jaffle_shop/models", `.decp-${child.pid}-1.tmp`), "");
      const notes = Object.entries(snapshot(join(root, "dbt")));
      for (const [path, text] of notes) if (path.endsWith(".md")) expect(text).toMatch(/%% decp:end %%\n/);
      expect((await runCli(["import-dbt", root, "--manifest", changed])).code).toBe(0);
      expect(Object.keys(snapshot(join(root, "dbt"))).filter((p) => p.endsWith(".tmp"))).toEqual([]);
      // Every node's note has the new description (the project's macro notes have none to change).
      for (const [, text] of Object.entries(snapshot(join(root, "dbt"))))
        if (!text.includes("\ntype: macro\n")) expect(text).toContain("(v2)");
    },
  },
  {
    bullet: "Handled today: path escapes",
    attack: "a manifest whose original_file_path climbs out with ../../",
    promise: "one-line refusal naming the node; nothing written anywhere",
    check: async () => {
      const before = snapshot(root);
      const file = manifestWith((m) => {
        const evil = "model.jaffle_shop.evil";
        nodes(m)[evil] = { ...nodes(m)["model.jaffle_shop.customers"], unique_id: evil, name: "evil" };
        nodes(m)[evil].original_file_path = "../../../outside/evil.sql";
      });
      refused(await runCli(["import-dbt", root, "--manifest", file]), /model\.jaffle_shop\.evil .* would leave/);
      expect(snapshot(root)).toEqual(before);
    },
  },
  {
    bullet: "Handled today: YAML specials",
    attack: "a loop titled `yes: no # [x] {y}` with a model `null`",
    promise: "the title is kept as written and the note reads back",
    check: async () => {
      await capture(loop("", "yes: no # [x] {y}", "<model>null</model>"));
      const [name] = readdirSync(join(root, "Copilot/Loops"));
      const read = parseLoopNote(readFileSync(join(root, "Copilot/Loops", name), "utf8"), name);
      expect(read.title).toBe("yes: no # [x] {y}");
      expect(read.models).toEqual(["null"]);
    },
  },
  {
    bullet: "Handled today: cycles",
    attack: "a manifest whose models depend on each other in a cycle",
    promise: "imports, and selectors over the cycle terminate",
    check: async () => {
      const file = manifestWith((m) => {
        const deps = (id: string) => nodes(m)[id].depends_on as { nodes: string[] };
        deps("model.jaffle_shop.stg_customers").nodes.push("model.jaffle_shop.customers");
        (m.parent_map as Record<string, string[]>)["model.jaffle_shop.stg_customers"].push(
          "model.jaffle_shop.customers",
        );
      });
      expect((await runCli(["import-dbt", root, "--manifest", file])).code).toBe(0);
      const run = await runCli(["select", root, "+customers+", "--json"]);
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as { nodes: string[] }).nodes).toContain("model.jaffle_shop.stg_customers");
    },
  },
  {
    bullet: "Handled today: truncated JSON",
    attack: "a manifest cut off in the middle",
    promise: "one line with the line and column",
    check: async () => {
      const file = join(outside, "cut.json");
      writeFileSync(file, readFileSync(JAFFLE_MANIFEST, "utf8").slice(0, 5000));
      refused(await runCli(["import-dbt", root, "--manifest", file]), /cut\.json:\d+:\d+: Not valid JSON: /);
    },
  },
];

testFaultRows(rows, () => expect(existsSync(root)).toBe(true));
