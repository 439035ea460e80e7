// The fake's semantics that plugin tests rely on, checked against what Obsidian documents.

import { App, getAllTags, TFile, TFolder } from "./obsidian";
import { createApp, settle } from "./obsidian-harness";

function file(app: App, path: string): TFile {
  const found = app.vault.getFileByPath(path);
  if (!found) throw new Error(`missing ${path}`);
  return found;
}

describe("Vault", () => {
  it("refuses to create over an existing file or folder", async () => {
    const app = createApp({ files: { "a.md": "one", "dir/b.md": "two" } });
    await expect(app.vault.create("a.md", "again")).rejects.toThrow("File already exists.");
    await expect(app.vault.create("dir", "x")).rejects.toThrow();
    await expect(app.vault.createFolder("dir")).rejects.toThrow("Folder already exists.");
    expect(await app.vault.read(file(app, "a.md"))).toBe("one");
  });

  it("refuses to create a file in a missing folder", async () => {
    const app = createApp();
    await expect(app.vault.create("missing/a.md", "x")).rejects.toThrow(/folder "missing" does not exist/);
  });

  it("returns null from getFileByPath for folders and from getFolderByPath for files", () => {
    const app = createApp({ files: { "dir/b.md": "two" } });
    expect(app.vault.getFileByPath("dir")).toBeNull();
    expect(app.vault.getFolderByPath("dir")).toBeInstanceOf(TFolder);
    expect(app.vault.getFolderByPath("dir/b.md")).toBeNull();
    expect(app.vault.getAbstractFileByPath("dir/b.md")).toBeInstanceOf(TFile);
  });

  it("keeps name, basename, extension, parent and children in step", () => {
    const app = createApp({ files: { "dir/sub/Note.v2.md": "" } });
    const note = file(app, "dir/sub/Note.v2.md");
    expect([note.name, note.basename, note.extension]).toEqual(["Note.v2.md", "Note.v2", "md"]);
    expect(note.parent?.path).toBe("dir/sub");
    expect(app.vault.getFolderByPath("dir")?.children.map((c) => c.path)).toEqual(["dir/sub"]);
    expect(app.vault.getRoot().children.map((c) => c.path)).toEqual(["dir"]);
  });

  it("process is atomic where read-then-modify loses concurrent updates", async () => {
    const app = createApp({ files: { "n.md": "0" } });
    const n = file(app, "n.md");
    await Promise.all(Array.from({ length: 5 }, () => app.vault.process(n, (t) => String(Number(t) + 1))));
    expect(await app.vault.read(n)).toBe("5");

    await app.vault.modify(n, "0");
    const readThenWrite = async (): Promise<void> => {
      const text = await app.vault.read(n);
      await app.vault.modify(n, String(Number(text) + 1));
    };
    await Promise.all(Array.from({ length: 5 }, readThenWrite));
    expect(Number(await app.vault.read(n))).toBeLessThan(5);
  });

  it("updates stat on every write", async () => {
    const app = createApp({ files: { "n.md": "abc" } });
    const n = file(app, "n.md");
    const before = { ...n.stat };
    expect(before.size).toBe(3);
    await app.vault.append(n, "é");
    expect(n.stat.size).toBe(5);
    expect(n.stat.mtime).toBeGreaterThan(before.mtime);
    expect(n.stat.ctime).toBe(before.ctime);
  });

  it("renames a folder with its children and fires rename with the old paths", async () => {
    const app = createApp({ files: { "a/x.md": "x", "a/b/y.md": "y" } });
    const events: string[] = [];
    app.vault.on("rename", (f: TFile | TFolder, oldPath: string) => events.push(`${oldPath} -> ${f.path}`));
    await app.vault.rename(app.vault.getFolderByPath("a") as TFolder, "z");
    expect(events.sort()).toEqual(["a -> z", "a/b -> z/b", "a/b/y.md -> z/b/y.md", "a/x.md -> z/x.md"]);
    expect(await app.vault.read(file(app, "z/b/y.md"))).toBe("y");
    expect(app.vault.getAbstractFileByPath("a")).toBeNull();
    await expect(app.vault.rename(file(app, "z/x.md"), "z/b/y.md")).rejects.toThrow();
  });

  it("fires create, modify and delete, and offref stops a handler", async () => {
    const app = createApp();
    const seen: string[] = [];
    const ref = app.vault.on("create", (f: TFile) => seen.push(`create ${f.path}`));
    app.vault.on("modify", (f: TFile) => seen.push(`modify ${f.path}`));
    app.vault.on("delete", (f: TFile) => seen.push(`delete ${f.path}`));
    const n = await app.vault.create("n.md", "");
    app.vault.offref(ref);
    await app.vault.create("m.md", "");
    await app.vault.modify(n, "x");
    await app.vault.delete(n);
    expect(seen).toEqual(["create n.md", "modify n.md", "delete n.md"]);
    await expect(app.vault.read(n)).rejects.toThrow();
  });
});

describe("MetadataCache", () => {
  const note = [
    "---",
    "type: loop",
    'models: ["[[fct_invoices]]", "[[stg_orders|orders]]"]',
    'session: "[[2026-01-21]]"',
    "tags: [dbt]",
    "---",
    "# Context",
    "See [[fct_invoices#Columns|invoices]] and [the staging model](models/stg_orders.md), #loop/open.",
    "![[diagram.png]]",
    "`[[not a link]]`",
    "```",
    "[[also not a link]] #nottag",
    "```",
    "[site](https://example.com)",
  ].join("\n");

  const app = createApp({
    files: {
      "Loops/LOOP-001.md": note,
      "dbt/marts/fct_invoices.md": "# fct_invoices\n",
      "models/stg_orders.md": "",
      "other/models/stg_orders.md": "",
    },
  });
  const cache = app.metadataCache.getFileCache(file(app, "Loops/LOOP-001.md"));

  it("reads frontmatter and its position", () => {
    expect(cache?.frontmatter).toEqual({
      type: "loop",
      models: ["[[fct_invoices]]", "[[stg_orders|orders]]"],
      session: "[[2026-01-21]]",
      tags: ["dbt"],
    });
    expect(cache?.frontmatterPosition?.start.line).toBe(0);
    expect(cache?.frontmatterPosition?.end.line).toBe(5);
  });

  it("lists frontmatter links with their keys", () => {
    expect(cache?.frontmatterLinks).toEqual([
      { key: "models.0", link: "fct_invoices", original: "[[fct_invoices]]", displayText: "fct_invoices" },
      { key: "models.1", link: "stg_orders", original: "[[stg_orders|orders]]", displayText: "orders" },
      { key: "session", link: "2026-01-21", original: "[[2026-01-21]]", displayText: "2026-01-21" },
    ]);
  });

  it("lists body links with positions, not links inside code", () => {
    expect(cache?.links?.map((l) => [l.link, l.displayText, l.position.start.line, l.position.start.col])).toEqual([
      ["fct_invoices#Columns", "invoices", 7, 4],
      ["models/stg_orders.md", "the staging model", 7, 42],
    ]);
    expect(cache?.embeds?.map((e) => e.link)).toEqual(["diagram.png"]);
  });

  it("lists body tags with positions; getAllTags adds frontmatter tags", () => {
    expect(cache?.tags?.map((t) => t.tag)).toEqual(["#loop/open"]);
    expect(getAllTags(cache ?? {})).toEqual(["#dbt", "#loop/open"]);
    expect(cache?.headings).toEqual([{ heading: "Context", level: 1, position: expect.anything() as unknown }]);
  });

  it("resolves links from body and frontmatter, counting each", () => {
    expect(app.metadataCache.resolvedLinks["Loops/LOOP-001.md"]).toEqual({
      "dbt/marts/fct_invoices.md": 2,
      "models/stg_orders.md": 2,
    });
    expect(app.metadataCache.unresolvedLinks["Loops/LOOP-001.md"]).toEqual({ "2026-01-21": 1, "diagram.png": 1 });
  });

  it("resolves linkpaths like Obsidian: exact path, then shortest path with that name", () => {
    expect(app.metadataCache.getFirstLinkpathDest("stg_orders", "x.md")?.path).toBe("models/stg_orders.md");
    expect(app.metadataCache.getFirstLinkpathDest("other/models/stg_orders", "x.md")?.path).toBe(
      "other/models/stg_orders.md",
    );
    expect(app.metadataCache.getFirstLinkpathDest("FCT_INVOICES#Columns", "x.md")?.path).toBe(
      "dbt/marts/fct_invoices.md",
    );
    expect(app.metadataCache.getFirstLinkpathDest("nowhere", "x.md")).toBeNull();
    expect(app.metadataCache.fileToLinktext(file(app, "dbt/marts/fct_invoices.md"), "x.md")).toBe("fct_invoices");
  });

  it("treats broken YAML as no frontmatter, like Obsidian", () => {
    const broken = createApp({ files: { "b.md": "---\nkey: [unclosed\n---\n[[target]]\n" } });
    const c = broken.metadataCache.getCache("b.md");
    expect(c?.frontmatter).toBeUndefined();
    expect(c?.links?.map((l) => l.link)).toEqual(["target"]);
  });

  it("moves unresolved links to resolved when the target appears, and fires changed/deleted", async () => {
    const fresh = createApp({ files: { "a.md": "[[b]]" } });
    const events: string[] = [];
    fresh.metadataCache.on("changed", (f: TFile) => events.push(`changed ${f.path}`));
    fresh.metadataCache.on("deleted", (f: TFile) => events.push(`deleted ${f.path}`));
    expect(fresh.metadataCache.unresolvedLinks["a.md"]).toEqual({ b: 1 });
    const b = await fresh.vault.create("b.md", "");
    expect(fresh.metadataCache.resolvedLinks["a.md"]).toEqual({ "b.md": 1 });
    await settle();
    await fresh.vault.delete(b);
    expect(fresh.metadataCache.unresolvedLinks["a.md"]).toEqual({ b: 1 });
    expect(events).toEqual(["changed b.md", "deleted b.md"]);
  });

  it("has no cache for a new note and a stale one after a write, until 'changed' fires", async () => {
    const app = createApp({ files: { "a.md": "---\nstatus: open\n---\n" } });
    const a = file(app, "a.md");
    const changed: string[] = [];
    app.metadataCache.on("changed", (f: TFile) => changed.push(f.path));
    await app.vault.modify(a, "---\nstatus: closed\n---\n");
    const created = await app.vault.create("b.md", "# B\n");
    expect(app.metadataCache.getFileCache(a)?.frontmatter).toEqual({ status: "open" });
    expect(app.metadataCache.getFileCache(created)).toBeNull();
    expect(changed).toEqual([]);
    await settle();
    expect(changed).toEqual(["a.md", "b.md"]);
    expect(app.metadataCache.getFileCache(a)?.frontmatter).toEqual({ status: "closed" });
    expect(app.metadataCache.getFileCache(created)?.headings?.[0].heading).toBe("B");
  });

  it("can start with the vault still indexing (createApp({ indexed: false }))", async () => {
    const app = createApp({ files: { "a.md": "# A\n" }, indexed: false });
    expect(app.metadataCache.getCache("a.md")).toBeNull();
    await settle();
    expect(app.metadataCache.getCache("a.md")?.headings?.[0].heading).toBe("A");
  });

  it("seeds a 1,000-note vault without resolving links on every write (resolution is lazy)", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) files[`notes/n${i}.md`] = `[[n${(i + 1) % 1000}]] [[missing${i % 7}]]\n`;
    const app = createApp({ files });
    const dest = jest.spyOn(app.metadataCache, "getFirstLinkpathDest");
    expect(dest).not.toHaveBeenCalled();
    expect(app.metadataCache.resolvedLinks["notes/n0.md"]).toEqual({ "notes/n1.md": 1 });
    expect(app.metadataCache.unresolvedLinks["notes/n0.md"]).toEqual({ missing0: 1 });
    // Each distinct link text is resolved once per folder, not once per note per write.
    expect(dest.mock.calls.length).toBeLessThanOrEqual(1000 + 7);
  });
});

describe("FileManager.processFrontMatter", () => {
  it("round-trips YAML, keeps the body, and adds frontmatter to a note without it", async () => {
    const app = createApp({
      files: { "a.md": "---\nid: LOOP-001\ncaptured: 2026-01-21T14:30:00Z\n---\n# Body\ntext\n", "b.md": "plain\n" },
    });
    await app.fileManager.processFrontMatter(file(app, "a.md"), (fm: Record<string, unknown>) => {
      fm.status = "closed";
    });
    expect(await app.vault.read(file(app, "a.md"))).toBe(
      "---\nid: LOOP-001\ncaptured: 2026-01-21T14:30:00Z\nstatus: closed\n---\n# Body\ntext\n",
    );
    await app.fileManager.processFrontMatter(file(app, "b.md"), (fm: Record<string, unknown>) => {
      fm.type = "note";
    });
    expect(await app.vault.read(file(app, "b.md"))).toBe("---\ntype: note\n---\nplain\n");
  });

  it("re-serialises the whole block like the app: comments and needless quotes go, flow lists become block lists", async () => {
    const text = [
      "---",
      "# written by hand",
      'title: "Validate invoices" # keep?',
      'models: ["[[fct_invoices]]", stg_orders]',
      "tags: [dbt, finance]",
      "---",
      "Body %% untouched %%",
      "",
    ].join("\n");
    const app = createApp({ files: { "a.md": text } });
    await app.fileManager.processFrontMatter(file(app, "a.md"), (fm: Record<string, unknown>) => {
      fm.status = "open";
    });
    expect(await app.vault.read(file(app, "a.md"))).toBe(
      [
        "---",
        "title: Validate invoices",
        "models:",
        '  - "[[fct_invoices]]"',
        "  - stg_orders",
        "tags:",
        "  - dbt",
        "  - finance",
        "status: open",
        "---",
        "Body %% untouched %%",
        "",
      ].join("\n"),
    );
  });

  it("throws YAMLParseError on broken YAML and leaves the note alone", async () => {
    const text = "---\nkey: [unclosed\n---\nbody\n";
    const app = createApp({ files: { "a.md": text } });
    await expect(app.fileManager.processFrontMatter(file(app, "a.md"), () => undefined)).rejects.toMatchObject({
      name: "YAMLParseError",
    });
    expect(await app.vault.read(file(app, "a.md"))).toBe(text);
  });
});

describe("FileManager.renameFile", () => {
  it("moves the note and rewrites links to it in bodies and frontmatter, keeping aliases and headings", async () => {
    const app = createApp({
      files: {
        "dbt/fct_orders.md": "# fct_orders\n",
        "Loops/LOOP-001.md":
          '---\nmodels: ["[[fct_orders]]"]\n---\nSee [[fct_orders#Columns|the model]] and [m](dbt/fct_orders.md).\nNot [[fct_other]].\n',
      },
    });
    await app.fileManager.renameFile(file(app, "dbt/fct_orders.md"), "dbt/fct_orders_v2.md");
    expect(await app.vault.read(file(app, "Loops/LOOP-001.md"))).toBe(
      '---\nmodels: ["[[fct_orders_v2]]"]\n---\nSee [[fct_orders_v2#Columns|the model]] and [m](dbt/fct_orders_v2.md).\nNot [[fct_other]].\n',
    );
    await settle();
    expect(app.metadataCache.resolvedLinks["Loops/LOOP-001.md"]).toEqual({ "dbt/fct_orders_v2.md": 3 });
  });
});
