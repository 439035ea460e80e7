// The bundled template library: every template the product ships, what note kind it makes and where
// it is installed. To add one (e.g. ONBOARDING): put the file in templates/ and add one entry below.

import bootloader from "../../../templates/BOOTLOADER.md";
import protocolReference from "../../../templates/PROTOCOL_REFERENCE.md";
import onboarding from "../../../templates/ONBOARDING.md";
import state from "../../../templates/STATE.md";
import loops from "../../../templates/LOOPS.md";
import context from "../../../templates/CONTEXT.md";
import summary from "../../../templates/SUMMARY.md";
import handoff from "../../../templates/HANDOFF.md";
import prNarrative from "../../../templates/PR_NARRATIVE.md";
import taskRefactorGrain from "../../../templates/TASK_REFACTOR_GRAIN.md";
import taskDebugTestFailure from "../../../templates/TASK_DEBUG_TEST_FAILURE.md";
import taskNewModel from "../../../templates/TASK_NEW_MODEL.md";
import taskDebugPipeline from "../../../templates/TASK_DEBUG_PIPELINE.md";
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

function entry(
  name: string,
  kind: NoteKind,
  install: InstallTarget,
  text: string,
  description: string,
): BundledTemplate {
  return { name, file: `${name}.md`, kind, description, install, text };
}

export const BUNDLED_TEMPLATE_LIST: readonly BundledTemplate[] = [
  entry(
    "BOOTLOADER",
    "protocol",
    "protocol",
    bootloader,
    "How an agent starts, runs and ends a session, via MCP or copy/paste",
  ),
  entry(
    "PROTOCOL_REFERENCE",
    "protocol",
    "protocol",
    protocolReference,
    "IDs, loop lifecycle, checkpoints, the status block, note kinds",
  ),
  entry(
    "ONBOARDING",
    "protocol",
    "protocol",
    onboarding,
    "The 30-minute guide: do the whole workflow once on the demo vault, and see why",
  ),
  entry("STATE", "state", "templates", state, "The project's living state: position, decisions, blockers, invariants"),
  entry("LOOPS", "loop", "templates", loops, "One open question or parked idea, with an id and a lifecycle"),
  entry("CONTEXT", "context", "templates", context, "A context decision: what was loaded, what was excluded, why"),
  entry(
    "SUMMARY",
    "summary",
    "templates",
    summary,
    "Session summary: loops as achievements, next actions, waiting for",
  ),
  entry("HANDOFF", "handoff", "templates", handoff, "Where the session stopped, the next action and a resume prompt"),
  entry(
    "PR_NARRATIVE",
    "pr-narrative",
    "templates",
    prNarrative,
    "A pull request's problem, reasoning, proof, impact and follow-ups",
  ),
  entry(
    "TASK_REFACTOR_GRAIN",
    "template",
    "templates",
    taskRefactorGrain,
    "Task: change a model's grain and handle the downstream impact",
  ),
  entry(
    "TASK_DEBUG_TEST_FAILURE",
    "template",
    "templates",
    taskDebugTestFailure,
    "Task: debug a failing dbt test by hypotheses",
  ),
  entry("TASK_NEW_MODEL", "template", "templates", taskNewModel, "Task: spec, build and test a new dbt model"),
  entry("TASK_DEBUG_PIPELINE", "template", "templates", taskDebugPipeline, "Task: debug a failed or late dbt run"),
];

/** Template name -> text, for areas that only need the text (the cross-area contract). */
export const BUNDLED_TEMPLATES: Readonly<Record<string, string>> = Object.fromEntries(
  BUNDLED_TEMPLATE_LIST.map((t) => [t.name, t.text]),
);

export function findBundledTemplate(name: string): BundledTemplate | undefined {
  const wanted = name.replace(/\.md$/i, "").toUpperCase();
  return BUNDLED_TEMPLATE_LIST.find((t) => t.name === wanted);
}
