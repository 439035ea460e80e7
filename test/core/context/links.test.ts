import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import { linkedNotes, loadNoteGraph, resolveSelection } from "../../../src/core/context";
import { bodyLinks, frontmatterLinks, hasTag, noteTags } from "../../../src/core/context/links";

test.each([
  ["wikilink", "See [[fct_orders]].", ["fct_orders"]],
  ["alias and heading", "See [[folder/Note#Heading|shown]] and [[Other^block]].", ["folder/Note", "Other"]],
  ["embed", "![[diagram.png]]", ["diagram.png"]],
  ["markdown link, encoded", "[plan](Projects/Migration%20plan.md#top)", ["Projects/Migration plan.md"]],
  ["external links are not notes", "[site](https://example.com) [mail](mailto:a@b.c) [here](#heading)", []],
  ["code is not linked", "```\n[[in_fence]]\n```\n`[[inline]]` [[real]]", ["real"]],
])("body links: %s", (_name, text, targets) => {
  expect(bodyLinks(text).map((l) => l.target)).toEqual(targets);
});

test("frontmatter links from any string value, nested or listed", () => {
  expect(frontmatterLinks({ upstream: ["[[a]]", "[[b]]"], related: "[[c]]", meta: { see: "[[d|D]]" }, n: 3 })).toEqual([
    "a",
    "b",
    "c",
    "d",
  ]);
});

test.each([
  [
    { tags: ["Finance", "#data/quality"] },
    "body #ops and #2026 (a number is not a tag) `#code`",
    ["data/quality", "finance", "ops"],
  ],
  [{ tags: "a, b" }, "", ["a", "b"]],
])("tags from frontmatter and body: %j", (fm, body, tags) => {
  expect(noteTags(fm, body)).toEqual(tags);
});

test("a tag matches its nested tags, not prefixes", () => {
  expect(hasTag(["data/quality"], "#data")).toBe(true);
  expect(hasTag(["database"], "data")).toBe(false);
});

describe("selections over a vault", () => {
  let root: string;
  let vault: FsVault;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), "decp-select-"));
    vault = new FsVault(root);
    await vault.write("a.md", "[[b]] #x");
    await vault.write("b.md", '---\nrelated: "[[c]]"\n---\nback to [[a]]');
    await vault.write("c.md", "[d](sub/d.md)");
    await vault.write("sub/d.md", "end");
    await vault.write("sub/e.sql", "select 1");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test.each([
    [0, ["a.md"]],
    [1, ["a.md", "b.md"]],
    [2, ["a.md", "b.md", "c.md"]],
    [9, ["a.md", "b.md", "c.md", "sub/d.md"]],
  ])(
    "links to depth %i follow wikilinks, frontmatter and Markdown links; the a<->b cycle is fine",
    async (depth, paths) => {
      expect(linkedNotes(await loadNoteGraph(vault), "a.md", depth)).toEqual(paths);
    },
  );

  test("paths: files, folders (recursive) and note names; an unknown one is a user error naming it", async () => {
    const graph = loadNoteGraph(vault);
    expect(
      (await resolveSelection({ kind: "paths", paths: ["sub", "a"] }, { vault, graph: () => graph })).paths,
    ).toEqual(["a.md", "sub/d.md", "sub/e.sql"]);
    await expect(resolveSelection({ kind: "paths", paths: ["nope"] }, { vault, graph: () => graph })).rejects.toThrow(
      '"nope" is neither a file, a folder nor a note',
    );
  });
});
