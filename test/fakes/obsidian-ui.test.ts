/** @jest-environment jsdom */
// The fake's plugin-facing behaviour: Component cleanup, Plugin registries, views and leaves,
// modals, settings, notices, editor commands, requestUrl and data.json.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  AbstractInputSuggest,
  Component,
  EditorSuggest,
  liveDomListenerCount,
  type Editor,
  type EditorPosition,
  type EditorSuggestTriggerInfo,
  App,
  FuzzySuggestModal,
  ItemView,
  liveIntervalCount,
  MarkdownView,
  Menu,
  Modal,
  Notice,
  noticeMessages,
  clearNotices,
  Plugin,
  PluginSettingTab,
  requestUrl,
  Setting,
  findSetting,
  TextComponent,
  ToggleComponent,
  DropdownComponent,
  type WorkspaceLeaf,
  clipboard,
  TFile,
} from "./obsidian";
import { createApp, settle } from "./obsidian-harness";

const manifest = {
  id: "test-plugin",
  name: "Test plugin",
  author: "me",
  version: "1.0.0",
  minAppVersion: "1.11.4",
  description: "",
};

class CounterView extends ItemView {
  static opened = 0;
  static closed = 0;
  getViewType(): string {
    return "counter";
  }
  getDisplayText(): string {
    return "Counter";
  }
  protected override async onOpen(): Promise<void> {
    CounterView.opened++;
    this.contentEl.createEl("p", { text: "Hello" });
    this.registerEvent(this.app.vault.on("modify", () => undefined));
  }
  protected override async onClose(): Promise<void> {
    CounterView.closed++;
  }
}

class TestPlugin extends Plugin {
  override async onload(): Promise<void> {
    this.registerEvent(this.app.vault.on("create", () => undefined));
    this.registerEvent(
      this.app.workspace.on("file-menu", (menu: Menu, file: TFile) =>
        menu.addItem((item) => item.setTitle(`Open ${file.basename}`)),
      ),
    );
    this.registerInterval(window.setInterval(() => undefined, 100000));
    this.registerView("counter", (leaf) => new CounterView(leaf));
    this.addCommand({ id: "say", name: "Say hello", callback: () => new Notice("Hello") });
    this.addCommand({
      id: "upper",
      name: "Uppercase selection",
      editorCallback: (editor) => editor.replaceSelection(editor.getSelection().toUpperCase()),
    });
    this.addCommand({
      id: "never",
      name: "Never available",
      checkCallback: (checking) => (checking ? false : undefined),
    });
  }
}

async function loadTestPlugin(app: App): Promise<TestPlugin> {
  const plugin = new TestPlugin(app, { ...manifest });
  plugin.load();
  await plugin.onloadDone;
  return plugin;
}

beforeEach(() => clearNotices());

describe("Plugin and Component", () => {
  it("prefixes command ids, honours checkCallback and editor commands", async () => {
    const app = createApp({ files: { "n.md": "make this loud" } });
    await loadTestPlugin(app);
    expect(
      app.commands
        .listCommands()
        .map((c) => c.id)
        .sort(),
    ).toEqual(["test-plugin:never", "test-plugin:say", "test-plugin:upper"]);
    expect(app.commands.executeCommandById("test-plugin:say")).toBe(true);
    expect(noticeMessages()).toEqual(["Hello"]);
    expect(app.commands.executeCommandById("test-plugin:never")).toBe(false);
    expect(app.commands.executeCommandById("test-plugin:upper")).toBe(false);

    await app.workspace.setActiveFile(app.vault.getFileByPath("n.md"));
    const editor = app.workspace.activeEditor?.editor;
    editor?.setSelection({ line: 0, ch: 10 }, { line: 0, ch: 14 });
    expect(app.commands.executeCommandById("test-plugin:upper")).toBe(true);
    await settle();
    expect(await app.vault.read(app.vault.getFileByPath("n.md") as TFile)).toBe("make this LOUD");
  });

  it("releases every event, interval, command and view on unload", async () => {
    const app = createApp();
    const handlers = app.eventHandlerCount();
    const intervals = liveIntervalCount();
    const plugin = await loadTestPlugin(app);
    const leaf = app.workspace.getRightLeaf(false);
    await leaf.setViewState({ type: "counter", active: true });
    expect(app.eventHandlerCount()).toBe(handlers + 3);
    expect(liveIntervalCount()).toBe(intervals + 1);
    plugin.unload();
    await settle();
    expect(app.eventHandlerCount()).toBe(handlers);
    expect(liveIntervalCount()).toBe(intervals);
    expect(app.commands.listCommands()).toEqual([]);
    expect(app.workspace.getLeavesOfType("counter")).toEqual([]);
  });

  it("file-menu handlers add items tests can find and click", async () => {
    const app = createApp({ files: { "a.md": "" } });
    await loadTestPlugin(app);
    const menu = new Menu();
    app.workspace.trigger("file-menu", menu, app.vault.getFileByPath("a.md"), "file-explorer");
    expect(menu.items.map((i) => i.title)).toEqual(["Open a"]);
  });

  it("keeps data.json as JSON: what does not serialize is lost, cycles throw", async () => {
    const app = createApp();
    const plugin = await loadTestPlugin(app);
    expect(await plugin.loadData()).toBeNull();
    await plugin.saveData({ when: new Date("2026-01-21T00:00:00Z"), fn: () => 1, map: new Map([["a", 1]]) });
    expect(await plugin.loadData()).toEqual({ when: "2026-01-21T00:00:00.000Z", map: {} });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(plugin.saveData(cyclic)).rejects.toThrow(/circular/i);
  });
});

describe("Workspace and views", () => {
  it("opens a registered view through its factory and closes it on detach", async () => {
    const app = createApp();
    await loadTestPlugin(app);
    CounterView.opened = CounterView.closed = 0;
    const leaf: WorkspaceLeaf = app.workspace.getRightLeaf(false);
    await leaf.setViewState({ type: "counter" });
    expect(CounterView.opened).toBe(1);
    expect((leaf.view as CounterView).contentEl.textContent).toBe("Hello");
    expect(app.workspace.getLeavesOfType("counter")).toEqual([leaf]);
    leaf.detach();
    await settle();
    expect(CounterView.closed).toBe(1);
    expect(app.workspace.getLeavesOfType("counter")).toEqual([]);
  });

  it("tracks the active file and editor, and fires file-open", async () => {
    const app = createApp({ files: { "a.md": "line one\nline two" } });
    const opened: (string | undefined)[] = [];
    app.workspace.on("file-open", (file: TFile | null) => opened.push(file?.path));
    expect(app.workspace.getActiveFile()).toBeNull();
    await app.workspace.setActiveFile(app.vault.getFileByPath("a.md"));
    expect(app.workspace.getActiveFile()?.path).toBe("a.md");
    expect(opened).toEqual(["a.md"]);
    const view = app.workspace.getActiveViewOfType(MarkdownView);
    expect(view?.editor.lineCount()).toBe(2);
    expect(view?.editor.getLine(1)).toBe("line two");
    view?.editor.replaceRange("!", { line: 0, ch: 8 });
    await settle();
    expect(await app.vault.read(app.vault.getFileByPath("a.md") as TFile)).toBe("line one!\nline two");
  });

  it("onLayoutReady runs at once when the layout is ready, later otherwise", () => {
    const app = createApp();
    const ran: string[] = [];
    app.workspace.onLayoutReady(() => ran.push("now"));
    app.workspace.layoutReady = false;
    app.workspace.onLayoutReady(() => ran.push("later"));
    expect(ran).toEqual(["now"]);
    app.workspace.setLayoutReady();
    expect(ran).toEqual(["now", "later"]);
  });
});

describe("Modals", () => {
  it("opens and closes, calling onOpen/onClose", () => {
    const app = createApp();
    const calls: string[] = [];
    const modal = new (class extends Modal {
      override onOpen(): void {
        calls.push("open");
        this.setTitle("Pick one");
      }
      override onClose(): void {
        calls.push("close");
      }
    })(app);
    modal.open();
    expect(modal.titleEl.textContent).toBe("Pick one");
    modal.close();
    expect(calls).toEqual(["open", "close"]);
  });

  it("a fuzzy suggest modal filters by typing and chooses an item", async () => {
    const app = createApp();
    const chosen: string[] = [];
    const modal = new (class extends FuzzySuggestModal<string> {
      getItems(): string[] {
        return ["fct_orders", "stg_orders", "dim_customers"];
      }
      getItemText(item: string): string {
        return item;
      }
      onChooseItem(item: string): void {
        chosen.push(item);
      }
    })(app);
    modal.open();
    expect((await modal.setQuery("stgord")).map((m) => m.item)).toEqual(["stg_orders"]);
    expect(modal.resultContainerEl.textContent).toBe("stg_orders");
    modal.chooseSuggestion(0);
    expect(chosen).toEqual(["stg_orders"]);
    expect(modal.opened).toBe(false);
  });
});

describe("Settings", () => {
  it("finds a setting by name and changes its controls like a user", async () => {
    const app = createApp();
    const plugin = await loadTestPlugin(app);
    const saved: unknown[] = [];
    const tab = new (class extends PluginSettingTab {
      override getSettingDefinitions(): unknown[] {
        return [];
      }
      override display(): void {
        this.containerEl.empty();
        new Setting(this.containerEl).setName("General").setHeading();
        new Setting(this.containerEl)
          .setName("Folder")
          .addText((t) => t.setValue("Copilot").onChange((v) => saved.push(v)));
        new Setting(this.containerEl)
          .setName("Strip")
          .addToggle((t) => t.setValue(true).onChange((v) => saved.push(v)));
        new Setting(this.containerEl).setName("Encoding").addDropdown((d) =>
          d
            .addOptions({ a: "A", b: "B" })
            .setValue("a")
            .onChange((v) => saved.push(v)),
        );
      }
    })(app, plugin);
    tab.display();
    await findSetting(tab.containerEl, "Folder").control(TextComponent).input("Notes");
    await findSetting(tab.containerEl, "Strip").control(ToggleComponent).input(false);
    await findSetting(tab.containerEl, "Encoding").control(DropdownComponent).input("b");
    await expect(findSetting(tab.containerEl, "Encoding").control(DropdownComponent).input("c")).rejects.toThrow(
      /no option/,
    );
    expect(saved).toEqual(["Notes", false, "b"]);
    expect(() => findSetting(tab.containerEl, "General")).toThrow(/No setting named "General"/);
  });
});

describe("requestUrl", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const status = req.url === "/missing" ? 404 : 200;
        res.writeHead(status, { "Content-Type": "application/json", "X-Echo": req.headers["content-type"] ?? "" });
        res.end(JSON.stringify({ method: req.method, url: req.url, body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it("sends method, body and content type, and parses json", async () => {
    const response = await requestUrl({
      url: `${base}/tasks`,
      method: "POST",
      contentType: "application/json",
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    expect(response.headers["x-echo"]).toBe("application/json");
    expect(response.json).toEqual({ method: "POST", url: "/tasks", body: '{"a":1}' });
    expect(await requestUrl(`${base}/x`).json).toEqual({ method: "GET", url: "/x", body: "" });
  });

  it("throws on status >= 400 unless throw is false", async () => {
    await expect(requestUrl({ url: `${base}/missing` })).rejects.toMatchObject({ status: 404 });
    const response = await requestUrl({ url: `${base}/missing`, throw: false });
    expect(response.status).toBe(404);
  });
});

describe("Clipboard", () => {
  it("records what plugin code writes", async () => {
    clipboard.clear();
    await navigator.clipboard.writeText("pack");
    expect(clipboard.writes).toEqual(["pack"]);
    expect(await navigator.clipboard.readText()).toBe("pack");
  });
});

describe("Suggesters", () => {
  it("an input suggester lists matches as the user types and reports the pick", async () => {
    const app = createApp({ files: { "Copilot/Loops/a.md": "", "Work/b.md": "" } });
    const input = document.createElement("input");
    const picked: string[] = [];
    const suggest = new (class extends AbstractInputSuggest<string> {
      protected getSuggestions(query: string): string[] {
        return app.vault
          .getAllFolders()
          .map((f) => f.path)
          .filter((p) => p.toLowerCase().includes(query.toLowerCase()));
      }
      renderSuggestion(value: string, el: HTMLElement): void {
        el.setText(value);
      }
    })(app, input).onSelect((value) => picked.push(value));
    expect(await suggest.setQuery("loop")).toEqual(["Copilot/Loops"]);
    suggest.chooseSuggestion(0);
    expect(picked).toEqual(["Copilot/Loops"]);
  });

  it("an editor suggester triggers from the text before the cursor", async () => {
    const app = createApp({ files: { "n.md": "See LOOP-" } });
    await app.workspace.setActiveFile(app.vault.getFileByPath("n.md"));
    const editor = app.workspace.activeEditor?.editor as Editor;
    editor.setCursor({ line: 0, ch: 9 });
    const suggest = new (class extends EditorSuggest<string> {
      onTrigger(cursor: EditorPosition, ed: Editor): EditorSuggestTriggerInfo | null {
        const before = ed.getLine(cursor.line).slice(0, cursor.ch);
        const match = /LOOP-(\d*)$/.exec(before);
        return match
          ? { start: { line: cursor.line, ch: cursor.ch - match[0].length }, end: cursor, query: match[1] }
          : null;
      }
      getSuggestions(): string[] {
        return ["LOOP-001", "LOOP-002"];
      }
      renderSuggestion(value: string, el: HTMLElement): void {
        el.setText(value);
      }
      selectSuggestion(value: string): void {
        if (this.context) this.context.editor.replaceRange(value, this.context.start, this.context.end);
      }
    })(app);
    expect(await suggest.trigger(editor, app.vault.getFileByPath("n.md") as TFile)).toEqual(["LOOP-001", "LOOP-002"]);
    suggest.chooseSuggestion(1);
    expect(editor.getValue()).toBe("See LOOP-002");
  });
});

describe("registerDomEvent", () => {
  it("removes the listener on unload", () => {
    const component = new Component();
    component.load();
    const clicks: number[] = [];
    const before = liveDomListenerCount();
    component.registerDomEvent(document.body, "click", () => clicks.push(1));
    document.body.click();
    component.unload();
    document.body.click();
    expect(clicks).toEqual([1]);
    expect(liveDomListenerCount()).toBe(before);
  });
});
