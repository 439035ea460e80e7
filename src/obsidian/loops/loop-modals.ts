// Modals for loops: paste an agent reply, review proposals (each flagged when malformed or clashing,
// and decided explicitly: approve, decide later, reject), pick a move, give a closing outcome, pick a loop.

import { Setting, type App, type ButtonComponent } from "obsidian";
import type { CaptureProblem, Loop, LoopOutcome, LoopStatus } from "../../core/loops";
import { FormModal } from "../form-modal";
import { PickerModal } from "../picker-modal";
import { loopAction } from "./loop-list";

export class PasteModal extends FormModal {
  private text = "";

  constructor(
    app: App,
    private readonly submit: (text: string) => void,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle("Capture loops from agent reply");
    new Setting(this.contentEl)
      .setName("Agent reply")
      .setDesc("Paste the reply holding <loop> blocks, a loop code block or a list under a loops heading.")
      .addTextArea((area) => area.onChange((value) => (this.text = value)));
    this.addAction(
      "Review",
      this.closeThen(() => this.submit(this.text)),
    );
  }
}

/** What the reviewer decides for one proposal. */
export type ReviewDecision = "approve" | "later" | "reject";

/** One proposal as the reviewer sees, checks and edits it. */
export interface ReviewItem {
  label: string;
  title: string;
  question: string;
  context: string;
  models: string[];
  decision: ReviewDecision;
  /** What is wrong with it as the agent wrote it: shown, and it is not pre-approved. */
  malformed: string[];
  /** What happens to an id that is already taken. */
  clash: string | null;
}

/** Captured text is not saved yet ("capture"); proposals already in the vault are notes ("proposed"). */
export type ReviewMode = "capture" | "proposed";

const DECISIONS: Record<ReviewMode, Record<ReviewDecision, string>> = {
  capture: {
    approve: "Approve: save it as a next action",
    later: "Save as proposed: decide later",
    reject: "Discard: do not save it",
  },
  proposed: {
    approve: "Approve: it becomes a next action",
    later: "Keep proposed: decide later",
    reject: "Reject: close it as rejected",
  },
};

/** "Approve 2, discard 1": the button says what applying the review does. */
export function reviewActionLabel(items: ReviewItem[], mode: ReviewMode): string {
  const count = (d: ReviewDecision) => items.filter((i) => i.decision === d).length;
  const parts: string[] = [];
  if (count("approve")) parts.push(`approve ${count("approve")}`);
  if (count("later"))
    parts.push(mode === "capture" ? `save ${count("later")} as proposed` : `keep ${count("later")} proposed`);
  if (count("reject")) parts.push(`${mode === "capture" ? "discard" : "reject"} ${count("reject")}`);
  const text = parts.join(", ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export class ReviewModal extends FormModal {
  constructor(
    app: App,
    private readonly items: ReviewItem[],
    private readonly problems: CaptureProblem[],
    private readonly mode: ReviewMode,
    private readonly submit: (items: ReviewItem[]) => void,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle(this.mode === "capture" ? "Review captured loops" : "Review proposed loops");
    this.modalEl.addClass("decp-review-modal");
    if (this.problems.length) {
      const list = this.contentEl.createEl("ul", { cls: "decp-problems" });
      for (const p of this.problems) list.createEl("li", { text: `Line ${p.line}: ${p.message}` });
    }
    let button: ButtonComponent | null = null;
    const relabel = (): void => {
      button?.setButtonText(reviewActionLabel(this.items, this.mode));
    };
    for (const item of this.items) this.renderItem(item, relabel);
    button = this.addAction(
      reviewActionLabel(this.items, this.mode),
      this.closeThen(() => this.submit(this.items)),
    );
  }

  private renderItem(item: ReviewItem, relabel: () => void): void {
    const box = this.contentEl.createDiv({ cls: "decp-review-item" });
    box.createEl("h4", { text: item.label });
    const flags = [...item.malformed, ...(item.clash ? [item.clash] : [])];
    if (flags.length) {
      const list = box.createEl("ul", { cls: "decp-review-flags" });
      for (const flag of flags) list.createEl("li", { text: flag });
    }
    new Setting(box).setName("Decision").addDropdown((d) => {
      for (const [value, text] of Object.entries(DECISIONS[this.mode])) d.addOption(value, text);
      d.setValue(item.decision).onChange((value) => {
        item.decision = value as ReviewDecision;
        box.dataset.decision = value;
        relabel();
      });
    });
    box.dataset.decision = item.decision;
    const field = (name: string) => new Setting(box).setName(name).setClass("decp-form-field");
    field("Title").addTextArea((t) => {
      t.setValue(item.title).onChange((v) => (item.title = v));
      t.inputEl.rows = Math.max(1, Math.ceil(item.title.length / 60));
    });
    field("Question").addTextArea((t) => {
      t.setValue(item.question)
        .setPlaceholder("The question the loop must answer")
        .onChange((v) => (item.question = v));
      t.inputEl.rows = Math.max(2, Math.ceil(item.question.length / 60));
    });
    if (item.context.trim()) {
      const context = field("Context").setDesc("As the agent wrote it; edit it in the note once saved.");
      context.settingEl.createDiv({ cls: "decp-review-context", text: item.context });
    }
    field("Models")
      .setDesc("Comma-separated model names.")
      .addText((t) =>
        t.setValue(item.models.join(", ")).onChange(
          (v) =>
            (item.models = v
              .split(",")
              .map((m) => m.trim())
              .filter(Boolean)),
        ),
      );
  }
}

export class OutcomeModal extends FormModal {
  private readonly outcome: LoopOutcome = { result: "" };

  constructor(
    app: App,
    private readonly loop: Loop,
    private readonly submit: (outcome: LoopOutcome) => void,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle(`Close ${this.loop.id}`);
    new Setting(this.contentEl)
      .setName("Result")
      .setDesc("What came out of it.")
      .addTextArea((t) => t.onChange((v) => (this.outcome.result = v)));
    new Setting(this.contentEl)
      .setName("Evidence")
      .setDesc("A test, query or link that shows it.")
      .addText((t) => t.onChange((v) => (this.outcome.evidence = v)));
    new Setting(this.contentEl)
      .setName("Decision")
      .setDesc("A decision ID or note, if any.")
      .addText((t) => t.onChange((v) => (this.outcome.decision = v)));
    this.addAction(
      "Close loop",
      this.closeThen(() => this.submit({ ...this.outcome })),
    );
  }
}

export function pickStatus(
  app: App,
  from: LoopStatus,
  statuses: readonly LoopStatus[],
  choose: (status: LoopStatus) => void,
): PickerModal<LoopStatus> {
  const describe = (to: LoopStatus) => `${loopAction(from, to).label} (${loopAction(from, to).effect.toLowerCase()})`;
  return new PickerModal(app, { placeholder: "What to do with the loop", items: () => statuses, describe, choose });
}

export function pickLoop(app: App, loops: Loop[], choose: (loop: Loop) => void): PickerModal<Loop> {
  return new PickerModal(app, {
    placeholder: "Choose a loop",
    items: () => loops,
    describe: (loop) => `${loop.id} ${loop.title} (${loop.status})`,
    choose,
  });
}
