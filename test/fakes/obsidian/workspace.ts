// Workspace: leaves in the main area and the side docks, the active file and editor, layout
// readiness and the workspace events plugins listen to (file-open, file-menu, editor-menu, ...).

import type { App } from "./app";
import type { Editor } from "./editor";
import { Events, type EventRef } from "./events";
import { MarkdownView, WorkspaceLeaf, type View } from "./views";
import type { TFile } from "./vault";

export interface MarkdownFileInfo {
  app: App;
  file: TFile | null;
  editor?: Editor;
}

type Constructor<T> = abstract new (...args: never[]) => T;

export class Workspace extends Events {
  layoutReady = true;
  activeLeaf: WorkspaceLeaf | null = null;
  containerEl: HTMLElement | null = null;
  private leaves: WorkspaceLeaf[] = [];
  private activeFileOverride: TFile | null | undefined = undefined;
  /** The markdown leaf that was active before focus moved to another view. */
  private lastMarkdownLeaf: WorkspaceLeaf | null = null;

  constructor(private readonly app: App) {
    super();
  }

  get activeEditor(): MarkdownFileInfo | null {
    const view = this.activeLeaf?.view;
    if (view instanceof MarkdownView) return { app: this.app, file: view.file, editor: view.editor };
    return null;
  }

  onLayoutReady(callback: () => unknown): void {
    if (this.layoutReady) {
      callback();
      return;
    }
    const ref = this.on("layout-ready", () => {
      this.offref(ref);
      callback();
    });
  }

  /** Fake-only: flips layoutReady and runs the waiting onLayoutReady callbacks. */
  setLayoutReady(): void {
    this.layoutReady = true;
    this.trigger("layout-ready");
  }

  /**
   * The active note's file; while another view has focus (a sidebar view), the most recently active
   * file, as obsidian.d.ts documents ("Otherwise, it will return the most recently active file").
   */
  getActiveFile(): TFile | null {
    if (this.activeFileOverride !== undefined) return this.activeFileOverride;
    const view = this.activeLeaf?.view;
    if (view instanceof MarkdownView) return view.file;
    const recent = this.lastMarkdownLeaf?.view;
    return recent instanceof MarkdownView && this.leaves.includes(this.lastMarkdownLeaf!) ? recent.file : null;
  }

  /** Fake-only: opens `file` in the active leaf (an editor on its text), as clicking it would. */
  async setActiveFile(file: TFile | null): Promise<void> {
    if (file === null) {
      this.activeFileOverride = null;
      this.trigger("file-open", null);
      return;
    }
    this.activeFileOverride = undefined;
    const leaf = this.getLeaf(false);
    await leaf.openFile(file);
  }

  getActiveViewOfType<T extends View>(type: Constructor<T>): T | null {
    const view = this.activeLeaf?.view;
    return view instanceof type ? view : null;
  }

  setActiveLeaf(leaf: WorkspaceLeaf): void {
    if (this.activeLeaf === leaf) return;
    if (this.activeLeaf?.view instanceof MarkdownView) this.lastMarkdownLeaf = this.activeLeaf;
    this.activeLeaf = leaf;
    this.activeFileOverride = undefined;
    this.trigger("active-leaf-change", leaf);
  }

  getLeaf(newLeaf?: boolean | "tab" | "split" | "window"): WorkspaceLeaf {
    if (!newLeaf) {
      const current =
        this.activeLeaf && this.activeLeaf.side === "main"
          ? this.activeLeaf
          : this.leaves.find((l) => l.side === "main");
      if (current) return current;
    }
    return this.addLeaf("main");
  }

  getUnpinnedLeaf(): WorkspaceLeaf {
    return this.getLeaf(false);
  }

  getRightLeaf(split: boolean): WorkspaceLeaf {
    void split;
    return this.addLeaf("right");
  }

  getLeftLeaf(split: boolean): WorkspaceLeaf {
    void split;
    return this.addLeaf("left");
  }

  async ensureSideLeaf(
    type: string,
    side: "left" | "right",
    options: { active?: boolean; reveal?: boolean; state?: Record<string, unknown> } = {},
  ): Promise<WorkspaceLeaf> {
    const existing = this.getLeavesOfType(type)[0];
    const leaf = existing ?? this.addLeaf(side);
    if (!existing) await leaf.setViewState({ type, state: options.state, active: options.active });
    if (options.reveal) await this.revealLeaf(leaf);
    return leaf;
  }

  getLeavesOfType(viewType: string): WorkspaceLeaf[] {
    return this.leaves.filter((leaf) => leaf.view.getViewType() === viewType);
  }

  getLeafById(id: string): WorkspaceLeaf | null {
    return this.leaves.find((leaf) => leaf.id === id) ?? null;
  }

  detachLeavesOfType(viewType: string): void {
    for (const leaf of this.getLeavesOfType(viewType)) leaf.detach();
  }

  iterateAllLeaves(callback: (leaf: WorkspaceLeaf) => unknown): void {
    for (const leaf of [...this.leaves]) callback(leaf);
  }

  iterateRootLeaves(callback: (leaf: WorkspaceLeaf) => unknown): void {
    for (const leaf of this.leaves.filter((l) => l.side === "main")) callback(leaf);
  }

  /** Fake-only: every leaf, main area first. */
  allLeaves(): WorkspaceLeaf[] {
    return [...this.leaves];
  }

  /** Fake-only: the leaves revealed so far, in order. */
  readonly revealed: WorkspaceLeaf[] = [];

  async revealLeaf(leaf: WorkspaceLeaf): Promise<void> {
    this.revealed.push(leaf);
  }

  async openLinkText(
    linktext: string,
    sourcePath: string,
    newLeaf?: boolean | "tab" | "split" | "window",
  ): Promise<void> {
    const path = linktext.split("#")[0];
    let file = this.app.metadataCache.getFirstLinkpathDest(path, sourcePath);
    if (!file) {
      // Obsidian creates the note when a link points nowhere.
      const parent = this.app.fileManager.getNewFileParent(sourcePath);
      const name = path.endsWith(".md") ? path : `${path}.md`;
      file = await this.app.vault.create(parent.isRoot() ? name : `${parent.path}/${name}`, "");
    }
    await this.getLeaf(newLeaf).openFile(file);
  }

  /** Reconfigures every Markdown view (editor extensions registered or removed since it opened). */
  updateOptions(): void {
    for (const leaf of this.leaves) if (leaf.view instanceof MarkdownView) void leaf.view.render();
  }

  getLastOpenFiles(): string[] {
    return [];
  }

  requestSaveLayout = (): void => {};

  override on(name: string, callback: (...data: never[]) => unknown, ctx?: unknown): EventRef {
    return super.on(name, callback as (...data: unknown[]) => unknown, ctx);
  }

  /** Fake-only, used by WorkspaceLeaf.detach. */
  removeLeaf(leaf: WorkspaceLeaf): void {
    const index = this.leaves.indexOf(leaf);
    if (index < 0) return;
    this.leaves.splice(index, 1);
    if (this.activeLeaf === leaf) {
      this.activeLeaf = this.leaves.find((l) => l.side === "main") ?? null;
      this.trigger("active-leaf-change", this.activeLeaf);
    }
    this.trigger("layout-change");
  }

  private addLeaf(side: "main" | "left" | "right"): WorkspaceLeaf {
    const leaf = new WorkspaceLeaf(this.app, side);
    this.leaves.push(leaf);
    return leaf;
  }
}
