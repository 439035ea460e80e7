import { statSync } from "node:fs";
import { join } from "node:path";
import { importDbtProject, loadLineageFromVault, planImport, readManifest } from "../../../src/core/dbt";
import { UserError } from "../../../src/core/errors";
import { parseNote } from "../../../src/core/frontmatter";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { TempVault } from "./fixtures";
import { manifest, model, type Node } from "./manifest-builders";

const base = (): Node =>
  manifest(model("stg_a", []), model("dim_a", ["model.shop.stg_a"]), model("rpt_a", ["model.shop.dim_a"]));

describe("importing into a vault the user has been working in", () => {
  let temp: TempVault;
  beforeEach(() => (temp = new TempVault()));
  afterEach(() => temp.dispose());
  const dimPath = "dbt/shop/models/dim_a.md";

  test("a changed model gets only its managed region and owned keys rewritten", async () => {
    await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(base()));
    await temp.vault.processFrontMatter(dimPath, (fm) => {
      fm.owner = "data-platform";
      fm.tags = ["mine"];
    });
    await temp.vault.process(dimPath, (text) => `${text}\n## My notes\nGrain is one row per customer.\n`);
    const rptBefore = statSync(join(temp.root, "dbt/shop/models/rpt_a.md")).mtimeMs;

    const changed = base();
    (changed.nodes as Record<string, Node>)["model.shop.dim_a"].description = "Customers, one row each";
    const report = await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(changed));

    expect(report.written).toBe(1);
    expect(report.updated).toBe(1);
    const text = await temp.vault.read(dimPath);
    const { frontmatter, body } = parseNote(text);
    expect(frontmatter.owner).toBe("data-platform");
    expect(frontmatter.tags).toEqual(["mine"]); // dbt has no tags here; the user's tag stays
    expect(frontmatter.description).toBe("Customers, one row each");
    expect(body).toContain("Customers, one row each");
    expect(body).toContain("## My notes\nGrain is one row per customer.");
    expect(statSync(join(temp.root, "dbt/shop/models/rpt_a.md")).mtimeMs).toBe(rptBefore);

    // And the next import, with nothing changed, writes nothing even though the note has user keys.
    expect((await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(changed))).written).toBe(0);
  });

  test("a model gone from the project is marked removed, listed and kept", async () => {
    await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(base()));
    const without = manifest(model("stg_a", []), model("dim_a", ["model.shop.stg_a"]));
    const report = await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(without));
    expect(report.removed).toEqual(["dbt/shop/models/rpt_a.md"]);
    const { frontmatter } = parseNote(await temp.vault.read("dbt/shop/models/rpt_a.md"));
    expect(frontmatter.status).toBe("removed");
    expect((await loadLineageFromVault(temp.vault, DEFAULT_SETTINGS)).nodes.has("model.shop.rpt_a")).toBe(false);
    // Marking is done once; the second run lists it again but writes nothing.
    const again = await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(without));
    expect(again.written).toBe(0);
    expect(again.removed).toEqual(["dbt/shop/models/rpt_a.md"]);
  });

  test("a note whose markers the user removed is reported and not clobbered", async () => {
    await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(base()));
    await temp.vault.process(dimPath, (text) =>
      text.replace("%% decp:begin %%", "").replace("%% decp:end %%", "My own text now"),
    );
    const mine = await temp.vault.read(dimPath);
    const changed = base();
    (changed.nodes as Record<string, Node>)["model.shop.dim_a"].description = "new";
    const report = await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(changed));
    expect(report.skipped.map((s) => s.path)).toEqual([dimPath]);
    expect(report.skipped[0].reason).toContain("markers are missing or repeated");
    expect(await temp.vault.read(dimPath)).toBe(mine);
  });

  test("a foreign note where a model note would go is reported, not overwritten", async () => {
    await temp.vault.write(dimPath, "my scratch note");
    const report = await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(base()));
    expect(report.skipped.map((s) => s.path)).toEqual([dimPath]);
    expect(await temp.vault.read(dimPath)).toBe("my scratch note");
  });
});

describe("names and paths that would break the vault", () => {
  let temp: TempVault;
  beforeEach(() => (temp = new TempVault()));
  afterEach(() => temp.dispose());

  test("a path escaping the folder is a UserError naming the node, and nothing is written", async () => {
    const evil = model("evil", [], { original_file_path: "../../outside/evil.sql" });
    const m = manifest(model("ok", []), evil);
    await expect(importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(m))).rejects.toThrow(UserError);
    await expect(importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(m))).rejects.toThrow(/model\.shop\.evil/);
    expect(await temp.vault.list()).toEqual([]);
  });

  test("characters illegal in file names or wikilinks are replaced, and links use the safe name", async () => {
    const odd = model('a/b:c*d?"e<f>g|h#i^j[k]', [], { original_file_path: "models/odd.sql" });
    const child = model("child", [odd.unique_id as string]);
    const dotted = model("../up", [], { original_file_path: "models/up.sql" });
    await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(manifest(odd, child, dotted)));
    const paths = await temp.vault.list();
    expect(paths).toContain("dbt/shop/models/a_b_c_d__e_f_g_h_i_j_k_.md");
    expect(paths).toContain("dbt/shop/models/__up.md");
    expect(parseNote(await temp.vault.read("dbt/shop/models/child.md")).frontmatter.upstream).toEqual([
      "[[a_b_c_d__e_f_g_h_i_j_k_]]",
    ]);
  });

  test("duplicate names across packages, resource types and versions get deterministic names", async () => {
    const m = manifest(
      model("customers", []),
      model("customers", [], { unique_id: "model.utils.customers", package_name: "utils" }),
      {
        ...model("customers", []),
        unique_id: "seed.shop.customers",
        resource_type: "seed",
        original_file_path: "seeds/customers.csv",
      },
      model("dim", [], {
        unique_id: "model.shop.dim.v1",
        version: 1,
        latest_version: 2,
        original_file_path: "models/dim_v1.sql",
      }),
      model("dim", [], {
        unique_id: "model.shop.dim.v2",
        version: 2,
        latest_version: 2,
        original_file_path: "models/dim_v2.sql",
      }),
    );
    const { plan } = await planImport(temp.vault, DEFAULT_SETTINGS, readManifest(m));
    expect(plan.writes.map((w) => w.path).sort()).toEqual([
      "dbt/shop/dbt_packages/utils/models/customers (utils).md",
      "dbt/shop/models/customers.md",
      "dbt/shop/models/dim v1.md",
      "dbt/shop/models/dim.md",
      "dbt/shop/seeds/customers (seed).md",
    ]);
  });
});
