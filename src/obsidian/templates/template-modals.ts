// The pickers behind "Create note from template": a fuzzy list of templates, then a small form for
// the title (and the model, when the template links one).

import { FuzzySuggestModal, Modal, Setting, type App } from "obsidian";
import type { TemplateSource } from "../../core/templates";

export class TemplateSuggestModal extends FuzzySuggestModal<TemplateSource> {
  constructor(
    app: App,
    private readonly templates: TemplateSource[],
    private readonly choose: (template: TemplateSource) => void,
  ) {
    super(app);
    this.setPlaceholder("Choose a template");
  }

  getItems(): TemplateSource[] {
    return this.templates;
  }

  getItemText(template: TemplateSource): string {
    const origin = template.bundled ? "bundled" : template.file;
    return template.description
      ? `${template.name}: ${template.description} (${origin})`
      : `${template.name} (${origin})`;
  }

  onChooseItem(template: TemplateSource): void {
    this.choose(template);
  }
}

export interface NoteDetails {
  title?: string;
  model?: string;
}

export class NoteDetailsModal extends Modal {
  private readonly details: NoteDetails = {};

  constructor(
    app: App,
    private readonly ask: { title: boolean; model: boolean; modelDefault?: string },
    private readonly submit: (details: NoteDetails) => void,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle("New note from template");
    if (this.ask.title) {
      new Setting(this.contentEl).setName("Title").addText((text) => {
        text.onChange((value) => (this.details.title = value));
        text.inputEl.addEventListener("keydown", (event: KeyboardEvent) => {
          if (event.key === "Enter" && !event.isComposing) this.done(); // not the Enter that ends an IME composition
        });
      });
    }
    if (this.ask.model) {
      this.details.model = this.ask.modelDefault;
      new Setting(this.contentEl)
        .setName("Model")
        .setDesc("The dbt model the note is about; leave empty to fill it in later.")
        .addText((text) =>
          text.setValue(this.ask.modelDefault ?? "").onChange((value) => (this.details.model = value)),
        );
    }
    new Setting(this.contentEl).addButton((button) =>
      button
        .setButtonText("Create")
        .setCta()
        .onClick(() => this.done()),
    );
  }

  private done(): void {
    this.close();
    this.submit({ ...this.details });
  }

  override onClose(): void {
    this.contentEl.empty();
  }
}
