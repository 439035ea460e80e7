import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getEncoding } from "js-tiktoken";
import { FsVault } from "../../../src/cli/fs-vault";
import { run } from "../../../src/cli/main";
import { FOCUS, writeLineageVault, writePlainVault } from "../../core/context/pack-vault";
import { dbtFixturePath } from "../../fixtures/paths";

let root: string;
let out: string;
let err: string;
const oracle = getEncoding("o200k_base");

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "decp-cli-context-"));
  out = "";
  err = "";
  jest
    .spyOn(process.stdout, "write")
    .mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  jest
    .spyOn(process.stderr, "write")
    .mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

test("decp tally --json: total, encoding and per-file tokens equal to js-tiktoken; the cache file is written", async () => {
  const vault = new FsVault(root);
  await writePlainVault(vault);
  expect(await run(["tally", root, "Projects", "Glossary", "--json"])).toBe(0);
  const result = JSON.parse(out) as { total: number; encoding: string; files: Array<{ path: string; tokens: number }> };
  const expected = await Promise.all(
    ["Glossary.md", "Projects/Migration plan.md", "Projects/Risks.md", "Projects/Timeline.md"].map(async (path) => ({
      path,
      tokens: oracle.encode(await vault.read(path)).length,
    })),
  );
  expect(result.files).toEqual(expected);
  expect(result.total).toBe(expected.reduce((s, f) => s + f.tokens, 0));
  expect(result.encoding).toBe("o200k_base");
  expect(existsSync(join(root, ".decp/cache/tokens-o200k_base.json"))).toBe(true);
});

test("decp tally --encoding cl100k_base counts with that encoding", async () => {
  await new FsVault(root).write("a.md", "Ünïcödé 日本語 👩🏽‍💻");
  expect(await run(["tally", root, "--encoding", "cl100k_base", "--json"])).toBe(0);
  expect(JSON.parse(out)).toMatchObject({
    encoding: "cl100k_base",
    total: getEncoding("cl100k_base").encode("Ünïcödé 日本語 👩🏽‍💻").length,
  });
});

test("decp pack --json stays within budget and explains exclusions; the Markdown goes to --out", async () => {
  await writeLineageVault(new FsVault(root));
  const file = join(root, "..", `pack-${Date.now()}.md`);
  expect(await run(["pack", root, "--focus", FOCUS, "--budget", "2000", "--out", file, "--json"])).toBe(0);
  const summary = JSON.parse(out) as {
    budget: number;
    used: number;
    included: Array<{ path: string; reason: string }>;
    excluded: Array<{ reason: string }>;
  };
  expect(summary.budget).toBe(2000);
  expect(summary.used).toBeLessThanOrEqual(2000);
  expect(summary.included[0].reason).toBe("focus");
  expect(summary.excluded.length).toBeGreaterThan(200);
  expect(oracle.encode(readFileSync(file, "utf8"), [], []).length).toBe(summary.used);
  expect(err).toMatch(/^Packed [\d,]+ \/ 2,000 tokens \(phase comfortable in a 200,000-token window\)/);
  rmSync(file);
});

test("user errors exit 1 with one line; usage errors exit 2", async () => {
  await writePlainVault(new FsVault(root));
  expect(await run(["pack", root, "--focus", "Nowhere", "--budget", "1000"])).toBe(1);
  expect(err).toBe('decp: No note or model named "Nowhere". Give a vault path, a note name or a dbt model name\n');
  expect(await run(["tally", root, "--encoding", "p50k"])).toBe(1);
  expect(await run(["pack", root])).toBe(2);
});

describe("on a real dbt project (jaffle_shop imported into model notes)", () => {
  beforeEach(async () => {
    const { importDbtProject, readManifest } = await import("../../../src/core/dbt");
    const { DEFAULT_SETTINGS } = await import("../../../src/core/settings");
    const manifest = JSON.parse(readFileSync(dbtFixturePath("jaffle_shop_v12_dbt1.8.json"), "utf8")) as Record<
      string,
      unknown
    >;
    await importDbtProject(new FsVault(root), DEFAULT_SETTINGS, readManifest(manifest));
  });

  test("decp tally --select counts exactly the selected models' notes", async () => {
    expect(await run(["tally", root, "--select", "+orders", "--json"])).toBe(0);
    const result = JSON.parse(out) as { files: Array<{ path: string }> };
    const names = result.files.map((f) => f.path.slice(f.path.lastIndexOf("/") + 1));
    expect(names).toContain("orders.md");
    expect(names).toContain("stg_orders.md");
    expect(names).not.toContain("customers.md");
  });

  test("decp pack around a model loads its parents in full or compact form, never its SQL when compact", async () => {
    expect(await run(["pack", root, "--focus", "orders", "--budget", "2000", "--json"])).toBe(0);
    const summary = JSON.parse(out) as {
      used: number;
      included: Array<{ path: string; reason: string; form: string }>;
    };
    expect(summary.used).toBeLessThanOrEqual(2000);
    expect(summary.included[0]).toMatchObject({ reason: "focus" });
    expect(summary.included.some((i) => i.reason === "direct parents")).toBe(true);
  });

  test("a bad selector is a user error naming the token", async () => {
    expect(await run(["tally", root, "--select", "nosuchmethod:x"])).toBe(1);
    expect(err).toMatch(/^decp: .*nosuchmethod/);
  });

  test("decp pack with a selector that matches no model is a user error, not a pack of the focus alone", async () => {
    expect(await run(["pack", root, "--focus", "orders", "--budget", "2000", "--select", "tag:nope"])).toBe(1);
    expect(err).toBe(
      'decp: Selector "tag:nope" matched no model notes. Check the model names; `decp select <vault> <selector>` shows what matches\n',
    );
  });

  test("decp pack --compiled shows the compiled SQL; --columns ranks the children that read them", async () => {
    expect(await run(["pack", root, "--focus", "stg_orders", "--budget", "3000", "--compiled"])).toBe(0);
    expect(out).toContain("SQL (compiled):\n```sql\n");
    expect(out).not.toContain("{{ ref(");
    expect(await run(["pack", root, "--focus", "stg_orders", "--budget", "3000", "--columns", "status"])).toBe(0);
    expect(out).toContain("- Columns in question: status");
    expect(out).toContain(
      "Children (2, most relevant first):\n- SQL names status: orders (table, 1 downstream)\n- table: customers\n",
    );
    expect(out).toContain("select * from {{ ref('raw_orders') }}");
  });
});
