// The parts of the token budget view: gauges drawn with the plugin's own CSS (a fill bar in the accent
// colour, a phase bar in the phase's colour), and dense one-line tables of notes with their tokens,
// form, why they are there and a toggle. Long names are cut with the whole text in a tooltip.

import { formatShare, formatTokens, type BudgetPhase } from "../../core/context";
import type { Figures } from "./budget-figures";

export interface NoteRow {
  path: string;
  /** Tokens the note takes where it is counted here (in the pack as placed, or in the tally). */
  tokens: number;
  /** The whole note's tokens, as the status bar and a tally count it (packs only). */
  noteTokens?: number;
  /** How it is placed ("full", "compact", ...), for pack rows. */
  form?: string;
  why: string;
  /** Past the budget: the marker a person looks for. */
  over?: boolean;
  /** In the pack or counted in the tally: the toggle is on. */
  on: boolean;
  /** What the toggle does, or null when the note cannot be toggled (the focus). */
  toggle: { label: string; run: () => void } | null;
  open: (event: MouseEvent) => void;
}

const PHASE_WORDS: Record<BudgetPhase, string> = {
  comfortable: "Comfortable",
  deliberate: "Deliberate",
  warning: "Warning",
  stop: "Stop",
};

/** One decimal, never rounded up across a phase threshold (core's formatShare). */
function percent(share: number): string {
  return formatShare(share, 1);
}

/** A bar of `share` (0..1, capped) drawn by CSS: the width goes through a custom property, no inline style rules. */
export function bar(parent: HTMLElement, share: number, cls: string): HTMLElement {
  const track = parent.createDiv({ cls: "decp-bar" });
  const fill = track.createDiv({ cls: `decp-bar-fill ${cls}` });
  fill.setCssProps({ "--decp-share": `${Math.min(1, Math.max(0, share)) * 100}%` });
  return track;
}

/** The pack's fill of its own budget and, apart from it, the session phase. */
export function renderGauges(parent: HTMLElement, figures: Figures, what: "pack" | "tally"): void {
  const { fill, phase } = figures;
  const gauges = parent.createDiv({ cls: "decp-gauges" });
  const fillRow = gauges.createDiv({ cls: "decp-gauge decp-gauge-fill" });
  fillRow.createSpan({ cls: "decp-gauge-label", text: what === "pack" ? "Pack fill" : "Tally" });
  const over = fill.used > fill.budget;
  fillRow.createSpan({
    cls: "decp-gauge-value",
    text: `${formatTokens(fill.used)} of ${formatTokens(fill.budget)} tokens (${percent(fill.used / fill.budget)})${over ? ", over budget" : ""}`,
  });
  bar(fillRow, fill.used / fill.budget, over ? "decp-bar-over" : "decp-bar-accent");
  const phaseRow = gauges.createDiv({ cls: "decp-gauge decp-gauge-phase" });
  phaseRow.createSpan({
    cls: "decp-gauge-label",
    text: "Session phase",
    attr: { title: `The phase a fresh session is in with this ${what} loaded: its share of the context window` },
  });
  const value = phaseRow.createSpan({ cls: "decp-gauge-value" });
  value.createSpan({ cls: `decp-phase-chip decp-phase-${phase.phase}`, text: PHASE_WORDS[phase.phase] });
  value.appendText(` ${percent(phase.share)} of a ${formatTokens(phase.window)}-token window`);
  bar(phaseRow, phase.share, `decp-phase-${phase.phase}`);
}

/** One line per note: toggle, name, tokens (with a small bar of the budget), note tokens, form and why. */
export function renderRows(
  parent: HTMLElement,
  rows: NoteRow[],
  budget: number,
  pack: "included" | "excluded" | null,
): HTMLElement {
  const table = parent.createEl("table", { cls: "decp-budget-table" });
  const head = table.createEl("thead").createEl("tr");
  head.createEl("th", { cls: "decp-col-toggle" });
  head.createEl("th", { text: "Note" });
  const [label, tip] =
    pack === "included"
      ? ["In pack", "Tokens the note takes in the pack, in the form shown"]
      : pack === "excluded"
        ? ["In full", "Tokens the note would take in the pack in full"]
        : ["Tokens", "Tokens of the note"];
  head.createEl("th", { cls: "decp-col-num", text: label, attr: { title: tip } });
  if (pack)
    head.createEl("th", {
      cls: "decp-col-num",
      text: "Note",
      attr: { title: "Tokens of the whole note, as the status bar and a tally count it" },
    });
  head.createEl("th", { text: pack ? "Form, why" : "" });
  const body = table.createEl("tbody");
  for (const row of rows) renderRow(body, row, budget, pack !== null);
  return table;
}

function renderRow(body: HTMLElement, row: NoteRow, budget: number, pack: boolean): void {
  const name = row.path.slice(row.path.lastIndexOf("/") + 1).replace(/\.md$/, "");
  const tr = body.createEl("tr", { cls: "decp-budget-row", attr: { "data-path": row.path } });
  tr.toggleClass("decp-budget-off", !row.on);
  tr.toggleClass("decp-budget-over", row.over === true);
  const toggleCell = tr.createEl("td", { cls: "decp-col-toggle" });
  if (row.toggle) {
    const box = toggleCell.createEl("input", {
      type: "checkbox",
      cls: "decp-budget-toggle",
      attr: { "aria-label": row.toggle.label, title: row.toggle.label },
    });
    box.checked = row.on;
    const run = row.toggle.run;
    // The box flips when the change is made (after the reason is given), when the view draws again.
    box.addEventListener("click", (event) => {
      event.preventDefault();
      run();
    });
  }
  const link = tr.createEl("td", { cls: "decp-col-name" }).createEl("a", {
    cls: "decp-budget-name",
    text: name,
    attr: { title: row.path },
  });
  link.addEventListener("click", row.open);
  const tokens = tr.createEl("td", { cls: "decp-col-num decp-budget-tokens", text: formatTokens(row.tokens) });
  bar(tokens, row.tokens / budget, row.on ? "decp-bar-accent" : "decp-bar-neutral");
  if (pack)
    tr.createEl("td", {
      cls: "decp-col-num decp-budget-note-tokens",
      text: row.noteTokens === undefined ? "–" : formatTokens(row.noteTokens),
    });
  const why = [row.form, row.why].filter(Boolean).join(", ");
  const whyCell = tr.createEl("td", { cls: "decp-col-why" });
  if (row.over) whyCell.createSpan({ cls: "decp-over-marker", text: "over budget" });
  if (why) whyCell.createSpan({ cls: "decp-budget-why", text: why });
  const whole = [row.over ? "over budget" : "", why].filter(Boolean).join(" ");
  if (whole) whyCell.setAttr("title", whole);
}
