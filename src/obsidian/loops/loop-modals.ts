// Modals for loops: paste an agent reply, review proposals (approve, edit, reject), pick a status,
// give a closing outcome, pick a loop.

import { Setting, type App } from "obsidian";
import type { CaptureProblem, Loop, LoopOutcome, LoopStatus } from "../../core/loops";
import { FormModal } from "../form-modal";
import { PickerModal } from "../picker-modal";

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

/** One proposal as the reviewer sees and edits it. */
export interface ReviewItem {
  label: string;
  title: string;
  question: string;
  models: string[];
  approved: boolean;
}

export class ReviewModal extends FormModal {
  constructor(
    app: App,
    private readonly items: ReviewItem[],
    private readonly problems: CaptureProblem[],
    private readonly submit: (items: ReviewItem[]) => void,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle("Review proposed loops");
    if (this.problems.length) {
      const list = this.contentEl.createEl("ul", { cls: "decp-problems" });
      for (const p of this.problems) list.createEl("li", { text: `Line ${p.line}: ${p.message}` });
    }
    this.items.forEach((item) => {
      this.contentEl.createEl("h4", { text: item.label });
      new Setting(this.contentEl)
        .setName("Approve")
        .addToggle((t) => t.setValue(item.approved).onChange((v) => (item.approved = v)));
      new Setting(this.contentEl)
        .setName("Title")
        .addText((t) => t.setValue(item.title).onChange((v) => (item.title = v)));
      new Setting(this.contentEl)
        .setName("Question")
        .addTextArea((t) => t.setValue(item.question).onChange((v) => (item.question = v)));
      new Setting(this.contentEl)
        .setName("Models")
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
    });
    this.addAction(
      "Apply",
      this.closeThen(() => this.submit(this.items)),
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
  statuses: readonly LoopStatus[],
  choose: (status: LoopStatus) => void,
): PickerModal<LoopStatus> {
  return new PickerModal(app, { placeholder: "Move the loop to", items: () => statuses, describe: String, choose });
}

export function pickLoop(app: App, loops: Loop[], choose: (loop: Loop) => void): PickerModal<Loop> {
  return new PickerModal(app, {
    placeholder: "Choose a loop",
    items: () => loops,
    describe: (loop) => `${loop.id} ${loop.title} (${loop.status})`,
    choose,
  });
}
