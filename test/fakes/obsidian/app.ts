// The App: vault, metadata cache, file manager, workspace and secret storage wired together, plus
// the private registries plugins use (commands, internal and community plugins) and fake-only
// records for tests (plugin data, views, processors, ribbon, status bar, clipboard).

import { CommandRegistry } from "./commands";
import { hasDom } from "./dom";
import { Events } from "./events";
import { FileManager } from "./file-manager";
import { MetadataCache } from "./metadata-cache";
import { requireApiVersion } from "./platform";
import type { PluginSettingTab } from "./setting";
import { renderSettingDefinitions, searchEntries } from "./setting-definitions";
import { Keymap, Scope } from "./suggest";
import { Vault } from "./vault";
import type { ViewCreator, View, WorkspaceLeaf } from "./views";
import { Workspace } from "./workspace";

export class SecretStorage extends Events {
  private readonly secrets = new Map<string, string>();

  setSecret(id: string, secret: string): void {
    // Obsidian secret ids are lowercase letters, digits and dashes.
    if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`Invalid secret id "${id}"`);
    this.secrets.set(id, secret);
    this.trigger("changed", id);
  }

  getSecret(id: string): string | null {
    return this.secrets.get(id) ?? null;
  }

  listSecrets(): string[] {
    return [...this.secrets.keys()].sort();
  }
}

export interface MarkdownSectionInformation {
  text: string;
  lineStart: number;
  lineEnd: number;
}

export interface MarkdownPostProcessorContext {
  docId: string;
  sourcePath: string;
  frontmatter: unknown;
  addChild(child: { load(): void; unload(): void }): void;
  /** The section an element renders (reading view); null for other elements and outside reading view. */
  getSectionInfo(el: HTMLElement): MarkdownSectionInformation | null;
}

export type CodeBlockProcessor = (
  source: string,
  el: HTMLElement,
  ctx: MarkdownPostProcessorContext,
) => Promise<unknown> | void;

export interface DailyNotesOptions {
  folder?: string;
  format?: string;
  template?: string;
}

export interface InternalPlugin {
  enabled: boolean;
  instance: { options: DailyNotesOptions };
}

export class SettingRegistry {
  pluginTabs: PluginSettingTab[] = [];
  activeTab: PluginSettingTab | null = null;
  private readonly searchIndex = new Map<PluginSettingTab, { name: string; text: string }[]>();

  /** From 1.13 the app reads a tab's definitions once, when it is registered, to index settings search. */
  addSettingTab(tab: PluginSettingTab): void {
    this.pluginTabs.push(tab);
    if (requireApiVersion("1.13.0")) this.searchIndex.set(tab, searchEntries(tab.getSettingDefinitions() as never));
  }

  removeSettingTab(tab: PluginSettingTab): void {
    this.pluginTabs.splice(this.pluginTabs.indexOf(tab), 1);
    this.searchIndex.delete(tab);
    if (this.activeTab === tab) this.close();
  }

  /**
   * Fake-only: opens a plugin's tab like clicking it in Settings. From 1.13 the app renders the
   * tab's definitions itself and never calls display(); before, or with no definitions, display().
   */
  openTab(tab: PluginSettingTab): void {
    this.close();
    this.activeTab = tab;
    const definitions = requireApiVersion("1.13.0") ? tab.getSettingDefinitions() : [];
    if (definitions.length > 0) renderSettingDefinitions(tab, definitions as never);
    else tab.display();
  }

  /** Fake-only: settings search (1.13+): the names of indexed rows whose name, description, group or aliases hold every word. */
  search(query: string): string[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return [...this.searchIndex.values()]
      .flat()
      .filter((entry) => words.every((word) => entry.text.includes(word)))
      .map((entry) => entry.name);
  }

  open(): void {}

  close(): void {
    this.activeTab?.hide();
    this.activeTab = null;
  }
}

export class App {
  vault = new Vault();
  metadataCache = new MetadataCache(this.vault);
  fileManager = new FileManager(this.vault, this.metadataCache);
  workspace: Workspace = new Workspace(this);
  secretStorage = new SecretStorage();
  commands = new CommandRegistry(this);
  setting = new SettingRegistry();
  keymap = new Keymap();
  scope = new Scope();
  lastEvent: UIEvent | null = null;
  internalPlugins = {
    plugins: {} as Record<string, InternalPlugin>,
    getPluginById: (id: string): InternalPlugin | null => this.internalPlugins.plugins[id] ?? null,
    getEnabledPluginById: (id: string): InternalPlugin["instance"] | null => {
      const plugin = this.internalPlugins.plugins[id];
      return plugin?.enabled ? plugin.instance : null;
    },
  };
  plugins = {
    plugins: {} as Record<string, unknown>,
    enabledPlugins: new Set<string>(),
    manifests: {} as Record<string, unknown>,
    getPlugin: (id: string): unknown =>
      this.plugins.enabledPlugins.has(id) ? (this.plugins.plugins[id] ?? null) : null,
  };

  // Fake-only records.
  readonly pluginData = new Map<string, string>();
  readonly viewRegistry = new Map<string, ViewCreator>();
  readonly extensionViews = new Map<string, string>();
  readonly codeBlockProcessors = new Map<string, CodeBlockProcessor>();
  readonly postProcessors: unknown[] = [];
  readonly editorExtensions: unknown[] = [];
  readonly editorSuggests: unknown[] = [];
  readonly protocolHandlers = new Map<string, (params: Record<string, string> & { action: string }) => unknown>();
  readonly ribbonIcons: HTMLElement[] = [];
  readonly statusBarEl: HTMLElement;

  constructor() {
    this.statusBarEl = (
      hasDom()
        ? document.createElement("div")
        : {
            createDiv: () => {
              throw new Error("addStatusBarItem needs a DOM: use @jest-environment jsdom");
            },
          }
    ) as HTMLElement;
    this.internalPlugins.plugins["daily-notes"] = { enabled: true, instance: { options: {} } };
  }

  isDarkMode(): boolean {
    return false;
  }

  loadLocalStorage(key: string): unknown {
    return this.localStorage.get(key) ?? null;
  }

  saveLocalStorage(key: string, data: unknown): void {
    if (data === null || data === undefined) this.localStorage.delete(key);
    else this.localStorage.set(key, data);
  }

  private readonly localStorage = new Map<string, unknown>();

  /** Used by WorkspaceLeaf.setViewState: builds a registered plugin view. */
  createRegisteredView(type: string, leaf: WorkspaceLeaf): View | null {
    const creator = this.viewRegistry.get(type);
    return creator ? creator(leaf) : null;
  }

  /** Fake-only: renders a ```language code block with the registered processor; resolves to its element. */
  async renderCodeBlock(language: string, source: string, sourcePath = ""): Promise<HTMLElement> {
    const processor = this.codeBlockProcessors.get(language);
    if (!processor) throw new Error(`No code block processor for "${language}"`);
    const el = document.createElement("div");
    const children: { load(): void; unload(): void }[] = [];
    const file = this.vault.getFileByPath(sourcePath);
    await processor(source, el, {
      docId: "test",
      sourcePath,
      frontmatter: file ? this.metadataCache.getFileCache(file)?.frontmatter : undefined,
      addChild: (child) => {
        children.push(child);
        child.load();
      },
      getSectionInfo: () => null,
    });
    return el;
  }

  /** Fake-only: opens obsidian://<action>?params through the registered handler. */
  async openProtocolUrl(action: string, params: Record<string, string> = {}): Promise<void> {
    const handler = this.protocolHandlers.get(action);
    if (!handler) throw new Error(`No protocol handler for "${action}"`);
    await handler({ ...params, action });
  }

  /** Fake-only: handlers registered on the app's event emitters (the unload leak check reads it). */
  eventHandlerCount(): number {
    return [this.vault, this.metadataCache, this.workspace, this.secretStorage].reduce(
      (sum, events) => sum + events.handlerCount(),
      0,
    );
  }
}
