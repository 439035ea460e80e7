// Test harness over the Obsidian fake: build an App with notes and daily-notes settings, then load
// the BUILT main.js into it (its require("obsidian") is routed to the fake by jest) and drive it.

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as obsidian from "./obsidian";
import {
  App,
  clearNotices,
  closeAllModals,
  FileSystemAdapter,
  MarkdownView,
  noticeMessages,
  type DailyNotesOptions,
  type Plugin,
  type PluginManifest,
  type PluginSettingTab,
} from "./obsidian";
import type { App as ObsidianApp } from "obsidian";

const root = join(__dirname, "..", "..");

export interface PeriodicDailyOptions {
  enabled: boolean;
  folder?: string;
  format?: string;
  template?: string;
}

export interface AppOptions {
  /** Vault-relative path -> text; parent folders are created. */
  files?: Record<string, string>;
  /** Core Daily notes options; `enabled: false` turns the core plugin off. */
  dailyNotes?: DailyNotesOptions & { enabled?: boolean };
  /** Community Periodic Notes plugin, enabled with these daily settings when given. */
  periodicNotes?: { daily: PeriodicDailyOptions };
  /** Secrets already stored in app.secretStorage. */
  secrets?: Record<string, string>;
  /** Files outside the vault index (".decp/settings.json"), readable through vault.adapter. */
  hiddenFiles?: Record<string, string>;
  /**
   * The desktop app on a real folder: the vault's adapter becomes a FileSystemAdapter there and
   * window.require gives Node's modules, as Electron does (notes still live in the fake Vault).
   */
  basePath?: string;
  /**
   * false: the vault is still indexing when the plugin loads (getFileCache null for every seeded
   * note until the metadata cache catches up a macrotask later). Default true: a warm cache.
   */
  indexed?: boolean;
}

export function createApp(options: AppOptions = {}): App {
  const app = new App();
  if (options.basePath !== undefined) {
    app.vault.adapter = new FileSystemAdapter(options.basePath);
    const host = globalThis as unknown as { window?: Record<string, unknown> };
    host.window ??= globalThis as unknown as Record<string, unknown>;
    host.window.require ??= require;
  }
  app.vault.seed(options.files ?? {});
  if (options.indexed !== false) app.metadataCache.indexNow();
  const daily = app.internalPlugins.plugins["daily-notes"];
  if (options.dailyNotes) {
    const { enabled, ...settings } = options.dailyNotes;
    daily.enabled = enabled ?? true;
    daily.instance.options = settings;
  }
  if (options.periodicNotes) {
    app.plugins.plugins["periodic-notes"] = { settings: { daily: options.periodicNotes.daily } };
    app.plugins.enabledPlugins.add("periodic-notes");
  }
  for (const [id, secret] of Object.entries(options.secrets ?? {})) app.secretStorage.setSecret(id, secret);
  for (const [path, text] of Object.entries(options.hiddenFiles ?? {})) {
    const adapter = app.vault.adapter;
    if (!(adapter instanceof FileSystemAdapter)) adapter.hidden.set(path, text);
    else {
      mkdirSync(dirname(join(adapter.getBasePath(), path)), { recursive: true });
      writeFileSync(join(adapter.getBasePath(), path), text);
    }
  }
  return app;
}

/** A file outside the vault index (".decp/..."), as the plugin wrote it through vault.adapter; undefined when absent. */
export function hiddenFile(app: App, path: string): string | undefined {
  const adapter = app.vault.adapter;
  if (!(adapter instanceof FileSystemAdapter)) return adapter.hidden.get(path);
  const file = join(adapter.getBasePath(), path);
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/** The fake App where plugin code expects Obsidian's (the fake implements the part we use). */
export function asObsidianApp(app: App): ObsidianApp {
  return app as unknown as ObsidianApp;
}

// Captured before any test installs fake timers, so settle() also works under jest.useFakeTimers().
const realSetTimeout = globalThis.setTimeout;

/**
 * Lets queued async work (promise chains, zero-delay timers) run to completion. Under fake timers it
 * lets promise chains run; advance the fake clock (jest.advanceTimersByTimeAsync) for the timers.
 */
export async function settle(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => realSetTimeout(resolve, 0));
}

/**
 * Waits until `check` passes (returns anything but false, without throwing), letting queued and real
 * async work run; throws the last failure after `timeoutMs`. For work a command starts and Obsidian
 * does not await (checkCallback commands, clicks).
 */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  // Counted in polls, not read from the clock: fake timers fake Date.now too.
  for (let polls = Math.ceil(timeoutMs / 5); ; polls--) {
    try {
      const result = await check();
      if (result !== false) return result;
      if (polls <= 0) throw new Error("waitFor: the condition stayed false");
    } catch (error) {
      if (polls <= 0) throw error;
    }
    await new Promise((resolve) => realSetTimeout(resolve, 5));
  }
}

export function readManifest(): PluginManifest {
  return JSON.parse(readFileSync(join(root, "manifest.json"), "utf8")) as PluginManifest;
}

export interface LoadedPlugin<P extends Plugin = Plugin> {
  plugin: P;
  manifest: PluginManifest;
  /** Full command ids ("<plugin-id>:<id>"), sorted. */
  commands(): string[];
  /** Runs a command by full or short id, awaiting its async work; editor commands get a scratch note's editor. */
  run(id: string): Promise<boolean>;
  /** Messages of every Notice shown since the plugin loaded (or the last clearNotices). */
  notices(): string[];
  /** Opens the plugin's settings tab (display()) and returns it. */
  openSettings(): PluginSettingTab;
  /** What saveData wrote last, parsed. */
  savedData(): unknown;
  unload(): Promise<void>;
}

type PluginClass<P> = new (app: App, manifest: PluginManifest) => P;

const NODE_MODULES = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), "electron"]);

type BundleFunction = (require: (id: string) => unknown, module: { exports: unknown }, exports: unknown) => void;

/** main.js wrapped as a function of (require, module, exports), in a temp file of its own (once per build). */
function bundleFunction(): BundleFunction {
  const source = join(root, "main.js");
  const wrapper = join(tmpdir(), `decp-main-${statSync(source).mtimeMs}.cjs`);
  if (!existsSync(wrapper))
    writeFileSync(
      wrapper,
      `module.exports = function (require, module, exports) {\n${readFileSync(source, "utf8")}\n};\n`,
    );
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the wrapped bundle, see above
  return require(wrapper) as BundleFunction;
}

/**
 * Evaluates main.js the way Obsidian does: a fresh module each load, whose require gives the app's
 * `obsidian` (here the fake) and CodeMirror, and Node modules only in the desktop app: on mobile a
 * plugin's require("http") throws, as it does in Obsidian mobile.
 */
function evaluateBundle<P>(): PluginClass<P> {
  const module: { exports: unknown } = { exports: {} };
  const pluginRequire = (id: string): unknown => {
    if (id === "obsidian") return obsidian;
    if (NODE_MODULES.has(id) && !obsidian.Platform.isDesktopApp) throw new Error(`Cannot find module '${id}'`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- Node and CodeMirror, shared with the fake
    return require(id) as unknown;
  };
  bundleFunction()(pluginRequire, module, module.exports);
  const exported = module.exports as { default?: PluginClass<P> } & PluginClass<P>;
  return exported.default ?? exported;
}

export async function loadBuiltPlugin<P extends Plugin = Plugin>(
  app: App,
  options: { data?: unknown } = {},
): Promise<LoadedPlugin<P>> {
  const manifest = readManifest();
  if (options.data !== undefined) app.pluginData.set(manifest.id, JSON.stringify(options.data));
  const PluginClass = evaluateBundle<P>();
  const plugin = new PluginClass(app, manifest);
  clearNotices();
  app.plugins.plugins[manifest.id] = plugin;
  app.plugins.enabledPlugins.add(manifest.id);
  plugin.load();
  await plugin.onloadDone;
  await settle();
  const prefix = `${manifest.id}:`;
  const fullId = (id: string): string => (id.startsWith(prefix) ? id : `${prefix}${id}`);

  return {
    plugin,
    manifest,
    commands: () =>
      app.commands
        .listCommands()
        .map((c) => c.id)
        .filter((id) => id.startsWith(prefix))
        .sort(),
    async run(id) {
      const command = app.commands.findCommand(fullId(id));
      if (!command)
        throw new Error(
          `No command "${fullId(id)}"; have ${app.commands
            .listCommands()
            .map((c) => c.id)
            .join(", ")}`,
        );
      if ((command.editorCallback || command.editorCheckCallback) && !app.workspace.getActiveViewOfType(MarkdownView)) {
        const scratch = app.vault.getFileByPath("Scratch.md") ?? (await app.vault.create("Scratch.md", ""));
        await app.workspace.setActiveFile(scratch);
      }
      const ran = await app.commands.executeCommandByIdAsync(command.id);
      await settle();
      return ran;
    },
    notices: () => noticeMessages(),
    openSettings() {
      const tab = app.setting.pluginTabs.find((t) => t.plugin === plugin);
      if (!tab) throw new Error("The plugin registered no settings tab");
      app.setting.openTab(tab);
      return tab;
    },
    savedData() {
      const text = app.pluginData.get(manifest.id);
      return text === undefined ? undefined : (JSON.parse(text) as unknown);
    },
    async unload() {
      closeAllModals();
      app.setting.close();
      plugin.unload();
      app.plugins.enabledPlugins.delete(manifest.id);
      delete app.plugins.plugins[manifest.id];
      await settle();
    },
  };
}
