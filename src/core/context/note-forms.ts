// The forms a note takes in a pack. A dbt model is a model card (model-card.ts): in full with its SQL,
// compact without; a direct parent whose card does not fit is one line of the focus card's Parents
// list (its grain and column names), a child only its name in the focus card's list of children. Any other note is its text
// written for the model (for-model.ts): in full, or compact (opening paragraphs and section titles).

import { noteForModel } from "./for-model";

export type PackForm = "full" | "compact" | "columns" | "name";

/** Forms that live inside the focus card (a parent's column names, a child's name), not as sections. */
export function inFocusCard(form: PackForm): boolean {
  return form === "columns" || form === "name";
}

/** Paragraphs kept before the first section heading in the compact form: a title line counts as one. */
const COMPACT_PARAGRAPHS = 3;

/** Headings inside a note sit below the pack's own `## note` heading. */
function nested(body: string): string {
  let fence = false;
  return body
    .split("\n")
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fence = !fence;
      return !fence && /^#{1,4}\s/.test(line) ? `##${line}` : line;
    })
    .join("\n");
}

function compactBody(body: string): string {
  const lines = body.split("\n");
  const firstSection = lines.findIndex((l, i) => i > 0 && /^#{1,6}\s/.test(l));
  const opening = (firstSection < 0 ? lines : lines.slice(0, firstSection)).join("\n");
  const kept = opening
    .split(/\n\s*\n/)
    .slice(0, COMPACT_PARAGRAPHS)
    .join("\n\n")
    .trim();
  const sections = (firstSection < 0 ? [] : lines.slice(firstSection))
    .filter((l) => /^#{1,6}\s/.test(l))
    .map((l) => l.replace(/^#+\s*/, "").trim());
  return sections.length ? `${kept}\n\nSections: ${sections.join("; ")}` : kept;
}

/** A note other than a model as a pack section: `## name (role)` and its text for the model. */
export function noteSection(name: string, role: string, text: string, form: "full" | "compact"): string {
  const body = noteForModel(text);
  const shown = form === "full" ? body : compactBody(body);
  return `## ${name} (${role})\n\n${nested(shown)}\n`.replace(/\n{3,}/g, "\n\n");
}
