// Events, EventRef and Component as Obsidian implements them: handlers registered through a
// Component are released on unload, so tests can prove a plugin leaves nothing behind.

export interface EventRef {
  readonly events: Events;
  readonly name: string;
  readonly callback: (...data: unknown[]) => unknown;
  readonly ctx?: unknown;
}

/** Every live handler across every Events instance; the leak check in plugin-load tests reads it. */
let liveHandlers = 0;
export function liveHandlerCount(): number {
  return liveHandlers;
}

export class Events {
  private handlers = new Map<string, EventRef[]>();

  on(name: string, callback: (...data: unknown[]) => unknown, ctx?: unknown): EventRef {
    const ref: EventRef = { events: this, name, callback, ctx };
    const list = this.handlers.get(name) ?? [];
    list.push(ref);
    this.handlers.set(name, list);
    liveHandlers++;
    return ref;
  }

  off(name: string, callback: (...data: unknown[]) => unknown): void {
    const list = this.handlers.get(name);
    if (!list) return;
    const ref = list.find((r) => r.callback === callback);
    if (ref) this.offref(ref);
  }

  offref(ref: EventRef): void {
    const list = this.handlers.get(ref.name);
    if (!list) return;
    const index = list.indexOf(ref);
    if (index < 0) return;
    list.splice(index, 1);
    liveHandlers--;
  }

  trigger(name: string, ...data: unknown[]): void {
    for (const ref of [...(this.handlers.get(name) ?? [])]) this.tryTrigger(ref, data);
  }

  tryTrigger(ref: EventRef, data: unknown[]): void {
    try {
      ref.callback.apply(ref.ctx, data);
    } catch (error) {
      // Obsidian logs a throwing handler and carries on with the others.
      console.error(error);
    }
  }

  /** Test helper: handlers registered for one event name (or all). */
  handlerCount(name?: string): number {
    if (name !== undefined) return this.handlers.get(name)?.length ?? 0;
    let total = 0;
    for (const list of this.handlers.values()) total += list.length;
    return total;
  }
}

let liveIntervals = 0;
export function liveIntervalCount(): number {
  return liveIntervals;
}

let liveDomListeners = 0;
/** DOM listeners added through registerDomEvent and not yet released. */
export function liveDomListenerCount(): number {
  return liveDomListeners;
}

export class Component {
  private loaded = false;
  private cleanups: (() => unknown)[] = [];
  private children: Component[] = [];

  load(): void {
    if (this.loaded) return;
    this.loaded = true;
    this.onloadDone = Promise.resolve(this.onload() as unknown).then(() => undefined);
    for (const child of this.children) child.load();
  }

  onload(): void {}

  /** Fake-only: settles when an async onload() (Plugin) has finished. */
  onloadDone: Promise<void> = Promise.resolve();

  unload(): void {
    if (!this.loaded) return;
    this.loaded = false;
    for (const child of [...this.children].reverse()) child.unload();
    this.children = [];
    const cleanups = this.cleanups.reverse();
    this.cleanups = [];
    for (const cleanup of cleanups) cleanup();
    this.onunload();
  }

  onunload(): void {}

  addChild<T extends Component>(component: T): T {
    this.children.push(component);
    if (this.loaded) component.load();
    return component;
  }

  removeChild<T extends Component>(component: T): T {
    const index = this.children.indexOf(component);
    if (index >= 0) {
      this.children.splice(index, 1);
      component.unload();
    }
    return component;
  }

  register(cb: () => unknown): void {
    this.cleanups.push(cb);
  }

  registerEvent(ref: EventRef): void {
    this.register(() => ref.events.offref(ref));
  }

  registerDomEvent(
    el: EventTarget,
    type: string,
    callback: (this: HTMLElement, ev: Event) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void {
    const listener: EventListener = callback;
    el.addEventListener(type, listener, options);
    liveDomListeners++;
    this.register(() => {
      el.removeEventListener(type, listener, options);
      liveDomListeners--;
    });
  }

  registerInterval(id: number): number {
    liveIntervals++;
    this.register(() => {
      clearInterval(id);
      liveIntervals--;
    });
    return id;
  }

  /** Test helper: true between load() and unload(). */
  get isLoaded(): boolean {
    return this.loaded;
  }
}
