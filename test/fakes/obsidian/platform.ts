// Small Obsidian utilities: Platform (switchable), debounce, icons, YAML as the app writes it,
// MarkdownRenderer (plain text), fuzzy search and the recorded clipboard.

import { webcrypto } from "node:crypto";
import { TextDecoder, TextEncoder } from "node:util";
import { parse, stringify } from "yaml";
import { Component } from "./events";
import { fuzzyMatch, type SearchResult } from "./modals";

export const Platform = {
  isDesktop: true,
  isMobile: false,
  isDesktopApp: true,
  isMobileApp: false,
  isIosApp: false,
  isAndroidApp: false,
  isPhone: false,
  isTablet: false,
  isMacOS: false,
  isWin: false,
  isLinux: true,
  isSafari: false,
  resourcePathPrefix: "app://local/",
};

/** Fake-only: switch to mobile (or back); returns a function restoring the previous values. */
export function setPlatform(values: Partial<typeof Platform>): () => void {
  const before = { ...Platform };
  Object.assign(Platform, values);
  return () => Object.assign(Platform, before);
}

/**
 * Fake-only: the mobile app (a phone; `ios` for the iPhone app). What changes, as in Obsidian
 * mobile: no desktop UI (addStatusBarItem gives an element nobody sees), no Electron or Node (a
 * plugin's require of a Node module throws, window.require is gone), and on iOS WebKit refuses a
 * clipboard write that does not come from a user gesture. Returns a function that restores desktop.
 */
export function emulateMobile(options: { ios?: boolean } = {}): () => void {
  return setPlatform({
    isDesktop: false,
    isMobile: true,
    isDesktopApp: false,
    isMobileApp: true,
    isIosApp: options.ios === true,
    isAndroidApp: options.ios !== true,
    isPhone: true,
    isTablet: false,
    isMacOS: false,
    isWin: false,
    isLinux: false,
    isSafari: options.ios === true,
    resourcePathPrefix: "capacitor://localhost/_capacitor_file_",
  });
}

/** The Obsidian version the fake plays: the plugin's minAppVersion unless a test calls setApiVersion. */
export let apiVersion = "1.11.4";

/** Fake-only: play another Obsidian version ("1.13.1" renders settings from their definitions); returns a restore function. */
export function setApiVersion(version: string): () => void {
  const before = apiVersion;
  apiVersion = version;
  return () => (apiVersion = before);
}

export function requireApiVersion(version: string): boolean {
  const have = apiVersion.split(".").map(Number);
  const want = version.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((have[i] ?? 0) !== (want[i] ?? 0)) return (have[i] ?? 0) > (want[i] ?? 0);
  return true;
}

let gestures = 0;

/**
 * Fake-only: runs `fn` as the handler of a user gesture (a click, a key press, a command picked in
 * the palette). Only its synchronous part counts, as with WebKit's transient activation: work
 * awaited after it runs without the gesture.
 */
export function withUserGesture<T>(fn: () => T): T {
  gestures++;
  try {
    return fn();
  } finally {
    gestures--;
  }
}

function refuseWithoutGesture(): void {
  if (Platform.isIosApp && gestures === 0)
    throw new DOMException(
      "The request is not allowed by the user agent or the platform in the current context.",
      "NotAllowedError",
    );
}

export interface Debouncer<T extends unknown[], V> {
  (...args: T): this;
  cancel(): this;
  run(): V | void;
}

export function debounce<T extends unknown[], V>(
  cb: (...args: T) => V,
  timeout = 0,
  resetTimer = false,
): Debouncer<T, V> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: T | null = null;
  const fire = (): V | void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending) return;
    const args = pending;
    pending = null;
    return cb(...args);
  };
  const debounced = function (this: unknown, ...args: T) {
    pending = args;
    if (timer && resetTimer) clearTimeout(timer);
    if (!timer || resetTimer) timer = setTimeout(fire, timeout);
    return debounced;
  } as Debouncer<T, V>;
  debounced.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
    return debounced;
  };
  debounced.run = fire;
  return debounced;
}

const icons = new Map<string, string>();

export function addIcon(iconId: string, svgContent: string): void {
  icons.set(iconId, svgContent);
}

export function setIcon(parent: HTMLElement, iconId: string): void {
  parent.empty();
  parent.setAttr("data-icon", iconId);
  parent.createSpan({ cls: ["svg-icon", iconId] });
}

export function getIcon(iconId: string): SVGSVGElement | null {
  if (!icons.has(iconId) && iconId === "") return null;
  return typeof document === "undefined" ? null : document.createElementNS("http://www.w3.org/2000/svg", "svg");
}

export function getIconIds(): string[] {
  return [...icons.keys()];
}

/** YAML 1.2 core schema: dates and timestamps stay strings, as Obsidian's properties read them. Throws YAMLParseError. */
export function parseYaml(yaml: string): unknown {
  return parse(yaml, { schema: "core" }) as unknown;
}

/** The app's serialiser: block collections, plain scalars unless a quote is needed (then double), no folding. */
export function stringifyYaml(obj: unknown): string {
  return stringify(obj, {
    schema: "core",
    lineWidth: 0,
    defaultStringType: "PLAIN",
    defaultKeyType: "PLAIN",
  });
}

export class MarkdownRenderChild extends Component {
  containerEl: HTMLElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.containerEl = containerEl;
  }
}

export class MarkdownRenderer {
  /** Renders paragraphs as plain text (no Markdown parsing): enough to assert what a view shows. */
  static async render(
    app: unknown,
    markdown: string,
    el: HTMLElement,
    sourcePath: string,
    component: Component,
  ): Promise<void> {
    void app;
    void sourcePath;
    void component;
    for (const paragraph of markdown.split(/\n{2,}/))
      if (paragraph.trim() !== "") el.createEl("p", { text: paragraph });
  }
}

export function prepareFuzzySearch(query: string): (text: string) => SearchResult | null {
  return (text) => fuzzyMatch(query, text);
}

export function prepareSimpleSearch(query: string): (text: string) => SearchResult | null {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== "");
  return (text) => {
    const lower = text.toLowerCase();
    const matches: [number, number][] = [];
    for (const word of words) {
      const at = lower.indexOf(word);
      if (at < 0) return null;
      matches.push([at, at + word.length]);
    }
    return { score: 0, matches };
  };
}

/** What plugin code wrote to / read from navigator.clipboard, newest last. */
export const clipboard = {
  text: "",
  writes: [] as string[],
  async writeText(text: string): Promise<void> {
    refuseWithoutGesture();
    clipboard.text = text;
    clipboard.writes.push(text);
  },
  /** Checked when called (inside the gesture); the items' content may arrive later, as WebKit allows. */
  async write(items: ClipboardItemStandIn[]): Promise<void> {
    refuseWithoutGesture();
    const item = items.find((i) => i.types.includes("text/plain"));
    if (!item) return;
    const text = await blobText(await item.getType("text/plain"));
    clipboard.text = text;
    clipboard.writes.push(text);
  },
  async readText(): Promise<string> {
    return clipboard.text;
  },
  clear(): void {
    clipboard.text = "";
    clipboard.writes.length = 0;
  },
};

type ClipboardData = string | Blob | PromiseLike<string | Blob>;

/** The browser's ClipboardItem where the environment lacks one (jsdom): types and getType. */
class ClipboardItemStandIn {
  readonly types: string[];
  constructor(private readonly items: Record<string, ClipboardData>) {
    this.types = Object.keys(items);
  }
  async getType(type: string): Promise<Blob> {
    const data = await this.items[type];
    return typeof data === "string" ? new Blob([data], { type }) : data;
  }
}

async function blobText(blob: Blob): Promise<string> {
  if (typeof blob.text === "function") return blob.text();
  // jsdom's Blob has no text(): read it as the browser's FileReader would.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : "");
    reader.onerror = () => reject(reader.error ?? new Error("The clipboard item could not be read"));
    reader.readAsText(blob);
  });
}

export function installClipboard(): void {
  const g0 = globalThis as Record<string, unknown>;
  g0.ClipboardItem ??= ClipboardItemStandIn;
  const g = globalThis as { navigator?: object };
  if (!g.navigator) Object.defineProperty(globalThis, "navigator", { value: {}, configurable: true, writable: true });
  Object.defineProperty(g.navigator, "clipboard", { value: clipboard, configurable: true });
}

/** Obsidian runs in Electron, which has these; jest's jsdom environment lacks some of them. */
export function installRuntimeGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  g.TextEncoder ??= TextEncoder;
  g.TextDecoder ??= TextDecoder;
  g.structuredClone ??= (value: unknown): unknown =>
    value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
  g.crypto ??= webcrypto;
  // The desktop app exposes Electron's require on window; the mobile app has none.
  if (typeof window !== "undefined")
    Object.defineProperty(window, "require", {
      configurable: true,
      get: () => (Platform.isDesktopApp ? require : undefined),
    });
}
