// The pickers behind "Create note from template": a fuzzy list of templates, then a small form for
// the title (and the model, when the template links one).

import { Setting, type App } from "obsidian";
import type { TemplateSource } from "../../core/templates";
import { FormModal } from "../form-modal";
import { PickerModal } from "../picker-modal";

export function pickTemplate(
  app: App,
  templates: TemplateSource[],
  choose: (template: TemplateSource) => void,
): PickerModal<TemplateSource> {
  return new PickerModal(app, {
    placeholder: "Choose a template",
    items: () => templates,
    describe: (template) => {
      const origin = template.bundled ? "bundled" : template.file;
      return template.description
        ? `${template.name}: ${template.description} (${origin})`
        : `${template.name} (${origin})`;
    },
    choose,
  });
}

export interface NoteDetails {
  title?: string;
  model?: string;
}

export class NoteDetailsModal extends FormModal {
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
    const done = this.closeThen(() => this.submit({ ...this.details }));
    if (this.ask.title) {
      new Setting(this.contentEl).setName("Title").addText((text) => {
        text.onChange((value) => (this.details.title = value));
        this.actOnEnter(text, done);
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
    this.addAction("Create", done);
  }
}
