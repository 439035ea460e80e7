import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import { UserError } from "../../../src/core/errors";
import { fixedClock } from "../../../src/core/ports";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { expectApproved } from "../../support/approval";
import { parseLoopNote } from "../../../src/core/loops";
import {
  findBundledTemplate,
  createNoteFromTemplate,
  listTemplates,
  stripTeachingComments,
  type TemplateSource,
} from "../../../src/core/templates";

const clock = fixedClock("2026-01-21T14:30:00Z");
const settings = DEFAULT_SETTINGS;

function bundled(name: string): TemplateSource {
  const t = findBundledTemplate(name)!;
  return { name: t.name, file: t.file, text: t.text, bundled: true };
}

describe("createNoteFromTemplate", () => {
  let root: string;
  let vault: FsVault;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "decp-create-"));
    vault = new FsVault(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("approval: a loop note from LOOPS with a fixed clock", async () => {
    await vault.write("Copilot/Loops/LOOP-006 Older.md", "x");
    const created = await createNoteFromTemplate(vault, settings, bundled("LOOPS"), {
      clock,
      zone: "UTC",
      title: "Validate invoice grain",
      model: "fct_invoices",
    });
    expect(created).toEqual({ path: "Copilot/Loops/LOOP-007 Validate invoice grain.md", unknown: [] });
    expectApproved("templates-loop-note", await vault.read(created.path));
  });

  test("a note from LOOPS is a loop the loops area reads", async () => {
    const created = await createNoteFromTemplate(vault, settings, bundled("LOOPS"), {
      clock,
      zone: "UTC",
      title: "Validate invoice grain",
      model: "fct_invoices",
    });
    const loop = parseLoopNote(await vault.read(created.path), created.path);
    expect(loop).toMatchObject({
      id: "LOOP-001",
      status: "open",
      title: "Validate invoice grain",
      captured: "2026-01-21T14:30:00Z",
      models: ["fct_invoices"],
      session: "2026-01-21",
    });
    expect(stripTeachingComments(loop.context).trim()).toBe("Came up while working on [[fct_invoices]].");
  });

  test("issues ids when the note is created, so the next note gets the next id", async () => {
    const a = await createNoteFromTemplate(vault, settings, bundled("TASK_DEBUG_TEST_FAILURE"), {
      clock,
      zone: "UTC",
      title: "unique fails on fct_orders",
      model: "fct_orders",
    });
    const b = await createNoteFromTemplate(vault, settings, bundled("TASK_DEBUG_PIPELINE"), {
      clock,
      zone: "UTC",
      title: "Nightly run failed",
      model: "stg_orders",
    });
    expect(a.path).toBe("Copilot/Tasks/TASK-001 unique fails on fct_orders.md");
    expect(b.path).toBe("Copilot/Tasks/TASK-002 Nightly run failed.md");
    expect(await vault.read(b.path)).toContain("| HYPO-002 |");
    expect(await vault.read(b.path)).toContain('session: "[[2026-01-21]]"');
  });

  test("refuses to overwrite an existing note and burns no id", async () => {
    await vault.write("Copilot/Sessions/2026-01-21 PR Invoice grain.md", "mine");
    await expect(
      createNoteFromTemplate(vault, settings, bundled("PR_NARRATIVE"), { clock, zone: "UTC", title: "Invoice grain" }),
    ).rejects.toThrow(/already exists/);
    expect(await vault.read("Copilot/Sessions/2026-01-21 PR Invoice grain.md")).toBe("mine");
  });

  test("a model left out stays visible and is reported", async () => {
    const created = await createNoteFromTemplate(vault, settings, bundled("CONTEXT"), {
      clock,
      zone: "UTC",
      title: "Invoice scope",
    });
    expect(created.unknown).toEqual(["{{model}}"]);
    expect(await vault.read(created.path)).toContain('focus: "[[{{model}}]]"');
  });

  test.each([
    ["missing title", undefined, /needs a title/],
    ["empty title", "  ", /needs a title/],
    ["slash in title", "a/b", /cannot contain "\/"/],
    ["quote in title", 'say "hi"', /cannot contain """/],
  ])("%s is a user error", async (_name, title, message) => {
    await expect(createNoteFromTemplate(vault, settings, bundled("LOOPS"), { clock, title })).rejects.toThrow(message);
  });

  test("a user template with malformed frontmatter names the template file and line", async () => {
    const source: TemplateSource = {
      name: "Broken",
      file: "Copilot/Templates/Broken.md",
      text: "---\ntype: loop\ntitle: a: b\nstatus: open\n---\nbody\n",
      bundled: false,
    };
    const error = await createNoteFromTemplate(vault, settings, source, { clock, title: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).where.file).toBe("Copilot/Templates/Broken.md");
    expect((error as UserError).where.line).toBe(3);
    expect((error as UserError).describe()).toMatch(/^Copilot\/Templates\/Broken\.md:3/);
  });

  test("unquoted variables in a user template's frontmatter work once filled in", async () => {
    const source: TemplateSource = {
      name: "Mine",
      file: "Copilot/Templates/Mine.md",
      text: "---\ntype: loop\ncaptured: {{datetime}}\n---\n# {{title}}\n",
      bundled: false,
    };
    const created = await createNoteFromTemplate(vault, settings, source, { clock, zone: "UTC", title: "Quick" });
    expect(created.path).toBe("Copilot/Loops/LOOP-001 Quick.md");
    expect(await vault.read(created.path)).toBe("---\ntype: loop\ncaptured: 2026-01-21T14:30:00Z\n---\n# Quick\n");
  });
});

describe("listTemplates", () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), "decp-list-"))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("offers the user's templates and the bundled ones without a copy, never protocol notes", async () => {
    const vault = new FsVault(root);
    await vault.write("Copilot/Templates/LOOPS.md", "---\ntype: loop\n---\nmy loops\n");
    await vault.write("Copilot/Templates/Standup.md", "# {{date}}\n");
    const list = await listTemplates(vault, settings);
    const names = list.map((t) => `${t.name}${t.bundled ? " (bundled)" : ""}`);
    expect(names).toContain("LOOPS");
    expect(names).not.toContain("LOOPS (bundled)");
    expect(names).toContain("Standup");
    expect(names).toContain("TASK_NEW_MODEL (bundled)");
    expect(names.some((n) => n.startsWith("BOOTLOADER"))).toBe(false);
  });
});
