// The shape of a context pack: what was loaded (and in which form), what was left out and why,
// and the decisions that produced it. Plain data: adapters render it, records persist it.

import type { Encoding } from "../settings";
import type { BudgetPhase } from "./budget";
import type { PackForm } from "./note-forms";
import type { ExclusionCause, IncludeCause } from "./pack-reasons";

export interface PackItem {
  path: string;
  name: string;
  /** Tokens of the content as placed in the pack (a named child: its entry in the list). */
  tokens: number;
  /** The cause in words (describeInclude): what `pack --json` and the record show. */
  reason: string;
  cause: IncludeCause;
  form: PackForm;
  /** Exactly the text placed in the pack: a section, or a named child's entry. */
  content: string;
  distance: number;
  /** Open loops that mention this note. */
  loops: number;
  /** Named children: the group the focus card lists them under ("incremental", "reads segment", ...). */
  group?: string;
}

export interface PackExclusion {
  path: string;
  /** Tokens the note would cost in full. */
  tokens: number;
  /** The cause in words (describeExclusion). */
  reason: string;
  cause: ExclusionCause;
}

export interface ExclusionGroup {
  reason: string;
  files: number;
  /** The notes' tokens; beside the point when they would only have been named (`asNames`). */
  tokens: number;
  asNames: boolean;
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
  /** Columns of the focus the task is about: children that read them rank first. */
  columns?: string[];
  /** The task in words; the focus's columns it names are columns in question too. */
  task?: string;
  /** The SQL model cards show: raw (as written, with refs; the default) or compiled. */
  sql?: "raw" | "compiled";
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
  /** Tokens of the pack as rendered, header included: its fill of its own budget. */
  used: number;
  remaining: number;
  /** The context window the phase is measured against (setting `contextWindow`). */
  contextWindow: number;
  /** The phase this pack alone puts a fresh session in: `used` as a share of the context window. */
  phase: BudgetPhase;
  depth: number;
  selector: string | null;
  /** The focus's columns the pack was ranked for (asked for, or named in the task). */
  columns: string[];
  included: PackItem[];
  excluded: PackExclusion[];
  groups: ExclusionGroup[];
  /** Model cards loaded without their SQL because it did not fit. */
  sqlLeftOut: string[];
  /** Set when a note focus (not a model) did not fit in full and was loaded in compact form. */
  focusNeeds: { full: number; compact: number } | null;
  history: PackDecision[];
}
