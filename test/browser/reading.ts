// Checks every browser scenario makes, read from the page as a person sees it: in both themes nothing
// sticks out of its box and nothing is cut without a tooltip; every button starts with a verb.

import type { ViewsPage } from "./browser-harness";

export const THEMES = ["dark", "light"] as const;

/** First words a button may start with: each says what happens. */
const VERBS = new Set(
  [
    "Approve Reject Reopen Wait Close Move Build Tally Copy Save Expand Include Exclude Leave Put Review",
    "Capture Connect Sign Paste Discard Keep Open Count Show Import Install Write Resume Create Choose Finish",
  ]
    .join(" ")
    .split(" "),
);
/** Labels that do not say what happens next to a link or in a list. */
const AMBIGUOUS = new Set(["Open", "Close", "Apply", "OK", "Done"]);

/** What any view or modal must satisfy in both themes; saves a screenshot of each (docs: also for the README). */
export async function readableIn(page: ViewsPage, root: string, name: string, docs = false): Promise<void> {
  // A pane is pictured as tall as its view (the sidebar's empty space left out), a modal as itself.
  const shot = root.endsWith("-pane") ? `${root} > .workspace-leaf-content` : root;
  for (const theme of THEMES) {
    await page.call("setTheme", theme);
    await page.screenshot(`${name}-${theme}`, shot, docs);
    expect({ theme, overflow: await page.check("overflow", root) }).toEqual({ theme, overflow: [] });
    expect({ theme, cut: await page.check("cutWithoutTooltip", root) }).toEqual({ theme, cut: [] });
  }
  await page.call("setTheme", "dark");
}

/** Every button says what it does: a verb first, never a bare "Open", "Close" or "Apply". */
export async function verbLabelsIn(page: ViewsPage, root: string): Promise<string[]> {
  const labels = await page.check("buttons", root);
  const bad = labels.filter((label) => !VERBS.has(label.split(/\s/)[0]) || AMBIGUOUS.has(label));
  expect({ root, bad }).toEqual({ root, bad: [] });
  return labels;
}

export interface BudgetRow {
  path: string;
  tokens: number;
  /** The note's own count column, as shown. */
  note: string;
  over: boolean;
  marker: string;
  on: boolean;
}

/** The rows of a budget view section as shown: tokens, the note's count, the over-budget marker, the toggle. */
export function rowsIn(page: ViewsPage, section: string): Promise<BudgetRow[]> {
  return page.page.$$eval(`#right-pane ${section} .decp-budget-row`, (trs) =>
    trs.map((tr) => ({
      path: tr.getAttribute("data-path") ?? "",
      tokens: Number((tr.querySelector(".decp-budget-tokens")?.textContent ?? "").replace(/,/g, "")),
      note: tr.querySelector(".decp-budget-note-tokens")?.textContent ?? "",
      over: tr.classList.contains("decp-budget-over"),
      marker: tr.querySelector(".decp-over-marker")?.textContent ?? "",
      on: tr.querySelector<HTMLInputElement>("input")?.checked ?? true,
    })),
  );
}
