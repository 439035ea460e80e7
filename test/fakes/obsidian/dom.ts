// Obsidian's DOM extensions (createEl, createDiv, empty, setText, addClass, ...) installed on the
// jsdom prototypes when a DOM exists; views, modals and settings need `@jest-environment jsdom`.

import { withUserGesture } from "./platform";

export interface DomElementInfo {
  cls?: string | string[];
  text?: string | DocumentFragment;
  attr?: Record<string, string | number | boolean | null>;
  title?: string;
  value?: string;
  type?: string;
  placeholder?: string;
  href?: string;
  parent?: Node;
  prepend?: boolean;
}

type ElCallback<T> = ((el: T) => void) | undefined;

export function hasDom(): boolean {
  return typeof document !== "undefined" && typeof HTMLElement !== "undefined";
}

export function requireDom(what: string): Document {
  if (!hasDom())
    throw new Error(`${what} needs a DOM: add "/** @jest-environment jsdom */" at the top of the test file`);
  return document;
}

function classes(cls: string | string[] | undefined): string[] {
  if (!cls) return [];
  return (Array.isArray(cls) ? cls : cls.split(" ")).filter((c) => c !== "");
}

function applyInfo(el: HTMLElement, info: DomElementInfo | string | undefined): void {
  if (info === undefined) return;
  const o: DomElementInfo = typeof info === "string" ? { cls: info } : info;
  el.classList.add(...classes(o.cls));
  if (o.text !== undefined) {
    if (typeof o.text === "string") el.textContent = o.text;
    else el.appendChild(o.text);
  }
  for (const [key, value] of Object.entries(o.attr ?? {})) {
    if (value === null || value === false) el.removeAttribute(key);
    else el.setAttribute(key, String(value));
  }
  if (o.title !== undefined) el.title = o.title;
  if (o.value !== undefined) (el as HTMLInputElement).value = o.value;
  if (o.type !== undefined) (el as HTMLInputElement).type = o.type;
  if (o.placeholder !== undefined) (el as HTMLInputElement).placeholder = o.placeholder;
  if (o.href !== undefined) (el as HTMLAnchorElement).href = o.href;
}

export function createEl<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  info?: DomElementInfo | string,
  callback?: ElCallback<HTMLElementTagNameMap[K]>,
): HTMLElementTagNameMap[K] {
  const el = requireDom("createEl").createElement(tag);
  applyInfo(el, info);
  const o = typeof info === "object" ? info : undefined;
  if (o?.parent) {
    if (o.prepend) o.parent.insertBefore(el, o.parent.firstChild);
    else o.parent.appendChild(el);
  }
  callback?.(el);
  return el;
}

let installed = false;

/** Idempotent; called when the fake module loads. */
export function installDomHelpers(): void {
  if (installed || !hasDom()) return;
  installed = true;
  const g = globalThis as Record<string, unknown>;
  const proto = Node.prototype as unknown as Record<string, unknown>;
  const elProto = HTMLElement.prototype as unknown as Record<string, unknown>;
  const make = function (
    this: Node,
    tag: keyof HTMLElementTagNameMap,
    info?: DomElementInfo | string,
    callback?: ElCallback<HTMLElement>,
  ): HTMLElement {
    const o: DomElementInfo = typeof info === "string" ? { cls: info } : { ...(info ?? {}) };
    return createEl(tag, { ...o, parent: this }, callback);
  };
  proto.createEl = make;
  proto.createDiv = function (this: Node, info?: DomElementInfo | string, cb?: ElCallback<HTMLElement>) {
    return make.call(this, "div", info, cb);
  };
  proto.createSpan = function (this: Node, info?: DomElementInfo | string, cb?: ElCallback<HTMLElement>) {
    return make.call(this, "span", info, cb);
  };
  proto.empty = function (this: Node) {
    while (this.firstChild) this.removeChild(this.firstChild);
  };
  proto.setText = function (this: Node, text: string | DocumentFragment) {
    (this as unknown as { empty(): void }).empty();
    if (typeof text === "string") this.textContent = text;
    else this.appendChild(text);
  };
  proto.appendText = function (this: Node, text: string) {
    this.appendChild(document.createTextNode(text));
  };
  proto.instanceOf = function (this: Node, type: new () => unknown) {
    return this instanceof type;
  };
  proto.detach = function (this: Node) {
    this.parentNode?.removeChild(this);
  };
  elProto.addClass = function (this: HTMLElement, ...cls: string[]) {
    this.classList.add(...cls.flatMap(classes));
  };
  elProto.addClasses = function (this: HTMLElement, cls: string[]) {
    this.classList.add(...cls);
  };
  elProto.removeClass = function (this: HTMLElement, ...cls: string[]) {
    this.classList.remove(...cls.flatMap(classes));
  };
  elProto.toggleClass = function (this: HTMLElement, cls: string | string[], value: boolean) {
    for (const c of classes(cls)) this.classList.toggle(c, value);
  };
  elProto.hasClass = function (this: HTMLElement, cls: string) {
    return this.classList.contains(cls);
  };
  elProto.setAttr = function (this: HTMLElement, name: string, value: string | number | boolean | null) {
    if (value === null) this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  };
  elProto.setAttrs = function (this: HTMLElement, attrs: Record<string, string | number | boolean | null>) {
    for (const [k, v] of Object.entries(attrs))
      (this as unknown as { setAttr(k: string, v: unknown): void }).setAttr(k, v);
  };
  elProto.getAttr = function (this: HTMLElement, name: string) {
    return this.getAttribute(name);
  };
  elProto.onClickEvent = function (
    this: HTMLElement,
    listener: (ev: MouseEvent) => unknown,
    options?: boolean | AddEventListenerOptions,
  ) {
    this.addEventListener("click", listener as EventListener, options);
    this.addEventListener("auxclick", listener as EventListener, options);
  };
  elProto.show = function (this: HTMLElement) {
    this.hidden = false;
  };
  elProto.hide = function (this: HTMLElement) {
    this.hidden = true;
  };
  elProto.isShown = function (this: HTMLElement) {
    return !this.hidden;
  };
  elProto.setCssProps = function (this: HTMLElement, props: Record<string, string>) {
    for (const [name, value] of Object.entries(props)) this.style.setProperty(name, value);
  };
  // A click from a test is a user gesture, as a real one is (WebKit's clipboard checks for it).
  const nativeClick = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "click")?.value as (
    this: HTMLElement,
  ) => void;
  elProto.click = function (this: HTMLElement) {
    withUserGesture(() => nativeClick.call(this));
  };
  g.createEl = (tag: keyof HTMLElementTagNameMap, info?: DomElementInfo | string, cb?: ElCallback<HTMLElement>) =>
    createEl(tag, info, cb);
  g.createDiv = (info?: DomElementInfo | string, cb?: ElCallback<HTMLElement>) => createEl("div", info, cb);
  g.createSpan = (info?: DomElementInfo | string, cb?: ElCallback<HTMLElement>) => createEl("span", info, cb);
  g.createFragment = (cb?: (el: DocumentFragment) => void) => {
    const fragment = document.createDocumentFragment();
    cb?.(fragment);
    return fragment;
  };
  g.activeDocument = document;
  g.activeWindow = window;
}
