// Column usage across re-imports: a model whose compiled SQL and parents' columns are unchanged keeps
// the usage the last import analysed (its SQL is not parsed again); a parent whose columns changed has
// its children analysed again, and no further.

import { analyseProjectColumns, importDbtProject, loadSqlParser, type SqlParser } from "../../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { MemoryVault } from "../../../src/demo/memory-vault";
import { MemoryStateStore, model, project, type Node } from "./manifest-builders";

/** a -> b -> c -> d: b names a's columns, c selects * from b, d reads one column of c. */
const SQL: Record<string, string> = {
  a: "select 1 as id, 'x' as name",
  b: "select id, name from db.shop.a",
  c: "select * from db.shop.b",
  d: "select id from db.shop.c",
};
const PARENT: Record<string, string | undefined> = { b: "a", c: "b", d: "c" };

function compiled(sql: Record<string, string> = {}): ReturnType<typeof project> {
  return project(
    ...Object.keys(SQL).map((name): Node => {
      const parent = PARENT[name];
      return model(name, parent ? [`model.shop.${parent}`] : [], {
        database: "db",
        schema: "shop",
        alias: name,
        compiled_code: sql[name] ?? SQL[name],
      });
    }),
  );
}

/** The real parser, recording which models' SQL it parsed. */
async function countingParser(): Promise<{ parser: SqlParser; parsed: string[] }> {
  const real = await loadSqlParser();
  const parsed: string[] = [];
  const byCode = new Map(Object.entries(SQL).map(([name, code]) => [code, name]));
  return {
    parsed,
    parser: {
      parse(code, dialect) {
        parsed.push(byCode.get(code) ?? code);
        return real.parse(code, dialect);
      },
    },
  };
}

test("a re-import keeps every model's column usage: no SQL parsed, no note written", async () => {
  const vault = new MemoryVault();
  const store = new MemoryStateStore();
  const first = await importDbtProject(vault, DEFAULT_SETTINGS, compiled(), { stateStore: store });
  expect(first.columnUsage).toEqual({ analysed: 4, reused: 0 });
  expect(Object.keys(store.columns.get("shop")!.models).sort()).toEqual(
    ["a", "b", "c", "d"].map((m) => `model.shop.${m}`),
  );
  const dNote = await vault.read("dbt/shop/models/d.md");
  expect(dNote).toContain("columns_read:\n  - c.id\n");

  const again = await importDbtProject(vault, DEFAULT_SETTINGS, compiled(), { stateStore: store });
  expect(again.columnUsage).toEqual({ analysed: 0, reused: 4 });
  expect(again).toMatchObject({ written: 0, unchanged: 4 });
  expect(await vault.read("dbt/shop/models/d.md")).toBe(dNote);
});

test("a parent whose columns changed has its children analysed again, and only them", async () => {
  const store = new MemoryStateStore();
  const vault = new MemoryVault();
  await importDbtProject(vault, DEFAULT_SETTINGS, compiled(), { stateStore: store });
  const cache = store.columns.get("shop")!;

  // b now also computes `tier`: b is re-parsed, and c (select * from b) with it; c's columns change, so
  // d is analysed again too. a is untouched.
  const wider = { b: "select id, name, 'gold' as tier from db.shop.a" };
  const { parser, parsed } = await countingParser();
  const changed = compiled(wider);
  expect(await analyseProjectColumns(changed, parser, cache)).toEqual({ analysed: 3, reused: 1 });
  expect(parsed).toEqual([wider.b, "c", "d"]);

  // A change inside b that keeps its columns: b alone is parsed again.
  const same = { b: "select id, name from db.shop.a where id > 0" };
  const second = await countingParser();
  expect(await analyseProjectColumns(compiled(same), second.parser, cache)).toEqual({ analysed: 1, reused: 3 });
  expect(second.parsed).toEqual([same.b]);

  // Through the import: the notes of c and d now list tier among c's columns.
  const report = await importDbtProject(vault, DEFAULT_SETTINGS, compiled(wider), { stateStore: store });
  expect(report.columnUsage).toEqual({ analysed: 3, reused: 1 });
  expect(await vault.read("dbt/shop/models/c.md")).toMatch(/`tier`/);
});

test("usage kept by another version of the analysis is analysed again", async () => {
  const store = new MemoryStateStore();
  await importDbtProject(new MemoryVault(), DEFAULT_SETTINGS, compiled(), { stateStore: store });
  const cache = store.columns.get("shop")!;
  for (const entry of Object.values(cache.models)) entry.key = `old-${entry.key}`;
  const { parser, parsed } = await countingParser();
  expect(await analyseProjectColumns(compiled(), parser, cache)).toEqual({ analysed: 4, reused: 0 });
  expect(parsed.sort()).toEqual(["a", "b", "c", "d"]);
});
