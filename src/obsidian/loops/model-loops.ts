// The open loops about a model, shown on its note below the first block of the body (the title of a
// model note), in both views: a post-processor in reading view (never on the frontmatter section,
// which Properties hide) and an editor extension in Live Preview, where post-processors do not run.
// The note itself is never edited; the list follows the loop index.

import { StateField, type EditorState, type Extension } from "@codemirror/state";
import { Decoration, EditorView, WidgetType, type DecorationSet } from "@codemirror/view";
import { editorInfoField, MarkdownRenderChild, parseYaml, type App, type MarkdownPostProcessorContext } from "obsidian";
import { isLineageResourceType } from "../../core/dbt";
import { filterLoops, type Loop, type LoopStatus } from "../../core/loops";
import { basename } from "../../core/vault";
import { reportError } from "../report-error";
import type { LoopIndex } from "./loop-index";
import { renderLoopGroups } from "./loop-list";

const OPEN: LoopStatus[] = ["proposed", "open", "clarifying"];
type OnStatus = (loop: Loop, status: LoopStatus) => void;

/** Where the panel goes: the line of the body's first block, after the frontmatter and any %% comment %% lines. */
export function firstBodyBlockLine(lines: readonly string[]): number | null {
  let line = 0;
  if (lines[0]?.trimEnd() === "---") {
    const close = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === "---" || l.trimEnd() === "..."));
    if (close < 0) return null;
    line = close + 1;
  }
  while (line < lines.length && (lines[line].trim() === "" || /^\s*%%.*%%\s*$/.test(lines[line]))) line++;
  return line < lines.length ? line : null;
}

/** Fills `el` with the open loops about `model`, and again whenever loops change, until `onunload`. */
class ModelLoops {
  private unsubscribe: (() => void) | null = null;
  constructor(
    private readonly app: App,
    private readonly el: HTMLElement,
    private readonly model: string,
    private readonly index: LoopIndex,
    private readonly onStatus: OnStatus,
  ) {}

  start(): void {
    this.unsubscribe = this.index.subscribe(() => this.render());
    this.render();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private render(): void {
    void this.index
      .listing()
      .then(({ loops }) => {
        this.el.empty();
        const about = filterLoops(loops, { models: [this.model], status: OPEN }, new Date());
        if (about.length === 0) return;
        this.el.createEl("h4", { text: "Open loops about this model" });
        renderLoopGroups(this.app, this.el.createDiv(), about, { now: new Date(), onStatus: this.onStatus });
      })
      .catch(reportError);
  }
}

/** Reading view: a child of the rendered note, so it stops with it. */
class ModelLoopsChild extends MarkdownRenderChild {
  constructor(
    containerEl: HTMLElement,
    private readonly loops: ModelLoops,
  ) {
    super(containerEl);
  }
  override onload(): void {
    this.loops.start();
  }
  override onunload(): void {
    this.loops.stop();
  }
}

export function modelLoopsPostProcessor(
  app: App,
  index: LoopIndex,
  onStatus: OnStatus,
): (el: HTMLElement, ctx: MarkdownPostProcessorContext) => void {
  return (el, ctx) => {
    if (!isLineageResourceType((ctx.frontmatter as Record<string, unknown> | undefined)?.type)) return;
    const info = ctx.getSectionInfo(el);
    if (!info || info.lineStart !== firstBodyBlockLine(info.text.split("\n"))) return;
    const panel = el.createDiv({ cls: "decp-model-loops" });
    ctx.addChild(new ModelLoopsChild(panel, new ModelLoops(app, panel, basename(ctx.sourcePath), index, onStatus)));
  };
}

/** Live Preview: a block widget below the first body block, on notes whose frontmatter says they are a model. */
class ModelLoopsWidget extends WidgetType {
  private readonly running = new WeakMap<HTMLElement, ModelLoops>();
  constructor(
    private readonly model: string,
    private readonly make: (el: HTMLElement, model: string) => ModelLoops,
  ) {
    super();
  }
  override eq(other: ModelLoopsWidget): boolean {
    return other.model === this.model;
  }
  toDOM(): HTMLElement {
    const el = createDiv({ cls: "decp-model-loops" });
    const loops = this.make(el, this.model);
    this.running.set(el, loops);
    loops.start();
    return el;
  }
  override destroy(dom: HTMLElement): void {
    this.running.get(dom)?.stop();
  }
}

/** The note's head (frontmatter and first block) and the panel placed from it. */
interface Panel {
  head: string;
  decorations: DecorationSet;
}

function headLines(state: EditorState): string[] {
  const lines: string[] = [];
  for (let n = 1; n <= state.doc.lines; n++) {
    lines.push(state.doc.line(n).text);
    const first = firstBodyBlockLine(lines);
    // Enough once the first block is known (and not still inside an open frontmatter block).
    if (first !== null && first < lines.length) return lines.slice(0, first + 1);
    if (n >= 400) break;
  }
  return lines;
}

function placePanel(state: EditorState, make: (el: HTMLElement, model: string) => ModelLoops): Panel {
  const lines = headLines(state);
  const head = lines.join("\n");
  const file = state.field(editorInfoField, false)?.file;
  const line = firstBodyBlockLine(lines);
  if (!file || line === null || lines[0]?.trimEnd() !== "---") return { head, decorations: Decoration.none };
  const close = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === "---" || l.trimEnd() === "..."));
  let type: unknown;
  try {
    type = (parseYaml(lines.slice(1, close).join("\n")) as Record<string, unknown> | null)?.type;
  } catch {
    type = undefined; // broken YAML while the user types: no panel until it parses again
  }
  if (!isLineageResourceType(type)) return { head, decorations: Decoration.none };
  const widget = new ModelLoopsWidget(file.basename, make);
  const at = state.doc.line(line + 1).to;
  return { head, decorations: Decoration.set([Decoration.widget({ widget, block: true, side: 1 }).range(at)]) };
}

export function modelLoopsEditorExtension(app: App, index: LoopIndex, onStatus: OnStatus): Extension {
  const make = (el: HTMLElement, model: string): ModelLoops => new ModelLoops(app, el, model, index, onStatus);
  return StateField.define<Panel>({
    create: (state) => placePanel(state, make),
    // A keystroke below the first block only moves the panel; the head is parsed again only when it changed.
    update: (panel, tr) => {
      if (!tr.docChanged) return panel;
      const head = headLines(tr.state).join("\n");
      return head === panel.head
        ? { head, decorations: panel.decorations.map(tr.changes) }
        : placePanel(tr.state, make);
    },
    provide: (field) => EditorView.decorations.from(field, (panel) => panel.decorations),
  });
}
