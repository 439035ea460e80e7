// Runs inside the Chromium page: the project's Obsidian fake, a window laid out like Obsidian's (main
// pane, a 400 px right sidebar, the status bar), and the built main.js loaded as Obsidian loads it.
// The test (test/browser/views.test.ts) drives it through window.decpPage.

import * as cmState from "@codemirror/state";
import * as cmView from "@codemirror/view";
import * as obsidian from "../../fakes/obsidian";
import {
  App,
  clearNotices,
  closeAllModals,
  FileSystemAdapter,
  noticeMessages,
  openModals,
  type Plugin,
} from "../../fakes/obsidian";
import { checks } from "./checks";

type BundleFunction = (require: (id: string) => unknown, module: { exports: unknown }, exports: unknown) => void;
type PluginClass = new (app: App, manifest: obsidian.PluginManifest) => Plugin;

export interface StartOptions {
  files: Record<string, string>;
  hidden: Record<string, string>;
  data?: unknown;
  dailyNotes?: { folder: string; format: string; template: string };
  manifest: obsidian.PluginManifest;
  /** A note open in the main pane. */
  open?: string;
}

const shared: Record<string, unknown> = { obsidian, "@codemirror/state": cmState, "@codemirror/view": cmView };
let app: App | null = null;
let plugin: Plugin | null = null;
let prefix = "";

function pane(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The page has no #${id}`);
  return el;
}

/** Puts each view where Obsidian shows it: the active main leaf in the main pane, the newest right leaf in the sidebar. */
function layout(): void {
  if (!app) return;
  const leaves = app.workspace.allLeaves();
  const main =
    app.workspace.activeLeaf?.side === "main" ? app.workspace.activeLeaf : leaves.find((l) => l.side === "main");
  const right = leaves.filter((l) => l.side === "right").pop();
  pane("main-pane").replaceChildren(...(main ? [main.view.containerEl] : []));
  pane("right-pane").replaceChildren(...(right ? [right.view.containerEl] : []));
}

async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

async function start(options: StartOptions): Promise<void> {
  await stop();
  app = new App();
  app.vault.seed(options.files);
  app.metadataCache.indexNow();
  const adapter = app.vault.adapter;
  if (adapter instanceof FileSystemAdapter) throw new Error("The page's vault has no in-memory adapter");
  for (const [path, text] of Object.entries(options.hidden)) adapter.hidden.set(path, text);
  if (options.dailyNotes) app.internalPlugins.plugins["daily-notes"].instance.options = options.dailyNotes;
  pane("status-bar").replaceChildren(app.statusBarEl);
  app.statusBarEl.className = "status-bar";
  if (options.data !== undefined) app.pluginData.set(options.manifest.id, JSON.stringify(options.data));
  if (options.open) {
    const file = app.vault.getFileByPath(options.open);
    if (!file) throw new Error(`No note ${options.open} to open`);
    await app.workspace.getLeaf(false).openFile(file);
  }
  const bundle = (window as unknown as { decpMain: BundleFunction }).decpMain;
  const module: { exports: unknown } = { exports: {} };
  bundle(
    (id) => {
      if (id in shared) return shared[id];
      throw new Error(`Cannot find module '${id}' in the page`);
    },
    module,
    module.exports,
  );
  const exported = module.exports as { default?: PluginClass } & PluginClass;
  const Loaded = exported.default ?? exported;
  plugin = new Loaded(app, options.manifest);
  app.plugins.plugins[options.manifest.id] = plugin;
  app.plugins.enabledPlugins.add(options.manifest.id);
  prefix = `${options.manifest.id}:`;
  clearNotices();
  plugin.load();
  await plugin.onloadDone;
  await settle();
  layout();
}

async function stop(): Promise<void> {
  closeAllModals();
  app?.setting.close();
  for (const shell of [...document.querySelectorAll(".modal-container.mod-settings")]) shell.remove();
  if (plugin) plugin.unload();
  plugin = null;
  app = null;
  await settle();
}

function requireApp(): App {
  if (!app) throw new Error("start() the page first");
  return app;
}

/** Runs a plugin command by its short id and waits for the work it starts. */
async function run(id: string): Promise<void> {
  const ran = await requireApp().commands.executeCommandByIdAsync(prefix + id);
  if (!ran) throw new Error(`The command ${id} did not run`);
  await settle();
  layout();
}

/** Opens a note in the main pane, in Live Preview or in reading view. */
async function openFile(path: string, mode: "live" | "reading" = "live"): Promise<void> {
  const a = requireApp();
  const file = a.vault.getFileByPath(path);
  if (!file) throw new Error(`No note ${path}`);
  const leaf = a.workspace.getLeaf(false);
  await leaf.openFile(file);
  if (mode === "reading") await leaf.view.setState({ mode: "preview" }, { history: false });
  await settle();
  layout();
}

/** Opens the plugin's settings tab in a settings window. */
async function openSettings(): Promise<void> {
  const a = requireApp();
  const tab = a.setting.pluginTabs.find((t) => t.plugin === plugin);
  if (!tab) throw new Error("The plugin registered no settings tab");
  a.setting.openTab(tab);
  const shell = document.body.createDiv({ cls: "modal-container mod-settings" });
  shell.createDiv({ cls: "modal mod-settings" }).appendChild(tab.containerEl);
  await settle();
}

/** Waits until the page shows `selector` (work a click starts that nobody awaits). */
async function until(selector: string, timeoutMs = 10_000): Promise<void> {
  for (let waited = 0; layout(), !document.querySelector(selector); waited += 10) {
    if (waited > timeoutMs)
      throw new Error(
        `Nothing matched ${selector} after ${timeoutMs} ms; notices: ${JSON.stringify(noticeMessages())}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  layout();
}

/** Changes settings as the settings tab would (the plugin reads them on the next command). */
function configure(values: Record<string, unknown>): void {
  const settings = (plugin as unknown as { settings?: Record<string, unknown> } | null)?.settings;
  if (!settings) throw new Error("start() the page first");
  Object.assign(settings, values);
}

/** The status bar's text, after a click on it when asked (the click counts the active note). */
async function statusBar(click = false): Promise<string> {
  const item = requireApp().statusBarEl.querySelector<HTMLElement>(".decp-token-status");
  if (!item) throw new Error("The plugin shows nothing in the status bar");
  if (click) item.click();
  for (let i = 0; i < 200 && click && !/\d/.test(item.textContent ?? ""); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  return item.textContent ?? "";
}

export const pageApi = {
  configure,
  statusBar,
  start,
  stop,
  run,
  openFile,
  openSettings,
  until,
  settle: async () => {
    await settle();
    layout();
  },
  notices: () => noticeMessages(),
  modals: () => openModals.length,
  readNote: async (path: string) => {
    const file = requireApp().vault.getFileByPath(path);
    return file ? requireApp().vault.read(file) : null;
  },
  setTheme: (theme: "dark" | "light") => {
    document.body.className = `theme-${theme}`;
  },
};

(window as unknown as { decpPage: typeof pageApi }).decpPage = pageApi;
(window as unknown as { decpChecks: typeof checks }).decpChecks = checks;
