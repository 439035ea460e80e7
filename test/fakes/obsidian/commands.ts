// The app's command registry (private in Obsidian's API, used by plugins and by our tests):
// executeCommandById honours checkCallback and editor callbacks the way the palette does.

import type { App } from "./app";
import { withUserGesture } from "./platform";
import type { Editor } from "./editor";
import { MarkdownView } from "./views";
import type { MarkdownFileInfo } from "./workspace";

export interface Command {
  id: string;
  name: string;
  icon?: string;
  mobileOnly?: boolean;
  repeatable?: boolean;
  callback?: () => unknown;
  checkCallback?: (checking: boolean) => boolean | void;
  editorCallback?: (editor: Editor, ctx: MarkdownView | MarkdownFileInfo) => unknown;
  editorCheckCallback?: (checking: boolean, editor: Editor, ctx: MarkdownView | MarkdownFileInfo) => boolean | void;
  hotkeys?: { modifiers: string[]; key: string }[];
}

export class CommandRegistry {
  commands: Record<string, Command> = {};

  constructor(private readonly app: App) {}

  addCommand(command: Command): void {
    this.commands[command.id] = command;
  }

  removeCommand(id: string): void {
    delete this.commands[id];
  }

  findCommand(id: string): Command | undefined {
    return this.commands[id];
  }

  listCommands(): Command[] {
    return Object.values(this.commands);
  }

  /** Would the palette show it right now? (checkCallback / editor availability) */
  isAvailable(id: string): boolean {
    const command = this.commands[id];
    if (!command) return false;
    const view = this.app.workspace.getActiveViewOfType(MarkdownView);
    if (command.editorCheckCallback)
      return view !== null && command.editorCheckCallback(true, view.editor, view) === true;
    if (command.editorCallback) return view !== null;
    if (command.checkCallback) return command.checkCallback(true) === true;
    return command.callback !== undefined;
  }

  /** Like Obsidian: runs the command if available, returns whether it ran (async work is not awaited). */
  executeCommandById(id: string): boolean {
    return this.execute(id).ran;
  }

  /** Fake-only: runs the command and awaits whatever promise its callback returned. */
  async executeCommandByIdAsync(id: string): Promise<boolean> {
    const { ran, result } = this.execute(id);
    await result;
    return ran;
  }

  /** Picking a command in the palette (or pressing its hotkey) is a user gesture. */
  private execute(id: string): { ran: boolean; result?: unknown } {
    return withUserGesture(() => this.run(id));
  }

  private run(id: string): { ran: boolean; result?: unknown } {
    const command = this.commands[id];
    if (!command || !this.isAvailable(id)) return { ran: false };
    const view = this.app.workspace.getActiveViewOfType(MarkdownView);
    if (command.editorCheckCallback && view)
      return { ran: true, result: command.editorCheckCallback(false, view.editor, view) };
    if (command.editorCallback && view) return { ran: true, result: command.editorCallback(view.editor, view) };
    if (command.checkCallback) return { ran: true, result: command.checkCallback(false) };
    return { ran: true, result: command.callback?.() };
  }
}
