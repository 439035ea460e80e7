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

export function installClipboard(): void {
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
}
