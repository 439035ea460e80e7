import { UserError } from "../../src/core/errors";
import { applyPlan, emptyPlan, planCreate, planWrite } from "../../src/core/write-plan";
import { MemoryVault } from "../../src/demo/memory-vault";

describe("planWrite", () => {
  test("a second write to the same note is refused, whatever spelling the path had", () => {
    const plan = emptyPlan();
    for (let i = 0; i < 50; i++) planWrite(plan, `notes/n${i}.md`, "x", "create");
    expect(() => planWrite(plan, "notes//n7.md", "y", "create")).toThrow(UserError);
    expect(() => planWrite(plan, "notes/n7.md", "y", "create")).toThrow('Two writes planned for "notes/n7.md"');
    expect(plan.writes).toHaveLength(50);
  });

  test("identical content counts as unchanged and does not block a later write", () => {
    const plan = emptyPlan();
    planWrite(plan, "a.md", "same", "update", "same");
    planWrite(plan, "a.md", "new", "update", "same");
    expect(plan.unchanged).toEqual(["a.md"]);
    expect(plan.writes.map((w) => w.path)).toEqual(["a.md"]);
  });

  test("writes added or removed outside planWrite are taken into account", () => {
    const plan = emptyPlan();
    planWrite(plan, "a.md", "1", "create");
    plan.writes.push({ path: "b.md", content: "2", reason: "create" });
    expect(() => planWrite(plan, "b.md", "3", "create")).toThrow(UserError);
    plan.writes.length = 0;
    planWrite(plan, "a.md", "4", "create");
    expect(plan.writes.map((w) => w.path)).toEqual(["a.md"]);
  });
});

describe("planCreate", () => {
  test("a new file's text is rendered when it is written, after every target was checked", async () => {
    const vault = new MemoryVault();
    await vault.write("taken.md", "the user's note");
    const rendered: string[] = [];
    const render = (path: string) => () => (rendered.push(path), `text of ${path}`);
    const plan = emptyPlan();
    planCreate(plan, "a.md", render("a.md"), "create");
    planWrite(plan, "b.md", "b", "create");
    expect(() => planCreate(plan, "b.md", render("b.md"), "create")).toThrow('Two writes planned for "b.md"');
    expect(rendered).toEqual([]);

    // A target that is taken stops the plan before anything is rendered or written.
    planCreate(plan, "taken.md", render("taken.md"), "create");
    await expect(applyPlan(vault, plan)).rejects.toThrow('"taken.md" already exists');
    expect(rendered).toEqual([]);
    expect(await vault.exists("a.md")).toBe(false);

    plan.writes.pop();
    expect(await applyPlan(vault, plan)).toEqual({ written: ["a.md", "b.md"] });
    expect(rendered).toEqual(["a.md"]);
    expect(await vault.read("a.md")).toBe("text of a.md");
  });
});

describe("applyPlan", () => {
  test("reports each written file, in plan order, and nothing for an unchanged one", async () => {
    const vault = new MemoryVault();
    await vault.write("b.md", "old");
    const plan = emptyPlan();
    planWrite(plan, "a.md", "A", "create");
    planWrite(plan, "b.md", "new", "update", "old");
    planWrite(plan, "c.md", "same", "update", "same");
    const written: string[] = [];
    await applyPlan(vault, plan, { onWritten: (path) => written.push(path) });
    expect(written).toEqual(["a.md", "b.md"]);
    expect(await vault.read("b.md")).toBe("new");
  });
});
