// Small inputs for the context commands: a form of text fields (budget, tag, selector, ...), the
// reason asked when a note is included or excluded by hand, and a folder picker.

import { FuzzySuggestModal, Modal, Setting, type App, type TFolder } from "obsidian";

export interface PromptField {
  key: string;
  name: string;
  value?: string;
  placeholder?: string;
  desc?: string;
}

/** A form of text fields; Enter or the button submits the values (keyed by field key). */
export class PromptModal extends Modal {
  private readonly values: Record<string, string> = {};

  constructor(
    app: App,
    private readonly heading: string,
    private readonly fields: PromptField[],
    private readonly submit: (values: Record<string, string>) => void,
    private readonly action = "OK",
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle(this.heading);
    for (const field of this.fields) {
      this.values[field.key] = field.value ?? "";
      const setting = new Setting(this.contentEl).setName(field.name);
      if (field.desc) setting.setDesc(field.desc);
      setting.addText((text) => {
        text.setValue(field.value ?? "").setPlaceholder(field.placeholder ?? "");
        text.onChange((value) => (this.values[field.key] = value));
        text.inputEl.addEventListener("keydown", (event: KeyboardEvent) => {
          if (event.key === "Enter" && !event.isComposing) this.done(); // not the Enter that ends an IME composition
        });
      });
    }
    new Setting(this.contentEl).addButton((button) =>
      button
        .setButtonText(this.action)
        .setCta()
        .onClick(() => this.done()),
    );
  }

  private done(): void {
    this.close();
    this.submit({ ...this.values });
  }

  override onClose(): void {
    this.contentEl.empty();
  }
}

/** Asks why a note is included or excluded by hand; the reason goes into the pack and its record. */
export function askReason(
  app: App,
  action: "include" | "exclude",
  name: string,
  submit: (reason: string) => void,
): void {
  const heading = action === "include" ? `Include ${name} in the next pack` : `Exclude ${name} from the next pack`;
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
    action === "include" ? "Include" : "Exclude",
  ).open();
}

export class FolderSuggestModal extends FuzzySuggestModal<TFolder> {
  // Obsidian calls getItems on every keystroke: list the folders once, when the picker opens.
  private readonly folders: TFolder[];

  constructor(
    app: App,
    private readonly choose: (folder: TFolder) => void,
  ) {
    super(app);
    this.setPlaceholder("Choose a folder to tally");
    this.folders = app.vault.getAllFolders(true);
  }

  getItems(): TFolder[] {
    return this.folders;
  }

  getItemText(folder: TFolder): string {
    return folder.isRoot() ? "/ (whole vault)" : folder.path;
  }

  onChooseItem(folder: TFolder): void {
    this.choose(folder);
  }
}
