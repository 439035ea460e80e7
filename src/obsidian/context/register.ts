// Token budgets in Obsidian: tally commands, file-menu items, the token budget view, the status-bar
// count of the active note, and context packs (build, expand, copy, save the decision record).
// Nothing here loads the tokenizer in onload: the first count does.

import { Notice, Platform, TAbstractFile, TFolder, type Menu } from "obsidian";
import {
  describeTally,
  formatTokens,
  parseBudget,
  renderPackMarkdown,
  saveContextRecord,
  type Selection,
} from "../../core/context";
import { UserError } from "../../core/errors";
import { systemClock } from "../../core/ports";
import type DecpPlugin from "../../main";
import { guarded, guardedWhen, reportError } from "../report-error";
import { TOKEN_BUDGET_VIEW, TokenBudgetView } from "./budget-view";
import { ContextSession } from "./context-session";
import { pickFolder, PromptModal } from "./context-modals";
import { registerTokenStatus } from "./status-bar";
import { tokenCacheFile } from "./token-cache-file";

export function registerContextFeature(plugin: DecpPlugin): void {
  const session = new ContextSession(plugin, tokenCacheFile(plugin));
  const app = plugin.app;
  const run = (work: () => Promise<unknown>) => void work().catch(reportError);

  const openView = async (): Promise<void> => {
    const existing = app.workspace.getLeavesOfType(TOKEN_BUDGET_VIEW)[0];
    const leaf = existing ?? app.workspace.getRightLeaf(false);
    if (!leaf) return;
    if (!existing) await leaf.setViewState({ type: TOKEN_BUDGET_VIEW, active: true });
    await app.workspace.revealLeaf(leaf);
  };
  const tally = async (selection: Selection): Promise<void> => {
    const result = await session.tallySelection(selection);
    await openView();
    new Notice(`${describeTally(result.tally)}: ${result.label}`);
  };
  const pickTallyFolder = () =>
    pickFolder(app, (folder) => run(() => tally({ kind: "paths", paths: [folder.path === "/" ? "" : folder.path] })));
  const activePath = (): string | null => app.workspace.getActiveFile()?.path ?? null;
  const requireActive = (): string => {
    const path = activePath();
    if (!path) throw new UserError("No note is open", {}, "Open a note first");
    return path;
  };
  const buildPack = (focus?: string): void => {
    const active = app.workspace.getActiveFile();
    new PromptModal(
      app,
      "Build context pack",
      [
        {
          key: "focus",
          name: "Focus",
          desc: "A model name, note name or vault path.",
          value: focus ?? active?.basename ?? "",
        },
        {
          key: "budget",
          name: "Budget",
          desc: "Tokens the pack may use, e.g. 1000, 2000 or 5000.",
          value: String(plugin.settings.budget),
        },
        {
          key: "columns",
          name: "Columns",
          desc: "Optional. Columns of the focus the task is about, comma separated: the children that read them are named first.",
          placeholder: "segment, lifetime_value",
        },
        {
          key: "task",
          name: "Task",
          desc: "Optional. The task in words; the focus's columns it names count as columns too.",
          placeholder: "Split the segment grain out of dim_customers",
        },
      ],
      (values) =>
        run(async () => {
          const columns = values.columns
            .split(",")
            .map((c) => c.trim())
            .filter(Boolean);
          const task = values.task.trim();
          const pack = await session.buildPack(values.focus.trim(), parseBudget(values.budget), {
            ...(columns.length ? { columns } : {}),
            ...(task ? { task } : {}),
          });
          await openView();
          new Notice(
            `Context pack: ${formatTokens(pack.used)} of ${formatTokens(pack.budget)} tokens, ${pack.included.length} included, ${pack.excluded.length} excluded`,
          );
        }),
      "Build pack",
    ).open();
  };
  const expand = (): void => {
    const pack = session.pack;
    if (!pack) {
      new Notice("Build a context pack first");
      return;
    }
    new PromptModal(
      app,
      "Expand context",
      [
        {
          key: "budget",
          name: "Budget",
          desc: `The pack reaches depth ${pack.depth}; expanding adds the next ring.`,
          value: String(pack.budget),
        },
      ],
      (values) =>
        run(async () => {
          const next = await session.expand(parseBudget(values.budget));
          if (next)
            new Notice(
              `Expanded to depth ${next.depth}: ${formatTokens(next.used)} of ${formatTokens(next.budget)} tokens`,
            );
        }),
      "Expand pack",
    ).open();
  };
  const copy = async (): Promise<void> => {
    if (!session.pack) return void new Notice("Build a context pack first");
    await navigator.clipboard.writeText(renderPackMarkdown(session.pack));
    new Notice(`Copied the context pack (${formatTokens(session.pack.used)} tokens)`);
  };
  const save = async (): Promise<void> => {
    if (!session.pack) return void new Notice("Build a context pack first");
    const path = await saveContextRecord(plugin.vaultPort, plugin.settings, session.pack, systemClock);
    new Notice(`Saved the context decision record ${path}`);
  };

  plugin.registerView(
    TOKEN_BUDGET_VIEW,
    (leaf) =>
      new TokenBudgetView(leaf, session, {
        expand,
        copy: () => run(copy),
        save: () => run(save),
        buildPack,
        tallyNote: (path) => run(() => tally({ kind: "paths", paths: [path] })),
        tallyFolder: () => pickTallyFolder().open(),
        report: reportError,
      }),
  );

  // [id, name, work, and for a command that only makes sense in some context: when it is offered]
  const hasPack = (): boolean => session.pack !== null;
  const commands: Array<[string, string, () => unknown, (() => boolean)?]> = [
    [
      "tally-current-note",
      "Tally tokens of current note",
      () => tally({ kind: "paths", paths: [requireActive()] }),
      () => activePath() !== null,
    ],
    ["tally-folder", "Tally tokens of folder…", () => pickTallyFolder().open()],
    [
      "tally-tag",
      "Tally tokens of tag…",
      () =>
        new PromptModal(
          app,
          "Tally tokens of tag",
          [{ key: "tag", name: "Tag", placeholder: "#finance" }],
          (v) => run(() => tally({ kind: "tag", tag: v.tag })),
          "Tally",
        ).open(),
    ],
    [
      "tally-linked-notes",
      "Tally tokens of linked notes…",
      () => {
        const from = app.workspace.getActiveFile()?.path ?? "";
        new PromptModal(
          app,
          "Tally tokens of linked notes",
          [
            { key: "from", name: "Note", value: from },
            { key: "depth", name: "Depth", value: "1", desc: "How many links away to follow." },
          ],
          (v) => run(() => tally({ kind: "links", from: v.from, depth: Number(v.depth) })),
          "Tally",
        ).open();
      },
    ],
    [
      "tally-dbt-selection",
      "Tally tokens of dbt selection…",
      () =>
        new PromptModal(
          app,
          "Tally tokens of dbt selection",
          [
            { key: "select", name: "Selector", placeholder: "+fct_orders" },
            { key: "exclude", name: "Exclude", placeholder: "tag:deprecated" },
          ],
          (v) => run(() => tally({ kind: "dbt", selector: v.select, exclude: v.exclude.trim() || undefined })),
          "Tally",
        ).open(),
    ],
    ["open-token-budget-view", "Open token budget view", () => openView()],
    ["build-context-pack", "Build context pack…", () => buildPack()],
    ["expand-context", "Expand context", () => expand(), hasPack],
    ["copy-context-pack", "Copy context pack", () => copy(), hasPack],
    ["save-context-decision-record", "Save context decision record", () => save(), hasPack],
  ];
  for (const [id, name, work, when] of commands)
    plugin.addCommand(
      when ? { id, name, checkCallback: guardedWhen(when, work) } : { id, name, callback: guarded(work) },
    );

  const tallyFiles = (files: TAbstractFile[]) =>
    run(() => tally({ kind: "paths", paths: files.map((f) => (f instanceof TFolder && f.isRoot() ? "" : f.path)) }));
  plugin.registerEvent(
    app.workspace.on("file-menu", (menu: Menu, file: TAbstractFile) => {
      menu.addItem((item) =>
        item
          .setTitle("Tally tokens")
          .setIcon("gauge")
          .onClick(() => tallyFiles([file])),
      );
    }),
  );
  plugin.registerEvent(
    app.workspace.on("files-menu", (menu: Menu, files: TAbstractFile[]) => {
      menu.addItem((item) =>
        item
          .setTitle("Tally tokens")
          .setIcon("gauge")
          .onClick(() => tallyFiles(files)),
      );
    }),
  );

  if (!Platform.isMobile) registerTokenStatus(plugin, session);
}
