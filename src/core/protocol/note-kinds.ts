// Every note the product writes carries a `type:` in its frontmatter so Dataview, the views and
// agents can find notes by kind (docs/ARCHITECTURE.md, Protocol formats).

import { LINEAGE_RESOURCE_TYPES } from "../dbt/graph";

export const NOTE_KINDS = [
  "loop",
  "context",
  "handoff",
  "summary",
  "pr-narrative",
  ...LINEAGE_RESOURCE_TYPES,
  /** One of the dbt project's own macros, so model cards can show the macros a model calls. */
  "macro",
  "template",
  "protocol",
  /** The project's living state note (STATE template): position, decisions, blockers. */
  "state",
] as const;

export type NoteKind = (typeof NOTE_KINDS)[number];

export function isNoteKind(value: unknown): value is NoteKind {
  return typeof value === "string" && (NOTE_KINDS as readonly string[]).includes(value);
}
