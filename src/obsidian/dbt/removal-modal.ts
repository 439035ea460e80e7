// Asks before an import marks more than half of the model notes removed (the CLI's --allow-removals).

import { Setting, type App } from "obsidian";
import type { MassRemovalError } from "../../core/dbt";
import { FormModal } from "../form-modal";

export class ConfirmRemovalsModal extends FormModal {
  constructor(
    app: App,
    private readonly refusal: MassRemovalError,
    private readonly confirm: () => void,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle("Mark model notes removed?");
    this.contentEl.createEl("p", {
      text: `This import would mark ${this.refusal.removing} of the ${this.refusal.notes} model notes removed, because their nodes are not in the manifest. Check that the manifest is the right project. Nothing has been written yet.`,
    });
    new Setting(this.contentEl)
      .addButton((button) => button.setButtonText("Cancel").onClick(() => this.close()))
      .addButton((button) => button.setButtonText("Mark them removed").onClick(this.closeThen(this.confirm)));
  }
}
