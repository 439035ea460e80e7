// The "Write handoff" form: where the session stopped and the next action.

import { Setting, type App } from "obsidian";
import type { HandoffInput } from "../../core/session";
import { FormModal } from "../form-modal";

export class HandoffModal extends FormModal {
  private readonly input: HandoffInput = { stoppedAt: "", nextAction: "" };

  constructor(
    app: App,
    defaults: Partial<HandoffInput>,
    private readonly submit: (input: HandoffInput) => void,
  ) {
    super(app);
    Object.assign(this.input, defaults);
  }

  override onOpen(): void {
    this.setTitle("Write handoff");
    new Setting(this.contentEl)
      .setName("Stopped at")
      .setDesc("Where the session stopped, in one line.")
      .addText((text) => text.setValue(this.input.stoppedAt).onChange((value) => (this.input.stoppedAt = value)));
    new Setting(this.contentEl)
      .setName("Next action")
      .setDesc("The first thing the next session does.")
      .addText((text) => text.setValue(this.input.nextAction).onChange((value) => (this.input.nextAction = value)));
    this.addAction(
      "Write handoff",
      this.closeThen(() => this.submit({ ...this.input })),
    );
  }
}
