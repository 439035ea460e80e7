// Approval: the pack text an agent receives, on the real jaffle_shop project (dbt 1.11: the project's
// own macros, relationships and accepted_values tests), and the macro note the importer writes. A
// reviewer reads test/approved/context/*.md to see exactly what the model gets.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import { buildPack, loadNoteGraph, openTokenTally, renderPackMarkdown } from "../../../src/core/context";
import { importDbtProject, readManifest } from "../../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { expectApproved } from "../../support/approval";
import { fixtureManifest } from "../dbt/fixtures";

let root: string;
let vault: FsVault;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "decp-pack-approved-"));
  vault = new FsVault(root);
  await importDbtProject(vault, DEFAULT_SETTINGS, readManifest(fixtureManifest("jaffle_shop_v12_dbt1.11.json")));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("approved: a 2,000-token pack around stg_orders, the columns in question named by the task", async () => {
  const sources = {
    settings: DEFAULT_SETTINGS,
    tally: await openTokenTally(vault, DEFAULT_SETTINGS),
    graph: await loadNoteGraph(vault),
    loops: [
      {
        id: "LOOP-004",
        status: "open",
        title: "Are order totals in dollars everywhere?",
        models: ["stg_orders"],
        path: "Copilot/Loops/LOOP-004 Are order totals in dollars everywhere.md",
      },
    ],
  };
  const pack = await buildPack(sources, {
    focus: "stg_orders",
    budget: 2000,
    task: "Rename order_total to order_total_usd",
  });
  expectApproved("context/pack-stg_orders-2k", renderPackMarkdown(pack));
});

test("approved: the macro note of cents_to_dollars", async () => {
  expectApproved("context/macro-note", await vault.read("dbt/jaffle_shop/macros/cents_to_dollars.md"));
});
