// How a MarkdownView shows a note. Reading view: one element per section (yaml, heading, paragraph,
// code), code blocks through their registered processors, then every post-processor on every
// section with its section info; the frontmatter section is hidden (Properties show the data).
// Live Preview: a real CodeMirror 6 editor with the plugins' editor extensions; post-processors
// never run there. Markdown itself is not rendered (text stays text): tests read structure.

import type { Extension } from "@codemirror/state";
import { StateField } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import type { App, MarkdownPostProcessorContext, MarkdownSectionInformation } from "./app";
import { Component } from "./events";
import { indexNote } from "./note-index";
import type { TFile } from "./vault";
import type { MarkdownFileInfo } from "./workspace";

/** The MarkdownView (or other host) an editor belongs to, as Obsidian provides it to editor extensions. */
export const editorInfoField = StateField.define<MarkdownFileInfo>({
  create: () => null as unknown as MarkdownFileInfo,
  update: (value) => value,
});

/** True in Live Preview, false in source mode. */
export const editorLivePreviewField = StateField.define<boolean>({ create: () => false, update: (value) => value });

export type MarkdownPostProcessor = ((el: HTMLElement, ctx: MarkdownPostProcessorContext) => unknown) & {
  sortOrder?: number;
};

let docIds = 0;

/** Renders `text` as reading view into `containerEl`; children added by processors are loaded into `owner`. */
export async function renderReadingView(
  app: App,
  file: TFile,
  text: string,
  containerEl: HTMLElement,
  owner: Component,
): Promise<void> {
  containerEl.empty();
  const sizer = containerEl.createDiv({ cls: "markdown-preview-sizer markdown-preview-section" });
  const cache = indexNote(text);
  const lines = text.split("\n");
  const infoOf = new Map<HTMLElement, MarkdownSectionInformation>();
  const ctx: MarkdownPostProcessorContext = {
    docId: `doc-${++docIds}`,
    sourcePath: file.path,
    frontmatter: cache.frontmatter,
    addChild: (child) => owner.addChild(child as Component),
    getSectionInfo: (el) => infoOf.get(el) ?? null,
  };
  const sections: HTMLElement[] = [];
  for (const section of cache.sections ?? []) {
    const lineStart = section.position.start.line;
    const lineEnd = section.position.end.line;
    const source = lines.slice(lineStart, lineEnd + 1);
    const el = sizer.createDiv();
    infoOf.set(el, { text, lineStart, lineEnd });
    sections.push(el);
    if (section.type === "yaml") {
      // Properties show the frontmatter above the note; its own section stays in the DOM, hidden.
      el.addClass("el-pre", "mod-frontmatter", "mod-ui");
      el.createEl("pre", { cls: "frontmatter", text: source.slice(1, -1).join("\n") });
      el.hide();
    } else if (section.type === "heading") {
      const level = /^#+/.exec(source[0])?.[0].length ?? 1;
      el.addClass(`el-h${level}`);
      el.createEl(`h${level}` as "h1", { text: source[0].replace(/^#+\s*/, "") });
    } else if (section.type === "code") {
      el.addClass("el-pre");
      const language = source[0].replace(/^(```|~~~)/, "").trim();
      const body = source.slice(1, /^(```|~~~)/.test(source.at(-1) ?? "") && source.length > 1 ? -1 : undefined);
      const processor = app.codeBlockProcessors.get(language);
      if (processor) await processor(body.join("\n"), el, ctx);
      else el.createEl("pre").createEl("code", { text: body.join("\n") });
    } else {
      el.addClass("el-p");
      // %% comments %% are not shown in reading view.
      el.createEl("p", {
        text: source
          .join("\n")
          .replace(/%%[\s\S]*?%%/g, "")
          .trim(),
      });
    }
  }
  const processors = [...(app.postProcessors as MarkdownPostProcessor[])].sort(
    (a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0),
  );
  for (const el of sections) for (const processor of processors) await processor(el, ctx);
}

/** Mounts a CodeMirror editor on `text` with the registered editor extensions (Live Preview or source). */
export function mountEditor(
  app: App,
  host: MarkdownFileInfo,
  text: string,
  parent: HTMLElement,
  livePreview: boolean,
): EditorView {
  // Loaded on first use: node-environment tests never open an editor.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, see above
  const { EditorView: View } = require("@codemirror/view") as typeof import("@codemirror/view");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, see above
  const { EditorState } = require("@codemirror/state") as typeof import("@codemirror/state");
  parent.empty();
  const wrapper = parent.createDiv({ cls: ["markdown-source-view", "mod-cm6", livePreview ? "is-live-preview" : ""] });
  return new View({
    parent: wrapper,
    state: EditorState.create({
      doc: text,
      extensions: [
        editorInfoField.init(() => host),
        editorLivePreviewField.init(() => livePreview),
        ...(app.editorExtensions as Extension[]),
      ],
    }),
  });
}
