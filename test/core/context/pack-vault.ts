// Test vaults for packs: a dbt-like project (model notes with lineage in frontmatter) whose focus
// has 200+ descendants, and a plain-notes vault with links, backlinks and a cycle.

import { FsVault } from "../../../src/cli/fs-vault";
import { modelNote } from "./corpus";

export const FOCUS = "fct_orders";

export async function writeLineageVault(vault: FsVault): Promise<{ descendants: string[]; all: string[] }> {
  const notes: Record<string, string> = {};
  const put = (folder: string, name: string, up: string[], down: string[], extra = "") => {
    notes[`dbt/acme/models/${folder}/${name}.md`] = modelNote(name, up, down, extra);
  };
  put("staging", "stg_orders", ["raw_orders"], [FOCUS]);
  put("staging", "stg_payments", ["raw_payments"], [FOCUS]);
  put("sources", "raw_orders", [], ["stg_orders"]);
  put("sources", "raw_payments", [], ["stg_payments"]);
  const children = Array.from({ length: 10 }, (_, i) => `int_orders_${i}`);
  put("marts", FOCUS, ["stg_orders", "stg_payments"], children, "It is the grain every report relies on. ".repeat(20));
  const descendants: string[] = [...children];
  children.forEach((child, i) => {
    const grandchildren = Array.from({ length: 20 }, (_, j) => `rpt_${i}_${j}`);
    descendants.push(...grandchildren);
    put("intermediate", child, [FOCUS], grandchildren);
    for (const g of grandchildren) put("reporting", g, [child], []);
  });
  notes["Copilot/Loops/LOOP-001 Check int_orders_7.md"] =
    `---\nid: LOOP-001\ntype: loop\nstatus: open\ntitle: Check int_orders_7\nmodels: ["[[int_orders_7]]"]\n---\n## Context\nWhy does [[int_orders_7]] double count?\n`;
  for (const [path, text] of Object.entries(notes)) await vault.write(path, text);
  return { descendants, all: Object.keys(notes) };
}

export async function writePlainVault(vault: FsVault): Promise<void> {
  await vault.write(
    "Projects/Migration plan.md",
    "# Migration plan\n\nWe move the warehouse. See [[Risks]] and [[Timeline]].\n\n%% teaching: keep plans short %%\n",
  );
  await vault.write(
    "Projects/Risks.md",
    "# Risks\n\n- Data loss; see [Timeline](Timeline.md)\n- Back to [[Migration plan]] (a cycle)\n",
  );
  await vault.write("Projects/Timeline.md", '---\nrelated: "[[Glossary]]"\n---\n# Timeline\n\nQ1: copy. Q2: switch.\n');
  await vault.write("Glossary.md", "# Glossary\n\nWarehouse: where the data lives.\n");
  await vault.write("Daily/2026-01-21.md", "Worked on [[Migration plan]] today.\n");
  await vault.write("Unrelated.md", "# Unrelated\n\nNothing links here.\n");
}
