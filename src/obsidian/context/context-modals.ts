// Small inputs for the context commands: a form of text fields (budget, tag, selector, ...), the
// reason asked when a note is included or excluded by hand, and a folder picker.

import { Setting, TFolder, type App } from "obsidian";
import { FormModal } from "../form-modal";
import { PickerModal } from "../picker-modal";

export interface PromptField {
  key: string;
  name: string;
  value?: string;
  placeholder?: string;
  desc?: string;
}

/** A form of text fields; Enter or the button submits the values (keyed by field key). */
export class PromptModal extends FormModal {
  private readonly values: Record<string, string> = {};

  constructor(
    app: App,
    private readonly heading: string,
    private readonly fields: PromptField[],
    private readonly submit: (values: Record<string, string>) => void,
    /** The button: a verb that says what happens ("Build pack", "Tally"). */
    private readonly action: string,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle(this.heading);
    const done = this.closeThen(() => this.submit({ ...this.values }));
    for (const field of this.fields) {
      this.values[field.key] = field.value ?? "";
      const setting = new Setting(this.contentEl).setName(field.name).setClass("decp-form-field");
      if (field.desc) setting.setDesc(field.desc);
      setting.addText((text) => {
        text.setValue(field.value ?? "").setPlaceholder(field.placeholder ?? "");
        // A long note name may still be cut in a narrow window: its whole text is the tooltip.
        text.inputEl.title = field.value ?? "";
        text.onChange((value) => {
          this.values[field.key] = value;
          text.inputEl.title = value;
        });
        this.actOnEnter(text, done);
      });
    }
    this.addAction(this.action, done);
  }
}

/** Asks why a note is included or excluded by hand; the reason goes into the pack and its record. */
export function askReason(
  app: App,
  action: "include" | "exclude",
  name: string,
  submit: (reason: string) => void,
): void {
  const heading = action === "include" ? `Include ${name} in the pack` : `Exclude ${name} from the pack`;
  new PromptModal(
    app,
    heading,
    [
      {
        key: "reason",
        name: "Reason",
        placeholder: action === "include" ? "The failing report" : "Not touched in this task",
      },
    ],
    (values) => submit(values.reason.trim() || "no reason given"),
    action === "include" ? "Include in pack" : "Exclude from pack",
  ).open();
}

export function pickFolder(app: App, choose: (folder: TFolder) => void): PickerModal<TFolder> {
  return new PickerModal(app, {
    placeholder: "Choose a folder to tally",
    items: () => app.vault.getAllFolders(true),
    describe: (folder) => (folder.isRoot() ? "/ (whole vault)" : folder.path),
    choose,
  });
}
