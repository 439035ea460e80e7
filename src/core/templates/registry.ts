// The bundled template library: every template the product ships, what note kind it makes and where
// it is installed. To add one: put the file in templates/ and add a row to its table below.

import bootloader from "../../../templates/BOOTLOADER.md";
import reference from "../../../templates/PROTOCOL_REFERENCE.md";
import guide from "../../../templates/ONBOARDING.md";
import state from "../../../templates/STATE.md";
import loops from "../../../templates/LOOPS.md";
import context from "../../../templates/CONTEXT.md";
import summary from "../../../templates/SUMMARY.md";
import handoff from "../../../templates/HANDOFF.md";
import prNarrative from "../../../templates/PR_NARRATIVE.md";
import refactorGrain from "../../../templates/TASK_REFACTOR_GRAIN.md";
import debugTestFailure from "../../../templates/TASK_DEBUG_TEST_FAILURE.md";
import newModel from "../../../templates/TASK_NEW_MODEL.md";
import debugPipeline from "../../../templates/TASK_DEBUG_PIPELINE.md";
import type { NoteKind } from "../protocol";

/**
 * Where a bundled template goes on install: "templates" copies it into the templates folder (a
 * template the user instantiates); "protocol" installs it as a note in the protocol folder (read as is).
 */
export type InstallTarget = "templates" | "protocol";

export interface BundledTemplate {
  /** Name shown to users, also the file's basename: "LOOPS". */
  name: string;
  /** File name in templates/ and in the vault: "LOOPS.md". */
  file: string;
  /** The `type:` of the note it produces. */
  kind: NoteKind;
  description: string;
  install: InstallTarget;
  text: string;
}

type Row = [name: string, text: string, description: string];

// Protocol notes: installed into the protocol folder and read as they are.
const PROTOCOL_NOTES: Row[] = [
  ["BOOTLOADER", bootloader, "How an agent starts, runs and ends a session, via MCP or copy/paste"],
  ["PROTOCOL_REFERENCE", reference, "IDs, loop lifecycle, checkpoints, the status block, note kinds"],
  ["ONBOARDING", guide, "The 30-minute guide: do the whole workflow once on the demo vault, and see why"],
];

// The protocol's artifacts, each making a note of its own kind.
const ARTIFACTS: [...Row, NoteKind][] = [
  ["STATE", state, "The project's living state: position, decisions, blockers, invariants", "state"],
  ["LOOPS", loops, "One open question or parked idea, with an id and a lifecycle", "loop"],
  ["CONTEXT", context, "A context decision: what was loaded, what was excluded, why", "context"],
  ["SUMMARY", summary, "Session summary: loops as achievements, next actions, waiting for", "summary"],
  ["HANDOFF", handoff, "Where the session stopped, the next action and a resume prompt", "handoff"],
  ["PR_NARRATIVE", prNarrative, "A pull request's problem, reasoning, proof, impact and follow-ups", "pr-narrative"],
];

// Task templates: a task note per piece of work.
const TASKS: Row[] = [
  ["TASK_REFACTOR_GRAIN", refactorGrain, "Task: change a model's grain and handle the downstream impact"],
  ["TASK_DEBUG_TEST_FAILURE", debugTestFailure, "Task: debug a failing dbt test by hypotheses"],
  ["TASK_NEW_MODEL", newModel, "Task: spec, build and test a new dbt model"],
  ["TASK_DEBUG_PIPELINE", debugPipeline, "Task: debug a failed or late dbt run"],
];

function bundled([name, text, description]: Row, kind: NoteKind, install: InstallTarget): BundledTemplate {
  return { name, file: `${name}.md`, kind, description, install, text };
}

export const BUNDLED_TEMPLATE_LIST: readonly BundledTemplate[] = [
  ...PROTOCOL_NOTES.map((row) => bundled(row, "protocol", "protocol")),
  ...ARTIFACTS.map(([name, text, description, kind]) => bundled([name, text, description], kind, "templates")),
  ...TASKS.map((row) => bundled(row, "template", "templates")),
];

/** Template name -> text, for areas that only need the text (the cross-area contract). */
export const BUNDLED_TEMPLATES: Readonly<Record<string, string>> = Object.fromEntries(
  BUNDLED_TEMPLATE_LIST.map((t) => [t.name, t.text]),
);

export function findBundledTemplate(name: string): BundledTemplate | undefined {
  const wanted = name.replace(/\.md$/i, "").toUpperCase();
  return BUNDLED_TEMPLATE_LIST.find((t) => t.name === wanted);
}
