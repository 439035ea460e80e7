// Re-import owns only what it writes: the user's frontmatter keys, tags, YAML comments and text
// around the managed region survive; markers count only alone on their line; hostile names are made
// safe in the plan (issue #13).

import { importDbtProject, readManifest } from "../../../src/core/dbt";
import { parseNote } from "../../../src/core/frontmatter";
import { byteLength } from "../../../src/core/names";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { TempVault } from "./fixtures";
import { manifest, model, type Node } from "./manifest-builders";

let temp: TempVault;
beforeEach(() => (temp = new TempVault()));
afterEach(() => temp.dispose());
const path = "dbt/shop/models/dim_a.md";
const load = (...nodes: Node[]) => importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(manifest(...nodes)));

test("a status, a YAML comment and a tag the user added survive a re-import, changed or not", async () => {
  await load(model("dim_a", [], { tags: ["finance"] }));
  await temp.vault.process(path, (text) =>
    text
      .replace("type: model\n", "type: model\n# reviewed with Ana on Monday\nstatus: reviewed\n")
      .replace("tags:\n  - finance\n", "tags:\n  - finance\n  - mine # my tag\n"),
  );
  const edited = await temp.vault.read(path);

  const unchanged = await load(model("dim_a", [], { tags: ["finance"] }));
  expect(unchanged.written).toBe(0);
  expect(await temp.vault.read(path)).toBe(edited);

  await load(model("dim_a", [], { tags: ["finance", "core"], description: "Customers, one row each" }));
  const text = await temp.vault.read(path);
  expect(text).toContain("# reviewed with Ana on Monday\nstatus: reviewed\n");
  expect(text).toContain("- mine # my tag");
  const { frontmatter } = parseNote(text);
  expect(frontmatter.tags).toEqual(["finance", "mine", "core"]);
  expect(frontmatter.description).toBe("Customers, one row each");
});

test("a tag dbt drops leaves the note; the user's tags stay", async () => {
  await load(model("dim_a", [], { tags: ["old"] }));
  await temp.vault.processFrontMatter(path, (fm) => void (fm.tags = [...(fm.tags as string[]), "mine"]));
  await load(model("dim_a", [], { tags: ["new"] }));
  expect(parseNote(await temp.vault.read(path)).frontmatter.tags).toEqual(["mine", "new"]);
});

test("a removed node keeps the user's status aside and gets it back when the node returns", async () => {
  await load(model("stg_a"), model("dim_a"));
  await temp.vault.processFrontMatter(path, (fm) => void (fm.status = "reviewed"));
  await load(model("stg_a"));
  expect(parseNote(await temp.vault.read(path)).frontmatter).toMatchObject({
    status: "removed",
    status_before_removed: "reviewed",
  });
  await load(model("stg_a"), model("dim_a"));
  const { frontmatter } = parseNote(await temp.vault.read(path));
  expect(frontmatter.status).toBe("reviewed");
  expect(frontmatter).not.toHaveProperty("status_before_removed");
});

test("a marker inside the user's text is not a marker: the paragraph after it survives", async () => {
  await load(model("dim_a"));
  await temp.vault.process(path, (text) =>
    text.replace(
      "---\n%% decp:begin %%",
      "---\nNotes: the region starts at %% decp:begin %% below.\nKEEP ME\n\n%% decp:begin %%",
    ),
  );
  await load(model("dim_a", [], { description: "changed" }));
  const text = await temp.vault.read(path);
  expect(text).toContain("Notes: the region starts at %% decp:begin %% below.\nKEEP ME\n");
  expect(text).toContain("changed");
});

test("a second marker line leaves the note alone and says why", async () => {
  await load(model("dim_a"));
  await temp.vault.process(path, (text) =>
    text.replace("---\n%% decp:begin %%", "---\n%% decp:begin %%\nKEEP ME\n%% decp:begin %%"),
  );
  const mine = await temp.vault.read(path);
  const report = await load(model("dim_a", [], { description: "changed" }));
  expect(report.skipped.map((s) => s.path)).toEqual([path]);
  expect(report.skipped[0].reason).toContain("markers are missing or repeated");
  expect(await temp.vault.read(path)).toBe(mine);
});

test("a description holding a marker line is neutralised: re-imports keep one region (was 161 -> 279 -> 398 lines)", async () => {
  const hostile = model("dim_a", [], { description: "Intro\n%% decp:end %%\nafter\n%% decp:begin %%\nend" });
  await load(hostile);
  const first = await temp.vault.read(path);
  await temp.vault.process(path, (text) => `${text}\n## My notes\nKEEP ME\n`);
  for (let i = 0; i < 3; i++) await load(model("dim_a", [], { description: `${hostile.description as string} ${i}` }));
  const text = await temp.vault.read(path);
  expect(text.split("\n").filter((l) => l === "%% decp:end %%")).toHaveLength(1);
  expect(text.split("\n").filter((l) => l === "%% decp:begin %%")).toHaveLength(1);
  expect(text.split("\n").length).toBe(first.split("\n").length + 3);
  expect(text).toContain("## My notes\nKEEP ME\n");
});

describe("names resolved in the plan", () => {
  test("a 90-character CJK model name is cut to a safe byte length with a stable hash, and re-imports cleanly", async () => {
    const name = "顧客注文履歴".repeat(15);
    const m = model(name, [], { original_file_path: "models/long.sql" });
    const first = await load(m);
    expect(first.created).toBe(1);
    const [note] = await temp.vault.list("dbt");
    const base = note.slice(note.lastIndexOf("/") + 1, -3);
    expect(byteLength(base)).toBeLessThanOrEqual(120);
    expect(base).toMatch(/^顧客注文履歴.* [0-9a-f]{8}$/);
    expect((await load(m)).written).toBe(0);
  });

  test("a model under a dot folder lands in a visible folder, so the next import finds it", async () => {
    const m = model("hidden", [], { original_file_path: ".staging/.private/hidden.sql" });
    await load(m);
    expect(await temp.vault.list("dbt")).toEqual(["dbt/shop/_staging/_private/hidden.md"]);
    const again = await load(m);
    expect(again).toMatchObject({ written: 0, unchanged: 1 });
  });

  test("Windows device names, control characters and U+202E never reach a file name", async () => {
    await load(model("con"), model("aux.orders"), model("evil\u202eexe.md\u0007"));
    expect(await temp.vault.list("dbt")).toEqual([
      "dbt/shop/models/aux_.orders.md",
      "dbt/shop/models/con_.md",
      "dbt/shop/models/evil_exe.md_.md",
    ]);
  });
});
