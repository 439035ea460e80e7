/** @jest-environment jsdom */
// The fake's stricter parts, each as Obsidian documents it: reading view vs Live Preview, an open
// note changed on disk, mobile, WebKit's clipboard, 1.13's settings renderer and search, hidden files.

import { StateField } from "@codemirror/state";
import { Decoration, EditorView, WidgetType, type DecorationSet } from "@codemirror/view";
import {
  App,
  clipboard,
  editorInfoField,
  editorLivePreviewField,
  emulateMobile,
  findSetting,
  MarkdownRenderChild,
  MarkdownView,
  Plugin,
  PluginSettingTab,
  setApiVersion,
  Setting,
  TextComponent,
  withUserGesture,
  type MarkdownPostProcessorContext,
} from "./obsidian";
import { createApp, settle } from "./obsidian-harness";

const manifest = { id: "p", name: "P", author: "", version: "1", minAppVersion: "1.11.4", description: "" };
const NOTE = "---\ntype: model\n---\n%% decp:begin %%\n# orders\n\nOne row per order.\n\n```demo\nhello\n```\n";

async function open(app: App, path: string, state?: Record<string, unknown>): Promise<MarkdownView> {
  const leaf = app.workspace.getLeaf(false);
  await leaf.openFile(app.vault.getFileByPath(path)!);
  const view = leaf.view as MarkdownView;
  if (state) await view.setState(state, { history: false });
  return view;
}

class Banner extends WidgetType {
  toDOM(): HTMLElement {
    return createDiv({ cls: "banner", text: "banner" });
  }
}

describe("Reading view and Live Preview", () => {
  it("reading view renders sections, runs code blocks and post-processors with section info, and hides the frontmatter", async () => {
    const app = createApp({ files: { "orders.md": NOTE } });
    const plugin = new (class extends Plugin {})(app, manifest);
    plugin.load();
    const seen: { tag: string; lineStart: number | undefined; type: unknown }[] = [];
    plugin.registerMarkdownCodeBlockProcessor("demo", (source, el) => void el.createDiv({ cls: "demo", text: source }));
    plugin.registerMarkdownPostProcessor((el: HTMLElement, ctx: MarkdownPostProcessorContext) => {
      seen.push({
        tag: el.firstElementChild?.tagName ?? "",
        lineStart: ctx.getSectionInfo(el)?.lineStart,
        type: (ctx.frontmatter as { type?: string }).type,
      });
      if (ctx.getSectionInfo(el)?.lineStart === 0) ctx.addChild(new MarkdownRenderChild(el.createDiv({ text: "x" })));
    });
    const view = await open(app, "orders.md", { mode: "preview" });
    expect(view.getMode()).toBe("preview");
    expect(seen.map((s) => [s.tag, s.lineStart])).toEqual([
      ["PRE", 0],
      ["P", 3],
      ["H1", 4],
      ["P", 6],
      ["DIV", 8],
    ]);
    expect(seen.every((s) => s.type === "model")).toBe(true);
    const sections = [...view.previewMode.containerEl.querySelectorAll(".markdown-preview-sizer > div")];
    expect((sections[0] as HTMLElement).hidden).toBe(true);
    expect(view.previewMode.containerEl.querySelector(".demo")?.textContent).toBe("hello");
  });

  it("Live Preview runs the plugins' editor extensions with editorInfoField, never post-processors", async () => {
    const app = createApp({ files: { "orders.md": NOTE } });
    const plugin = new (class extends Plugin {})(app, manifest);
    plugin.load();
    let ran = 0;
    plugin.registerMarkdownPostProcessor(() => void ran++);
    const files: (string | undefined)[] = [];
    plugin.registerEditorExtension(
      StateField.define<DecorationSet>({
        create: (state) => {
          files.push(state.field(editorInfoField).file?.path);
          expect(state.field(editorLivePreviewField)).toBe(true);
          return Decoration.set([Decoration.widget({ widget: new Banner(), block: true }).range(0)]);
        },
        update: (value) => value,
        provide: (field) => EditorView.decorations.from(field),
      }),
    );
    const view = await open(app, "orders.md");
    expect(view.getMode()).toBe("source");
    expect(view.contentEl.querySelector(".is-live-preview .banner")?.textContent).toBe("banner");
    expect(files).toEqual(["orders.md"]);
    expect(ran).toBe(0);
  });

  it("an open note changed on disk reloads the editor and loses the cursor (the Editor API keeps it)", async () => {
    const app = createApp({ files: { "n.md": "one\ntwo\nthree\n" } });
    const view = await open(app, "n.md");
    view.editor.setCursor({ line: 2, ch: 3 });
    view.editor.replaceRange("ONE", { line: 0, ch: 0 }, { line: 0, ch: 3 });
    view.editor.setCursor({ line: 2, ch: 3 });
    expect(await app.vault.read(app.vault.getFileByPath("n.md")!)).toBe("ONE\ntwo\nthree\n");
    expect(view.editor.getCursor()).toEqual({ line: 2, ch: 3 });
    await app.vault.process(app.vault.getFileByPath("n.md")!, (t) => t.replace("two", "2"));
    expect(view.editor.getValue()).toBe("ONE\n2\nthree\n");
    expect(view.editor.getCursor()).toEqual({ line: 0, ch: 0 });
  });
});

describe("Mobile", () => {
  it("has no status bar, no window.require, and WebKit refuses a clipboard write outside a gesture", async () => {
    const restore = emulateMobile({ ios: true });
    try {
      const app = createApp();
      const plugin = new (class extends Plugin {})(app, manifest);
      plugin.load();
      plugin.addStatusBarItem().setText("Never shown");
      expect(app.statusBarEl.textContent).toBe("");
      expect((window as unknown as { require?: unknown }).require).toBeUndefined();

      clipboard.clear();
      await expect(navigator.clipboard.writeText("late")).rejects.toMatchObject({ name: "NotAllowedError" });
      await withUserGesture(() => navigator.clipboard.writeText("in gesture"));
      const ready = new Promise<Blob>((resolve) => setTimeout(() => resolve(new Blob(["prepared"])), 0));
      await withUserGesture(() => navigator.clipboard.write([new ClipboardItem({ "text/plain": ready })]));
      expect(clipboard.writes).toEqual(["in gesture", "prepared"]);
    } finally {
      restore();
    }
    expect(typeof (window as unknown as { require?: unknown }).require).toBe("function");
  });
});

describe("Settings on Obsidian 1.13", () => {
  class Tab extends PluginSettingTab {
    displayed = 0;
    values: Record<string, unknown> = { size: 10 };
    override getSettingDefinitions(): unknown[] {
      return [
        {
          type: "group",
          heading: "Counting",
          items: [{ name: "Largest file", desc: "Bytes.", control: { type: "number", key: "size", min: 1 } }],
        },
      ];
    }
    override display(): void {
      this.displayed++;
      new Setting(this.containerEl).setName("Largest file");
    }
    override getControlValue(key: string): unknown {
      return this.values[key];
    }
    override async setControlValue(key: string, value: unknown): Promise<void> {
      this.values[key] = value;
    }
  }

  it("renders definitions instead of display(), rejects an empty number inline, and indexes search at registration", async () => {
    const restore = setApiVersion("1.13.1");
    try {
      const app = createApp();
      const plugin = new (class extends Plugin {})(app, manifest);
      plugin.load();
      const tab = new Tab(app, plugin);
      plugin.addSettingTab(tab);
      expect(app.setting.search("largest")).toEqual(["Largest file"]);
      expect(app.setting.search("counting bytes")).toEqual(["Largest file"]);
      app.setting.openTab(tab);
      expect(tab.displayed).toBe(0);
      const row = findSetting(tab.containerEl, "Largest file");
      await row.control(TextComponent).input("");
      expect(tab.values.size).toBe(10);
      expect(row.errorEl?.textContent).toBe("Enter a number.");
      await row.control(TextComponent).input("20");
      expect(tab.values.size).toBe(20);
    } finally {
      restore();
    }
  });

  it("before 1.13 calls display() and has no settings search", () => {
    const app = createApp();
    const plugin = new (class extends Plugin {})(app, manifest);
    plugin.load();
    const tab = new Tab(app, plugin);
    plugin.addSettingTab(tab);
    app.setting.openTab(tab);
    expect(tab.displayed).toBe(1);
    expect(app.setting.search("largest")).toEqual([]);
  });
});

describe("Files under dot folders", () => {
  it("vault.adapter keeps files under dot folders out of the vault's index, and refuses to write notes", async () => {
    const app = createApp({ files: { "a.md": "A" } });
    await app.vault.adapter.mkdir(".decp/cache");
    await app.vault.adapter.write(".decp/cache/x.json", "{}");
    expect(await app.vault.adapter.read(".decp/cache/x.json")).toBe("{}");
    expect(await app.vault.adapter.read("a.md")).toBe("A");
    expect(app.vault.getFiles().map((f) => f.path)).toEqual(["a.md"]);
    await expect(app.vault.adapter.write("b.md", "B")).rejects.toThrow(/Vault API/);
    await settle();
  });
});
