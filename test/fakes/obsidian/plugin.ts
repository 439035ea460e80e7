// Plugin: everything it registers (commands, views, tabs, ribbon and status bar items, processors,
// protocol handlers) lives in the App and is released on unload, as in Obsidian.

import type { App, CodeBlockProcessor } from "./app";
import type { Command } from "./commands";
import { Component } from "./events";
import { requireDom } from "./dom";
import { Platform } from "./platform";
import type { PluginSettingTab } from "./setting";
import type { ViewCreator } from "./views";

export interface PluginManifest {
  dir?: string;
  id: string;
  name: string;
  author: string;
  version: string;
  minAppVersion: string;
  description: string;
  authorUrl?: string;
  isDesktopOnly?: boolean;
}

export type ObsidianProtocolHandler = (params: Record<string, string> & { action: string }) => unknown;

export abstract class Plugin extends Component {
  app: App;
  manifest: PluginManifest;

  constructor(app: App, manifest: PluginManifest) {
    super();
    this.app = app;
    this.manifest = manifest;
  }

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- same signature as obsidian.d.ts: a plugin's onload may be async
  override onload(): Promise<void> | void {}

  /** Obsidian prefixes ids with "<plugin-id>:" and names with "<plugin name>: ", mutating the command. */
  addCommand(command: Command): Command {
    command.id = `${this.manifest.id}:${command.id}`;
    command.name = `${this.manifest.name}: ${command.name}`;
    this.app.commands.addCommand(command);
    this.register(() => this.app.commands.removeCommand(command.id));
    return command;
  }

  removeCommand(commandId: string): void {
    this.app.commands.removeCommand(`${this.manifest.id}:${commandId}`);
  }

  addRibbonIcon(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = requireDom("addRibbonIcon").createElement("div");
    el.className = "side-dock-ribbon-action";
    el.setAttribute("aria-label", title);
    el.setAttribute("data-icon", icon);
    el.addEventListener("click", (evt) => callback(evt));
    this.app.ribbonIcons.push(el);
    this.register(() => this.app.ribbonIcons.splice(this.app.ribbonIcons.indexOf(el), 1));
    return el;
  }

  /** Mobile has no status bar: the element is made but never shown (docs: "Not available on mobile"). */
  addStatusBarItem(): HTMLElement {
    const el = Platform.isMobile
      ? requireDom("addStatusBarItem").createElement("div")
      : this.app.statusBarEl.createDiv({ cls: "status-bar-item" });
    this.register(() => el.remove());
    return el;
  }

  addSettingTab(settingTab: PluginSettingTab): void {
    this.app.setting.addSettingTab(settingTab);
    this.register(() => this.app.setting.removeSettingTab(settingTab));
  }

  registerView(type: string, viewCreator: ViewCreator): void {
    if (this.app.viewRegistry.has(type)) throw new Error(`Attempting to register an existing view type "${type}"`);
    this.app.viewRegistry.set(type, viewCreator);
    this.register(() => {
      this.app.viewRegistry.delete(type);
      // Obsidian keeps the leaves but closes the plugin's views in them.
      for (const leaf of this.app.workspace.getLeavesOfType(type)) void leaf.unloadView();
    });
  }

  registerExtensions(extensions: string[], viewType: string): void {
    for (const ext of extensions) this.app.extensionViews.set(ext, viewType);
    this.register(() => {
      for (const ext of extensions) this.app.extensionViews.delete(ext);
    });
  }

  registerMarkdownCodeBlockProcessor(
    language: string,
    handler: CodeBlockProcessor,
    sortOrder?: number,
  ): CodeBlockProcessor {
    void sortOrder;
    this.app.codeBlockProcessors.set(language, handler);
    this.register(() => this.app.codeBlockProcessors.delete(language));
    return handler;
  }

  registerMarkdownPostProcessor<T>(postProcessor: T, sortOrder?: number): T {
    void sortOrder;
    this.app.postProcessors.push(postProcessor);
    this.register(() => this.app.postProcessors.splice(this.app.postProcessors.indexOf(postProcessor), 1));
    return postProcessor;
  }

  /** Applies to editors opened later and to open ones (as updateOptions does), until unload. */
  registerEditorExtension(extension: unknown): void {
    this.app.editorExtensions.push(extension);
    this.app.workspace.updateOptions();
    this.register(() => {
      this.app.editorExtensions.splice(this.app.editorExtensions.indexOf(extension), 1);
      this.app.workspace.updateOptions();
    });
  }

  registerEditorSuggest(editorSuggest: unknown): void {
    this.app.editorSuggests.push(editorSuggest);
    this.register(() => this.app.editorSuggests.splice(this.app.editorSuggests.indexOf(editorSuggest), 1));
  }

  registerHoverLinkSource(id: string, info: unknown): void {
    void id;
    void info;
  }

  registerObsidianProtocolHandler(action: string, handler: ObsidianProtocolHandler): void {
    this.app.protocolHandlers.set(action, handler);
    this.register(() => this.app.protocolHandlers.delete(action));
  }

  /** data.json as Obsidian stores it: JSON text, so what cannot round-trip through JSON is lost or throws. */
  async loadData(): Promise<unknown> {
    const text = this.app.pluginData.get(this.manifest.id);
    return text === undefined ? null : (JSON.parse(text) as unknown);
  }

  async saveData(data: unknown): Promise<void> {
    this.app.pluginData.set(this.manifest.id, JSON.stringify(data, null, 2));
  }

  onUserEnable(): void {}

  onExternalSettingsChange?(): unknown;
}
