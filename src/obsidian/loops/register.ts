// Loop commands, the inbox view, the decp-loops code block and the open-loops panel on model notes.
// Core parses, links, issues ids and writes (through vault.process); this file asks and renders.

import { MarkdownRenderChild, Notice, type MarkdownPostProcessorContext } from "obsidian";
import { isLineageResourceType } from "../../core/dbt";
import { UserError } from "../../core/errors";
import { parseNote } from "../../core/frontmatter";
import {
  allowedTransitions,
  approveLoop,
  changeLoopStatus,
  createLoops,
  filterLoops,
  linkLoopToModel,
  listLoops,
  parseLoopNote,
  parseLoopQuery,
  prepareCapture,
  proposalToDraft,
  rejectLoop,
  reviewCapture,
  type KnownLoops,
  type Loop,
  type LoopQuery,
  type LoopStatus,
} from "../../core/loops";
import { systemClock } from "../../core/ports";
import { parseId, peekNextId } from "../../core/protocol";
import { dailyNoteName } from "../../core/session";
import type DecpPlugin from "../../main";
import { activeNoteOf } from "../active-note";
import { guarded, guardedWhen, reportError } from "../report-error";
import { obsidianDailyNoteSettings } from "../session/daily-notes-settings";
import { LOOPS_VIEW_TYPE, LoopsInboxView } from "./inbox-view";
import { LoopIndex } from "./loop-index";
import { renderLoopGroups } from "./loop-list";
import {
  OutcomeModal,
  PasteModal,
  ReviewModal,
  pickLoop,
  pickStatus,
  type ReviewDecision,
  type ReviewItem,
} from "./loop-modals";
import { modelLoopsEditorExtension, modelLoopsPostProcessor } from "./model-loops";
import { DateTime } from "luxon";

function run(work: () => Promise<void>): void {
  work().catch(reportError);
}

/** Moves a loop; closing first asks for the outcome. */
export function moveLoop(plugin: DecpPlugin, loop: Loop, status: LoopStatus): void {
  if (status === "closed" && loop.status !== "proposed") {
    new OutcomeModal(plugin.app, loop, (outcome) =>
      run(async () => {
        await changeLoopStatus(plugin.vaultPort, loop.path, "closed", { clock: systemClock, outcome });
        new Notice(`${loop.id} closed`);
      }),
    ).open();
    return;
  }
  run(async () => {
    const moved =
      status === "closed"
        ? await rejectLoop(plugin.vaultPort, loop.path, systemClock)
        : await changeLoopStatus(plugin.vaultPort, loop.path, status, { clock: systemClock });
    new Notice(`${moved.id} is ${moved.status}`);
  });
}

/** What the review needs to flag clashing ids: the next free number and the titles of existing loops. */
async function knownLoops(plugin: DecpPlugin): Promise<KnownLoops> {
  try {
    const next = parseId(await peekNextId(plugin.vaultPort, plugin.settings.protocolFolder, "LOOP"));
    const { loops } = await listLoops(plugin.vaultPort, plugin.settings);
    return { nextNumber: next?.n ?? 1, titles: new Map(loops.map((l) => [l.id, l.title])) };
  } catch {
    // Flags only inform the review: a loops folder that cannot be read is reported when the loops are saved.
    return { nextNumber: 0, titles: new Map() };
  }
}

async function captureText(plugin: DecpPlugin, text: string): Promise<void> {
  const prepared = await prepareCapture(plugin.vaultPort, plugin.settings, text);
  if (prepared.proposals.length === 0) {
    throw new UserError(
      "No loops found in the text",
      {},
      "Select or paste <loop> blocks, a loop code block or a list under a loops heading",
    );
  }
  const review = reviewCapture(prepared, await knownLoops(plugin));
  const items: ReviewItem[] = review.items.map(({ proposal: p, malformed, clash }) => ({
    label: `${p.givenId?.trim() || "New loop"} (line ${p.line})`,
    title: p.title,
    question: p.question,
    context: proposalToDraft(p).context ?? "",
    models: p.models,
    decision: malformed.length ? "later" : "approve",
    malformed,
    clash,
  }));
  new ReviewModal(plugin.app, items, review.general, "capture", (reviewed) =>
    run(async () => {
      const session = dailyNoteName(obsidianDailyNoteSettings(plugin.app, plugin.settings.dailyNotes), DateTime.now());
      const draftsFor = (decision: ReviewDecision) =>
        reviewed
          .map((item, i) => ({ item, proposal: prepared.proposals[i] }))
          .filter(({ item }) => item.decision === decision && item.title.trim() !== "")
          .map(({ item, proposal }) => ({
            ...proposalToDraft(proposal, session),
            title: item.title,
            question: item.question,
            models: item.models,
          }));
      const lines: string[] = [];
      const renumbered: string[] = [];
      for (const [decision, status] of [
        ["approve", "open"],
        ["later", "proposed"],
      ] as const) {
        const result = await createLoops(plugin.vaultPort, plugin.settings, draftsFor(decision), {
          clock: systemClock,
          status,
        });
        lines.push(...result.created.map((l) => `${l.id} ${l.title} (${status})`));
        for (const r of result.renumbered) renumbered.push(`${r.from} was ${r.reason}: now ${r.to}`);
      }
      const count = (d: ReviewDecision) => reviewed.filter((i) => i.decision === d).length;
      new Notice(
        [
          `${count("approve")} loops opened, ${count("later")} saved as proposed, ${count("reject")} discarded`,
          ...lines,
          ...renumbered,
        ].join("\n"),
        10000,
      );
    }),
  ).open();
}

async function reviewProposed(plugin: DecpPlugin): Promise<void> {
  const proposed = (await listLoops(plugin.vaultPort, plugin.settings)).loops.filter((l) => l.status === "proposed");
  if (proposed.length === 0) {
    new Notice("No proposed loops to review.");
    return;
  }
  const items: ReviewItem[] = proposed.map((l) => {
    const malformed = l.question.trim() ? [] : ["No question: the agent did not say what needs answering"];
    return {
      label: l.id,
      title: l.title,
      question: l.question,
      context: l.context,
      models: l.models,
      decision: malformed.length ? "later" : "approve",
      malformed,
      clash: null,
    };
  });
  new ReviewModal(plugin.app, items, [], "proposed", (reviewed) =>
    run(async () => {
      for (const [i, item] of reviewed.entries()) {
        const loop = proposed[i];
        if (item.decision === "approve") {
          const edits = { title: item.title, question: item.question, models: item.models };
          await approveLoop(plugin.vaultPort, loop.path, systemClock, edits);
        } else if (item.decision === "reject") {
          await rejectLoop(plugin.vaultPort, loop.path, systemClock);
        }
      }
      const count = (d: ReviewDecision) => reviewed.filter((i) => i.decision === d).length;
      new Notice(`${count("approve")} loops opened, ${count("reject")} rejected, ${count("later")} still proposed`);
    }),
  ).open();
}

/** A decp-loops block: the loops its query selects, kept current while the block is shown. */
class LoopQueryBlock extends MarkdownRenderChild {
  private unsubscribe: (() => void) | null = null;

  constructor(
    containerEl: HTMLElement,
    private readonly plugin: DecpPlugin,
    private readonly index: LoopIndex,
    private readonly query: LoopQuery,
  ) {
    super(containerEl);
  }

  override onload(): void {
    this.unsubscribe = this.index.subscribe(() => void this.render().catch(reportError));
    void this.render().catch(reportError);
  }

  override onunload(): void {
    this.unsubscribe?.();
  }

  async render(): Promise<void> {
    const { loops } = await this.index.listing();
    const now = new Date();
    renderLoopGroups(this.plugin.app, this.containerEl, filterLoops(loops, this.query, now), {
      now,
      onStatus: (loop, status) => moveLoop(this.plugin, loop, status),
    });
  }
}

function renderQueryBlock(
  plugin: DecpPlugin,
  index: LoopIndex,
  source: string,
  el: HTMLElement,
  ctx: MarkdownPostProcessorContext,
): void {
  try {
    const query = parseLoopQuery(source, ctx.sourcePath);
    ctx.addChild(new LoopQueryBlock(el.createDiv({ cls: "decp-loops-block" }), plugin, index, query));
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    el.createEl("p", { text: error.describe(), cls: "decp-error" });
  }
}

export function registerLoopsFeature(plugin: DecpPlugin): void {
  const index = new LoopIndex(plugin);
  const onStatus = (loop: Loop, status: LoopStatus): void => moveLoop(plugin, loop, status);
  plugin.registerView(LOOPS_VIEW_TYPE, (leaf) => new LoopsInboxView(leaf, index, onStatus));

  plugin.addCommand({
    id: "capture-loops",
    name: "Capture loops from agent reply",
    editorCallback: (editor) => {
      const selection = editor.getSelection();
      if (selection.trim()) run(() => captureText(plugin, selection));
      else new PasteModal(plugin.app, (text) => run(() => captureText(plugin, text))).open();
    },
  });

  plugin.addCommand({
    id: "review-proposed-loops",
    name: "Review proposed loops",
    callback: guarded(() => reviewProposed(plugin)),
  });

  plugin.addCommand({
    id: "change-loop-status",
    name: "Change loop status",
    checkCallback: guardedWhen(
      () => activeNoteOf(plugin, "loop") !== null,
      async () => {
        const file = activeNoteOf(plugin, "loop");
        if (!file) return;
        const loop = parseLoopNote(await plugin.app.vault.read(file), file.path);
        pickStatus(plugin.app, loop.status, allowedTransitions(loop.status), (status) =>
          moveLoop(plugin, loop, status),
        ).open();
      },
    ),
  });

  plugin.addCommand({
    id: "link-loop-to-model",
    name: "Link loop to current model",
    checkCallback: guardedWhen(
      () => activeNoteOf(plugin, "model") !== null,
      async () => {
        const file = activeNoteOf(plugin, "model");
        if (!file) return;
        if (!isLineageResourceType(parseNote(await plugin.app.vault.read(file), file.path).frontmatter.type))
          throw new UserError(
            "Open a dbt model note first",
            { file: file.path },
            "Then run Link loop to current model again",
          );
        const model = file.basename;
        const loops = (await index.listing()).loops.filter((l) => l.status !== "closed" && !l.models.includes(model));
        pickLoop(plugin.app, loops, (loop) =>
          run(async () => {
            await linkLoopToModel(plugin.vaultPort, loop.path, model);
            new Notice(`${loop.id} linked to ${model}`);
          }),
        ).open();
      },
    ),
  });

  plugin.addCommand({
    id: "open-loops-inbox",
    name: "Open loops inbox",
    callback: guarded(async () => {
      const existing = plugin.app.workspace.getLeavesOfType(LOOPS_VIEW_TYPE)[0];
      const leaf = existing ?? plugin.app.workspace.getRightLeaf(false);
      if (!leaf) return;
      if (!existing) await leaf.setViewState({ type: LOOPS_VIEW_TYPE, active: true });
      await plugin.app.workspace.revealLeaf(leaf);
    }),
  });

  plugin.registerMarkdownCodeBlockProcessor("decp-loops", (source, el, ctx) =>
    renderQueryBlock(plugin, index, source, el, ctx),
  );

  // Model notes show their open loops where the user looks, in both views, without any edit to the note.
  plugin.registerMarkdownPostProcessor(modelLoopsPostProcessor(plugin.app, index, onStatus));
  plugin.registerEditorExtension(modelLoopsEditorExtension(plugin.app, index, onStatus));
}
