// A realistic vault for session tests: dbt model notes with lineage, loops in every state, two
// context records and a daily note, with file times fixed to the session day.

import { mkdtempSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import { createLoops, changeLoopStatus, updateLoop } from "../../../src/core/loops";
import { fixedClock } from "../../../src/core/ports";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";

export const settings = DEFAULT_SETTINGS;
export const daily = { folder: "Daily", format: "YYYY-MM-DD", template: "" };
export const SESSION_END = "2026-01-21T18:00:00Z";

function model(name: string, upstream: string[]): string {
  return `---\ntype: model\nname: ${name}\nunique_id: model.acme.${name}\npackage: acme\nfqn: [acme, ${name}]\nupstream: [${upstream.map((d) => `"[[${d}]]"`).join(", ")}]\n---\n# ${name}\n`;
}

export async function buildSessionVault(): Promise<{ root: string; vault: FsVault }> {
  const root = mkdtempSync(join(tmpdir(), "decp-session-"));
  const vault = new FsVault(root);
  await vault.write("dbt/acme/models/staging/stg_orders.md", model("stg_orders", []));
  await vault.write("dbt/acme/models/staging/stg_payments.md", model("stg_payments", []));
  await vault.write("dbt/acme/models/marts/fct_orders.md", model("fct_orders", ["stg_orders", "stg_payments"]));
  await vault.write("dbt/acme/models/reporting/rpt_revenue.md", model("rpt_revenue", ["fct_orders"]));
  await vault.write("dbt/acme/models/reporting/rpt_orders_daily.md", model("rpt_orders_daily", ["fct_orders"]));

  const earlier = fixedClock("2026-01-19T10:00:00Z");
  await createLoops(
    vault,
    settings,
    [
      {
        title: "Are soft-deleted customers excluded",
        question: "Does dim_customers drop deleted rows?",
        session: "2026-01-19",
      },
    ],
    { clock: earlier, status: "open" },
  );
  const during = fixedClock("2026-01-21T14:30:00Z");
  const { created } = await createLoops(
    vault,
    settings,
    [
      {
        title: "Confirm order grain after the refund join",
        question: "Is fct_orders still one row per order_id?",
        models: ["fct_orders"],
        session: "2026-01-21",
      },
      {
        title: "Currency of payment amounts",
        question: "Are stg_payments amounts in cents?",
        models: ["stg_payments"],
        session: "2026-01-21",
        captured: "2026-01-21T15:10:00Z",
      },
      {
        title: "Late arriving refunds",
        question: "Do we reprocess the last 3 days?",
        models: ["fct_orders"],
        session: "2026-01-21",
        captured: "2026-01-21T15:40:00Z",
      },
    ],
    { clock: during, status: "open" },
  );
  await changeLoopStatus(vault, created[0].path, "closed", {
    clock: fixedClock("2026-01-21T16:45:00Z"),
    outcome: {
      result: "Still one row per order_id; refunds are aggregated before the join",
      evidence: "dbt test unique_fct_orders_order_id passes",
      decision: "DECISION-004",
    },
  });
  await changeLoopStatus(vault, created[1].path, "clarifying", { clock: during });
  await updateLoop(vault, created[1].path, {
    clarified: "2026-01-21T17:00:00Z",
    ticktickId: "65a1f0c2e4b0a1b2c3d4e5f6",
  });

  await vault.write(
    "Copilot/Context/2026-01-21 1400 fct_orders.md",
    "---\ntype: context\ncreated: 2026-01-21T14:00:00Z\nfocus: fct_orders\nselector: +fct_orders\nbudget: 5000\nused: 2300\nphase: deliberate\nencoding: o200k_base\n---\n# Context: fct_orders\n\n## Why\nParents in full, reporting models excluded: none is edited in this task.\n\n| Path | Tokens |\n| --- | --- |\n",
  );
  await vault.write(
    "Copilot/Context/2026-01-21 1600 fct_orders.md",
    "---\ntype: context\ncreated: 2026-01-21T16:00:00Z\nfocus: fct_orders\nselector: fct_orders+1\nbudget: 5000\nused: 1200\nphase: comfortable\nencoding: o200k_base\n---\n# Context: fct_orders\n\n## Why\nOnly the direct children, to check the refund change downstream.\n",
  );
  await vault.write("Daily/2026-01-21.md", "# Wednesday\n\n- CHECKPOINT-002 verified refund totals with finance\n");
  await vault.write("Notes/old idea.md", "untouched today\n");

  const sessionTime = new Date("2026-01-21T17:30:00Z");
  const old = new Date("2026-01-10T09:00:00Z");
  for (const path of await vault.list()) {
    const at =
      path.startsWith("dbt/acme/models/staging") ||
      path.startsWith("Notes/") ||
      path.includes("LOOP-001") ||
      path.includes("ID register")
        ? old
        : sessionTime;
    utimesSync(join(root, path), at, at);
  }
  return { root, vault };
}
