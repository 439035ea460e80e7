import { importDbtProject, readManifest } from "../../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { expectApproved } from "../../support/approval";
import { fixtureManifest, TempVault } from "./fixtures";

describe("model note", () => {
  let temp: TempVault;
  beforeEach(() => (temp = new TempVault()));
  afterEach(() => temp.dispose());

  // Model notes carry no timestamps, so the approved text needs no fixed clock.
  test("approved: jaffle_shop customers (v12, dbt 1.8, compiled SQL, tests, one-hop Mermaid)", async () => {
    await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(fixtureManifest("jaffle_shop_v12_dbt1.8.json")));
    const paths = await temp.vault.list("dbt/jaffle_shop");
    const path = paths.find((p) => p.endsWith("/customers.md"))!;
    const text = await temp.vault.read(path);
    expectApproved("dbt-model-note", text);
  });
});
