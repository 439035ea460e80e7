// The pickers and lists behind the dbt commands: a fuzzy model picker, the lineage of one model by
// depth, and a selector prompt with its results. Every entry opens the node's note.

import { Setting, type App, type Modal } from "obsidian";
import { lineageByDepth, selectNodes, type LineageGraph, type LineageNode } from "../../core/dbt";
import { FormModal } from "../form-modal";
import { PickerModal } from "../picker-modal";
import { reportError } from "../report-error";

export function pickModel(
  app: App,
  nodes: LineageNode[],
  choose: (node: LineageNode) => void,
): PickerModal<LineageNode> {
  return new PickerModal(app, {
    placeholder: "Model, source, seed or snapshot",
    items: () => nodes,
    describe: (node) => `${node.name} (${node.resourceType}, ${node.path})`,
    choose,
  });
}

/** A clickable list of nodes; choosing one opens its note and closes the modal. */
function nodeList(
  modal: Modal,
  parent: HTMLElement,
  graph: LineageGraph,
  ids: string[],
  open: (node: LineageNode) => void,
): void {
  const list = parent.createEl("ul", { cls: "decp-lineage-list" });
  for (const id of ids) {
    const node = graph.nodes.get(id);
    if (!node) continue;
    const item = list.createEl("li");
    // The note's name, which is what [[links]] use (sources read "source_name.table").
    const noteName = node.notePath.slice(node.notePath.lastIndexOf("/") + 1).replace(/\.md$/, "");
    const link = item.createEl("a", { text: noteName, cls: "decp-lineage-link", href: "#" });
    item.createSpan({ text: ` ${node.resourceType}`, cls: "decp-lineage-kind" });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      modal.close();
      open(node);
    });
  }
}

export class LineageModal extends FormModal {
  constructor(
    app: App,
    private readonly graph: LineageGraph,
    private readonly node: LineageNode,
    private readonly openNode: (node: LineageNode) => void,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle(`Lineage of ${this.node.name}`);
    for (const direction of ["upstream", "downstream"] as const) {
      const levels = lineageByDepth(this.graph, this.node.uniqueId, direction);
      const total = levels.reduce((sum, level) => sum + level.length, 0);
      this.contentEl.createEl("h3", { text: `${direction === "upstream" ? "Upstream" : "Downstream"} (${total})` });
      if (levels.length === 0) this.contentEl.createEl("p", { text: "None." });
      levels.forEach((ids, i) => {
        this.contentEl.createEl("h4", { text: `Depth ${i + 1} (${ids.length})` });
        nodeList(this, this.contentEl, this.graph, ids, this.openNode);
      });
    }
  }
}

export class SelectModelsModal extends FormModal {
  private selector = "";
  private exclude = "";
  private resultsEl: HTMLElement | null = null;

  constructor(
    app: App,
    private readonly graph: LineageGraph,
    private readonly openNode: (node: LineageNode) => void,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle("Select models");
    new Setting(this.contentEl)
      .setName("Selector")
      .setDesc("Node selection syntax as in dbt, e.g. +fct_orders or tag:nightly")
      .addText((text) => {
        text.onChange((value) => (this.selector = value));
        this.actOnEnter(text, () => this.run());
      });
    new Setting(this.contentEl).setName("Exclude").addText((text) => text.onChange((value) => (this.exclude = value)));
    this.addAction("Select", () => this.run());
    this.resultsEl = this.contentEl.createDiv({ cls: "decp-lineage-results" });
  }

  run(): void {
    if (!this.resultsEl) return;
    this.resultsEl.empty();
    try {
      const ids = selectNodes(this.graph, this.selector, this.exclude);
      this.resultsEl.createEl("p", { text: ids.length === 1 ? "1 node selected." : `${ids.length} nodes selected.` });
      nodeList(this, this.resultsEl, this.graph, ids, this.openNode);
    } catch (error) {
      reportError(error);
    }
  }
}
