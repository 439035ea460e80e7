// View, ItemView, MarkdownView and WorkspaceLeaf: a leaf creates a registered view through its
// factory and opens it (onOpen + load); detach closes it (onClose + unload).

import type { EditorView } from "@codemirror/view";
import type { App } from "./app";
import { requireDom } from "./dom";
import { Editor } from "./editor";
import { Component, Events } from "./events";
import { mountEditor, renderReadingView } from "./markdown-render";
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

/** Reading view of a MarkdownView: its own container, re-rendered from the note's text. */
export class MarkdownPreviewView {
  containerEl: HTMLElement;
  constructor(private readonly view: MarkdownView) {
    this.containerEl = requireDom("Reading view").createElement("div");
    this.containerEl.className = "markdown-preview-view markdown-rendered";
  }
  rerender(full?: boolean): void {
    void full;
    void this.view.render();
  }
}

/**
 * A note in a tab. Editing view (Live Preview by default, or source mode) mounts a CodeMirror editor
 * with the plugins' editor extensions; reading view renders sections and runs post-processors.
 * Switch with setState({ mode: "preview" | "source", source: boolean }), as Obsidian's view state does.
 */
export class MarkdownView extends ItemView {
  editor = new Editor();
  file: TFile | null = null;
  previewMode: MarkdownPreviewView;
  private mode: "source" | "preview" = "source";
  private sourceMode = false;
  private cm: EditorView | null = null;
  private rendered: Component | null = null;

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.previewMode = new MarkdownPreviewView(this);
    // Obsidian saves editor changes to the file shortly after; the fake saves right away.
    this.editor.onChange = (editor) => {
      if (this.file) void this.app.vault.modify(this.file, editor.getValue());
      this.cm?.dispatch({ changes: { from: 0, to: this.cm.state.doc.length, insert: editor.getValue() } });
      this.app.workspace.trigger("editor-change", editor, this);
    };
    // A change made on disk (Vault.modify/process by anyone but this editor) replaces the editor's
    // text: cursor and selection are lost, which is why the guidelines ask for the Editor API.
    this.registerEvent(
      this.app.vault.on("modify", (file: TFile) => {
        if (file !== this.file || this.app.vault.readNow(file) === this.editor.getValue()) return;
        this.setText(this.app.vault.readNow(file));
        this.editor.setCursor({ line: 0, ch: 0 });
        void this.render();
      }),
    );
  }

  getViewType(): string {
    return "markdown";
  }

  getDisplayText(): string {
    return this.file?.basename ?? "No file";
  }

  getMode(): "source" | "preview" {
    return this.mode;
  }

  override getState(): Record<string, unknown> {
    return { file: this.file?.path ?? null, mode: this.mode, source: this.sourceMode };
  }

  override async setState(state: unknown, result: { history: boolean }): Promise<void> {
    void result;
    const s = (state ?? {}) as { mode?: "source" | "preview"; source?: boolean };
    if (s.mode) this.mode = s.mode;
    if (typeof s.source === "boolean") this.sourceMode = s.source;
    await this.render();
  }

  getViewData(): string {
    return this.editor.getValue();
  }

  async loadFile(file: TFile): Promise<void> {
    this.file = file;
    this.setText(await this.app.vault.read(file));
    await this.render();
  }

  async save(): Promise<void> {
    if (this.file) await this.app.vault.modify(this.file, this.editor.getValue());
  }

  /** Fake-only: draws the current mode (the workspace calls it when extensions change). */
  async render(): Promise<void> {
    this.cm?.destroy();
    this.cm = null;
    if (this.rendered) this.removeChild(this.rendered);
    this.rendered = this.addChild(new Component());
    this.contentEl.empty();
    if (!this.file) return;
    if (this.mode === "preview") {
      this.contentEl.appendChild(this.previewMode.containerEl);
      await renderReadingView(this.app, this.file, this.editor.getValue(), this.previewMode.containerEl, this.rendered);
    } else {
      this.cm = mountEditor(this.app, this, this.editor.getValue(), this.contentEl, !this.sourceMode);
    }
  }

  protected override async onClose(): Promise<void> {
    this.cm?.destroy();
    this.cm = null;
  }

  private setText(text: string): void {
    const onChange = this.editor.onChange;
    this.editor.onChange = null;
    this.editor.setValue(text);
    this.editor.onChange = onChange;
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
