// Runs the benchmark at --size small so it never rots: one JSON document on stdout, every figure
// well formed, every named figure present, ratio figures carrying their floor, and the behaviour
// figures right (a no-change re-import writes nothing). No timing is asserted.

import { spawnSync } from "node:child_process";
import { join } from "node:path";

interface Figure {
  name: string;
  value: number;
  unit: string;
  target: string | null;
  holds: boolean | null;
  ms?: number;
  floorMs?: number;
  floor?: string;
}

const EXPECTED = [
  "counts_identical",
  "gpt_tokenizer_throughput",
  "js_tiktoken_throughput",
  "gpt_tokenizer_load",
  "js_tiktoken_load",
  "tally_cold",
  "tally_warm",
  "tally_one_note_edited",
  "dbt_import_cpu",
  "dbt_import_writes",
  "dbt_reimport_written",
  "dbt_reimport",
  "dbt_reimport_identical",
  "dbt_import_peak_rss",
  "dbt_column_analysis",
  "impact_column_readers",
  "select_at_model",
  "select_plus_model_plus",
  "select_three_method_intersection",
  "pack_5000_tokens_warm",
  "plugin_onload",
  "plugin_main_js_size",
  "repomix_tally",
  "decp_cold_vs_repomix",
  "decp_warm_vs_repomix",
  "cli_select_300",
  "cli_pack_300",
  "cli_tally_select_300",
  "cli_resume_300",
];

// Figures whose target is a ratio to a floor measured in the same run.
const RATIOS = [
  "tally_cold",
  "tally_warm",
  "dbt_import_cpu",
  "dbt_import_writes",
  "dbt_reimport",
  "dbt_reimport_identical",
  "dbt_column_analysis",
  "impact_column_readers",
  "cli_select_300",
];

test("npm run bench -- --size small --json prints one well-formed JSON document with every figure", () => {
  const run = spawnSync(
    process.execPath,
    [join(__dirname, "..", "..", "bench", "run.mjs"), "--size", "small", "--json"],
    { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
  );
  expect(run.stderr).not.toContain("bench failed");
  expect(run.status).toBe(0);
  const report = JSON.parse(run.stdout) as { size: string; figures: Figure[] };
  expect(report.size).toBe("small");

  const names = report.figures.map((f) => f.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toEqual(expect.arrayContaining(EXPECTED));
  for (const f of report.figures) {
    expect(typeof f.value === "number" && Number.isFinite(f.value)).toBe(true);
    expect(typeof f.unit).toBe("string");
    if (f.target === null) expect(f.holds).toBeNull();
    else {
      expect(f.target).toMatch(/^(<=|>=|==) \d+(\.\d+)?$/);
      expect(typeof f.holds).toBe("boolean");
    }
  }
  const byName = new Map(report.figures.map((f) => [f.name, f]));
  for (const name of RATIOS) {
    const f = byName.get(name)!;
    expect(f.unit).toBe("x floor");
    expect(f.floor).toEqual(expect.any(String));
    expect(f.ms! > 0 && f.floorMs! > 0).toBe(true);
  }
  expect(byName.get("counts_identical")?.holds).toBe(true);
  expect(byName.get("dbt_reimport_written")?.holds).toBe(true);
  expect(byName.get("dbt_import_child_wrote_all")?.holds).toBe(true);
}, 300_000);
