/** @jest-environment jsdom */
// Fault matrix, plugin rows (issue #13): the built main.js in the Obsidian fake, on the desktop app
// over a real folder (so an MCP server and CLI processes can share it), as a user clicks through.
// The CLI rows are in fault-matrix.cli.test.ts, the MCP rows in fault-matrix.mcp.test.ts.

import { mkdirSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  allSettings,
  ButtonComponent,
  closeAllModals,
  DropdownComponent,
  findSetting,
  openModals,
  sentRequests,
  TextAreaComponent,
  type App,
  type Modal,
} from "../fakes/obsidian";
import { createApp, loadBuiltPlugin, settle, type LoadedPlugin } from "../fakes/obsidian-harness";
import { fixtureText } from "../core/dbt/fixtures";
import { CLI, runCli } from "./built-cli";
import { faultFolders, testFaultRows, type FaultRow } from "./fault-matrix";
import { connectMcp, type McpSession } from "./mcp-client";

let base: string;
let outside: string;
let loaded: LoadedPlugin | undefined;
let mcp: McpSession | undefined;
faultFolders(() => mkdtempSync(join(tmpdir(), "decp-desktop-")), {
  use: (folders) => ({ root: base, outside } = folders),
  release: async () => {
    closeAllModals();
    await loaded?.unload();
    await mcp?.close();
    loaded = mcp = undefined;
  },
});

const modal = (): Modal => openModals.at(-1) as Modal;

/** On the desktop the plugin's checks touch the real disk, so its work takes real time: wait for it. */
async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const start = Date.now(); !(await done()); await new Promise((resolve) => setTimeout(resolve, 20)))
    if (Date.now() - start > 20_000) throw new Error(`Timed out waiting for ${what}`);
}

async function click(modalEl: Modal): Promise<void> {
  await allSettings(modalEl.contentEl).at(-1)!.control(ButtonComponent).click();
  await settle();
}

/** "Capture loops from agent reply": paste, then a function that approves everything in the review. */
async function captureInPlugin(plugin: LoadedPlugin, reply: string): Promise<() => Promise<void>> {
  await plugin.run("capture-loops");
  await findSetting(modal().contentEl, "Agent reply").control(TextAreaComponent).input(reply);
  const paste = modal();
  await click(paste);
  await until(() => modal() !== paste && modal() !== undefined, "the review modal");
  const review = modal();
  const notices = plugin.notices().length;
  return async () => {
    await click(review);
    await until(() => plugin.notices().length > notices, "the capture's notice");
  };
}

const loopNotes = (app: App): string[] =>
  app.vault
    .getMarkdownFiles()
    .map((f) => f.path)
    .filter((p) => p.startsWith("Copilot/Loops/"));
const idOf = (path: string): string => /LOOP-\d+/.exec(path)![0];
const loops = (titles: string[]): string => titles.map((t) => `<loop><title>${t}</title></loop>`).join("\n");

const rows: FaultRow[] = [
  {
    bullet: "Loop ids repeat (done when)",
    attack: "20 proposals at once: 7 propose_loops calls to an MCP server, a decp capture of 7, the plugin capturing 6",
    promise: "20 distinct ids",
    check: async () => {
      const app = createApp({ basePath: base });
      loaded = await loadBuiltPlugin(app);
      const approve = await captureInPlugin(loaded, loops(["P1", "P2", "P3", "P4", "P5", "P6"]));
      const session = await connectMcp(base, { command: process.execPath, args: [CLI, "mcp", base] });
      mcp = session;
      const [cli, ...rest] = await Promise.all([
        runCli(["capture", base, "--from", "-", "--json"], {
          input: loops(["C1", "C2", "C3", "C4", "C5", "C6", "C7"]),
        }),
        approve(),
        ...["M1", "M2", "M3", "M4", "M5", "M6", "M7"].map((title) =>
          session.call("propose_loops", { loops: [{ title }] }),
        ),
      ]);
      expect(cli.code).toBe(0);
      expect(rest.filter((r) => r && typeof r === "object" && "isError" in r && r.isError)).toEqual([]);
      const onDisk = readdirSync(join(base, "Copilot/Loops")).map(idOf);
      const inPlugin = loopNotes(app).map(idOf);
      expect(onDisk).toHaveLength(14);
      expect(inPlugin).toHaveLength(6);
      expect(new Set([...onDisk, ...inPlugin]).size).toBe(20);
    },
  },
  {
    bullet: "Re-import drops what the user wrote in frontmatter",
    attack: "approving a loop in the review modal when its frontmatter has YAML comments",
    promise: "the comments and the user's keys survive",
    check: async () => {
      const proposed =
        "---\nid: LOOP-004\ntype: loop\n# from the standup\nstatus: proposed # Ana asked\ntitle: Grain\ncaptured: 2026-01-21T10:00:00Z\nmodels: []\nowner: me\n---\n## Context\n\n## Question\n\n## Outcome\n";
      const app = createApp({ basePath: base, files: { "Copilot/Loops/LOOP-004 Grain.md": proposed } });
      loaded = await loadBuiltPlugin(app);
      await loaded.run("review-proposed-loops");
      await until(() => modal() !== undefined, "the review modal");
      // It has no question, so the review does not pre-approve it: the user approves it.
      const decision = allSettings(modal().contentEl).find((s) => s.nameEl.textContent === "Decision")!;
      await decision.control(DropdownComponent).input("approve");
      await click(modal());
      await until(() => loaded!.notices().some((n) => n.includes("loops opened")), "the review's notice");
      const text = await app.vault.read(app.vault.getFileByPath("Copilot/Loops/LOOP-004 Grain.md")!);
      expect(text).toBe(proposed.replace("status: proposed # Ana asked", "status: open # Ana asked"));
    },
  },
  {
    bullet: "Re-import drops what the user wrote in frontmatter",
    attack: "Import dbt project again after the user added a status, a # comment and a tag to a model note",
    promise: "all three survive; the unchanged note is not rewritten",
    check: async () => {
      const files = { "dbt/manifest.json": fixtureText("jaffle_shop_v12_dbt1.11.json") };
      const app = createApp({ basePath: base, files });
      loaded = await loadBuiltPlugin(app, { data: { settings: { dbtManifestPath: "dbt/manifest.json" } } });
      await loaded.run("import-dbt-project");
      const note = app.vault.getFileByPath("dbt/jaffle_shop/models/marts/orders.md")!;
      await app.vault.process(note, (text) =>
        text
          .replace("type: model\n", "type: model\n# reviewed\nstatus: reviewed\n")
          .replace(/^tags:( \[\])?\n/m, "tags:\n  - mine\n"),
      );
      const edited = await app.vault.read(note);
      await loaded.run("import-dbt-project");
      expect(loaded.notices().at(-1)).toContain("0 notes written");
      expect(await app.vault.read(note)).toBe(edited);
    },
  },
  {
    bullet: "Bad input accepted",
    attack: "Import dbt project with a manifest whose nodes are empty",
    promise: "the plugin asks before marking the notes removed; Cancel changes nothing",
    check: async () => {
      const manifest = fixtureText("jaffle_shop_v12_dbt1.11.json");
      const empty = JSON.stringify({ ...(JSON.parse(manifest) as object), nodes: {}, sources: {}, parent_map: {} });
      const app = createApp({ basePath: base, files: { "dbt/manifest.json": manifest } });
      loaded = await loadBuiltPlugin(app, { data: { settings: { dbtManifestPath: "dbt/manifest.json" } } });
      await loaded.run("import-dbt-project");
      await app.vault.process(app.vault.getFileByPath("dbt/manifest.json")!, () => empty);
      const before = await app.vault.read(app.vault.getFileByPath("dbt/jaffle_shop/models/marts/orders.md")!);
      await loaded.run("import-dbt-project");
      await until(() => modal() !== undefined, "the question");
      const ask = modal();
      expect(ask.contentEl.textContent).toMatch(/would mark \d+ of the \d+ model notes removed/);
      const cancel = allSettings(ask.contentEl).at(-1)!.controlEl.querySelectorAll("button")[0];
      expect(cancel.textContent).toBe("Cancel");
      cancel.click();
      await settle();
      expect(await app.vault.read(app.vault.getFileByPath("dbt/jaffle_shop/models/marts/orders.md")!)).toBe(before);
    },
  },
  {
    bullet: "Names",
    attack: "capturing a loop whose title holds U+202E and control characters",
    promise: "a clean file name",
    check: async () => {
      const app = createApp({ basePath: base });
      loaded = await loadBuiltPlugin(app);
      await (
        await captureInPlugin(loaded, loops(["Spoof\u202etxt.exe\u0007 check"]))
      )();
      expect(loopNotes(app)).toEqual(["Copilot/Loops/LOOP-001 Spoof txt.exe check.md"]);
    },
  },
  {
    bullet: "Symlinks escape the vault",
    attack: "Copilot/Loops is a symbolic link to a folder outside, then a capture in the plugin",
    promise: "a Notice saying so; nothing written outside",
    check: async () => {
      mkdirSync(join(base, "Copilot"), { recursive: true });
      symlinkSync(outside, join(base, "Copilot/Loops"));
      const app = createApp({ basePath: base });
      loaded = await loadBuiltPlugin(app);
      await (
        await captureInPlugin(loaded, loops(["Escape"]))
      )();
      expect(loaded.notices().join("\n")).toMatch(/"Copilot\/Loops.*" leads outside the vault through a symbolic link/);
      expect(readdirSync(outside)).toEqual([]);
      expect(loopNotes(app)).toEqual([]);
    },
  },
  {
    bullet: "The vault can send the TickTick token anywhere",
    attack: "plugin settings naming http://127.0.0.1:P/x as the TickTick API",
    promise: "the sync refuses with a Notice; no request is sent (see also test/obsidian/ticktick)",
    check: async () => {
      const sent = sentRequests.length;
      const app = createApp({ basePath: base, secrets: { "decp-ticktick-token": "secret-token" } });
      loaded = await loadBuiltPlugin(app, { data: { settings: { ticktick: { apiBase: "http://127.0.0.1:9/x" } } } });
      await loaded.run("sync-ticktick");
      expect(loaded.notices().join("\n")).toContain("settings may only choose https://api.ticktick.com/open/v1");
      expect(sentRequests.length).toBe(sent);
    },
  },
];

testFaultRows(rows);
