// An import that would mark more than half of the notes removed (an empty `nodes`, the wrong
// project) stops before writing and names the flag that allows it.

import { importDbtProject, MassRemovalError, readManifest } from "../../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { fixtureManifest, TempVault } from "./fixtures";

let temp: TempVault;
beforeEach(() => (temp = new TempVault()));
afterEach(() => temp.dispose());

function emptied(): Record<string, unknown> {
  const manifest = fixtureManifest("jaffle_shop_v12_dbt1.11.json");
  return { ...manifest, nodes: {}, sources: {}, macros: {}, parent_map: {} };
}

test("a manifest with empty nodes marks nothing removed and names --allow-removals", async () => {
  const first = await importDbtProject(
    temp.vault,
    DEFAULT_SETTINGS,
    readManifest(fixtureManifest("jaffle_shop_v12_dbt1.11.json")),
  );
  const before = await Promise.all((await temp.vault.list()).map((p) => temp.vault.read(p)));
  const refusal = importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(emptied()));
  await expect(refusal).rejects.toThrow(MassRemovalError);
  await expect(refusal).rejects.toThrow(
    `would mark ${first.created} of the ${first.created} notes in dbt/jaffle_shop removed`,
  );
  await refusal.catch((error: MassRemovalError) => expect(error.describe()).toContain("--allow-removals"));
  expect(await Promise.all((await temp.vault.list()).map((p) => temp.vault.read(p)))).toEqual(before);

  const allowed = await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(emptied()), {
    allowRemovals: true,
  });
  expect(allowed.removed).toHaveLength(first.created);
});

test("removing fewer than half goes ahead without the flag", async () => {
  const manifest = fixtureManifest("jaffle_shop_v12_dbt1.11.json");
  await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(manifest));
  const nodes = manifest.nodes as Record<string, unknown>;
  delete nodes["model.jaffle_shop.customers"];
  const report = await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(manifest));
  expect(report.removed).toEqual(["dbt/jaffle_shop/models/marts/customers.md"]);
});
