// View, ItemView, MarkdownView and WorkspaceLeaf: a leaf creates a registered view through its
// factory and opens it (onOpen + load); detach closes it (onClose + unload).

import type { App } from "./app";
import { requireDom } from "./dom";
import { Editor } from "./editor";
import { Component, Events } from "./events";
import type { TFile } from "./vault";

export interface ViewState {
  type: string;
  state?: Record<string, unknown>;
  active?: boolean;
  pinned?: boolean;
}

export type ViewCreator = (leaf: WorkspaceLeaf) => View;

export abstract class View extends Component {
  app: App;
  icon = "";
  navigation = false;
  leaf: WorkspaceLeaf;
  containerEl: HTMLElement;

  constructor(leaf: WorkspaceLeaf) {
    super();
    this.leaf = leaf;
    this.app = leaf.app;
    const doc = requireDom("A view");
    this.containerEl = doc.createElement("div");
    this.containerEl.className = "workspace-leaf-content";
  }

  abstract getViewType(): string;
  abstract getDisplayText(): string;

  getIcon(): string {
    return this.icon;
  }

  getState(): Record<string, unknown> {
    return {};
  }

  async setState(state: unknown, result: { history: boolean }): Promise<void> {
    void state;
    void result;
  }

  getEphemeralState(): Record<string, unknown> {
    return {};
  }

  setEphemeralState(state: unknown): void {
    void state;
  }

  protected async onOpen(): Promise<void> {}
  protected async onClose(): Promise<void> {}

  onResize(): void {}

  /** Fake-only entry points the leaf uses (onOpen/onClose are protected, as in Obsidian). */
  async open(): Promise<void> {
    this.load();
    await this.onOpen();
  }

  async close(): Promise<void> {
    await this.onClose();
    this.unload();
  }
}

export abstract class ItemView extends View {
  contentEl: HTMLElement;

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.containerEl.createDiv({ cls: "view-header" });
    this.contentEl = this.containerEl.createDiv({ cls: "view-content" });
  }

  addAction(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const action = this.containerEl.children[0].createEl("a", {
      cls: "view-action",
      attr: { "aria-label": title, "data-icon": icon },
    });
    action.addEventListener("click", (evt) => callback(evt));
    return action;
  }
}

export class EmptyView extends ItemView {
  getViewType(): string {
    return "empty";
  }
  getDisplayText(): string {
    return "New tab";
  }
}

export class MarkdownView extends ItemView {
  editor = new Editor();
  file: TFile | null = null;

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    // Obsidian saves editor changes to the file shortly after; the fake saves right away.
    this.editor.onChange = (editor) => {
      if (this.file) void this.app.vault.modify(this.file, editor.getValue());
      this.app.workspace.trigger("editor-change", editor, this);
    };
  }

  getViewType(): string {
    return "markdown";
  }

  getDisplayText(): string {
    return this.file?.basename ?? "No file";
  }

  getMode(): "source" | "preview" {
    return "source";
  }

  getViewData(): string {
    return this.editor.getValue();
  }

  async loadFile(file: TFile): Promise<void> {
    this.file = file;
    const text = await this.app.vault.read(file);
    const onChange = this.editor.onChange;
    this.editor.onChange = null;
    this.editor.setValue(text);
    this.editor.onChange = onChange;
  }

  async save(): Promise<void> {
    if (this.file) await this.app.vault.modify(this.file, this.editor.getValue());
  }
}

let leafIds = 0;

export class WorkspaceLeaf extends Events {
  readonly id = `leaf-${++leafIds}`;
  view: View;
  /** Fake-only: where the leaf lives ("main", "left", "right"). */
  side: "main" | "left" | "right";
  private pinned = false;

  constructor(
    readonly app: App,
    side: "main" | "left" | "right" = "main",
  ) {
    super();
    this.side = side;
    this.view = new EmptyView(this);
  }

  getViewState(): ViewState {
    return { type: this.view.getViewType(), state: this.view.getState(), pinned: this.pinned };
  }

  async setViewState(viewState: ViewState, eState?: unknown): Promise<void> {
    void eState;
    const current = this.view;
    if (current.getViewType() !== viewState.type) {
      const next =
        viewState.type === "markdown"
          ? new MarkdownView(this)
          : viewState.type === "empty"
            ? new EmptyView(this)
            : this.app.createRegisteredView(viewState.type, this);
      if (!next) throw new Error(`No view registered for type "${viewState.type}"`);
      await current.close();
      this.view = next;
      await next.open();
    }
    if (viewState.state) await this.view.setState(viewState.state, { history: false });
    if (viewState.pinned !== undefined) this.pinned = viewState.pinned;
    if (viewState.active) this.app.workspace.setActiveLeaf(this);
    this.app.workspace.trigger("layout-change");
  }

  async openFile(file: TFile, openState?: { active?: boolean }): Promise<void> {
    if (!(this.view instanceof MarkdownView)) await this.setViewState({ type: "markdown" });
    await (this.view as MarkdownView).loadFile(file);
    if (openState?.active !== false) this.app.workspace.setActiveLeaf(this);
    this.app.workspace.trigger("file-open", file);
  }

  getDisplayText(): string {
    return this.view.getDisplayText();
  }

  setPinned(pinned: boolean): void {
    this.pinned = pinned;
  }

  togglePinned(): void {
    this.pinned = !this.pinned;
  }

  isDeferred = false;

  async loadIfDeferred(): Promise<void> {}

  /** Closes the view (onClose, unload) and removes the leaf from the workspace. */
  detach(): void {
    void this.view.close();
    this.app.workspace.removeLeaf(this);
  }

  /** Fake-only: what Obsidian does when the plugin owning the view unloads (the leaf stays). */
  async unloadView(): Promise<void> {
    await this.view.close();
    this.view = new EmptyView(this);
  }
}
