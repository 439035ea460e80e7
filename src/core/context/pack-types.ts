// The shape of a context pack: what was loaded (and in which form), what was left out and why,
// and the decisions that produced it. Plain data: adapters render it, records persist it.

import type { Encoding } from "../settings";
import type { BudgetPhase } from "./budget";
import type { NoteForm } from "./note-forms";

export interface PackItem {
  path: string;
  name: string;
  /** Tokens of the content as included (after stripping, or of the compact form). */
  tokens: number;
  reason: string;
  form: NoteForm;
  /** Exactly the text placed in the pack. */
  content: string;
  distance: number;
  /** Open loops that mention this note. */
  loops: number;
}

export interface PackExclusion {
  path: string;
  /** Tokens the note would cost in full. */
  tokens: number;
  reason: string;
}

export interface ExclusionGroup {
  reason: string;
  files: number;
  tokens: number;
  rationale: string;
}

export interface PackOverride {
  path: string;
  action: "include" | "exclude";
  reason: string;
}

export interface PackRequest {
  /** A vault path, note name or model name. */
  focus: string;
  budget: number;
  /** Rings to load around the focus; 1 = direct parents and children (or direct links). */
  depth?: number;
  /** Restricts the candidates (e.g. a dbt selector) and records the selector. */
  selection?: { label: string; paths: string[] };
  overrides?: PackOverride[];
}

export interface PackDecision {
  action: "build" | "expand";
  depth: number;
  budget: number;
  used: number;
}

export interface ContextPack {
  request: PackRequest;
  focus: { path: string; name: string; lineage: boolean };
  encoding: Encoding;
  budget: number;
  used: number;
  remaining: number;
  phase: BudgetPhase;
  depth: number;
  selector: string | null;
  included: PackItem[];
  excluded: PackExclusion[];
  groups: ExclusionGroup[];
  stripped: { comments: boolean; frontmatter: boolean; savedTokens: number };
  /** Set when the focus did not fit in full and was loaded in compact form. */
  focusNeeds: { full: number; compact: number } | null;
  history: PackDecision[];
}
