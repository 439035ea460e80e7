// What every form and list modal of the plugin shares: its content is emptied on close, and a form's
// call to action (its button, or Enter in a text field) runs one action.

import { Modal, Setting, type ButtonComponent, type TextComponent } from "obsidian";

export class FormModal extends Modal {
  override onClose(): void {
    this.contentEl.empty();
  }

  /** The form's button (returned, for a form whose label follows its choices). */
  protected addAction(label: string, action: () => void): ButtonComponent {
    let made!: ButtonComponent;
    new Setting(this.contentEl).addButton((button) => (made = button.setButtonText(label).setCta().onClick(action)));
    return made;
  }

  /** Enter in `text` does what the button does; not the Enter that ends an IME composition. */
  protected actOnEnter(text: TextComponent, action: () => void): void {
    text.inputEl.addEventListener("keydown", (event: KeyboardEvent) => {
      if (event.key === "Enter" && !event.isComposing) action();
    });
  }

  /** An action that closes the form, then hands over what was entered. */
  protected closeThen(submit: () => void): () => void {
    return () => {
      this.close();
      submit();
    };
  }
}
