// The index note of the worked refactor: one page linking the notes the two sessions produced, in
// the order a reader should open them, with the token figures read from the context records.

import { formatTokens, type ContextRecordSummary } from "../core/context";
import { stringifyNote } from "../core/frontmatter";
import type { DecpSettings } from "../core/settings";
import { basename, joinVaultPath } from "../core/vault";
import { wikilink } from "../core/wikilinks";

export const WORKED_REFACTOR_TITLE = "Split the segment grain out of dim_customers";

export function workedRefactorPath(settings: Pick<DecpSettings, "sessionsFolder">): string {
  return joinVaultPath(settings.sessionsFolder, `Worked refactor - ${WORKED_REFACTOR_TITLE}.md`);
}

export interface WorkedRefactorIndex {
  title: string;
  focus: string;
  /** The task note holding the refactor's plan. */
  task: string;
  records: ContextRecordSummary[];
  loops: { id: string; title: string; status: string; path: string }[];
  dailyNotes: string[];
  summaries: string[];
  narratives: string[];
  created: string;
}

const link = (path: string): string => wikilink(basename(path));

export function renderWorkedRefactorIndex(index: WorkedRefactorIndex): string {
  const body = [
    `# Worked refactor: ${index.title}`,
    "",
    `${wikilink(index.focus)} is the wide customer dimension every reporting model joins to. This refactor is a grain change: the customer segment moves out into a model of its own, one row per customer per segment period, and dim_customers must stay exactly one row per customer_id. It runs over two sessions, with 200+ reporting models downstream. Every note below was written by decp from the demo project; open them in this order.`,
    "",
    `The plan, step by step, is ${link(index.task)}, made from the TASK_REFACTOR_GRAIN template.`,
    "",
    "## 1. Context decisions",
    "",
    "Start narrow (2k), expand when the task needs more (5k), narrow again once a loop rules part of the lineage out (day 2: upstream only). Each record says what was loaded, what was left out and why.",
    "",
    "| Record | Budget | Used | Phase |",
    "| --- | ---: | ---: | --- |",
    ...index.records.map(
      (r) => `| ${link(r.path)} | ${formatTokens(r.budget)} | ${formatTokens(r.used)} | ${r.phase} |`,
    ),
    "",
    "## 2. Loops",
    "",
    "Raised by the agent, approved by a human (one never was), then closed with evidence, waiting for someone, or open for the next session.",
    "",
    ...index.loops.map((l) => `- ${link(l.path)}: ${l.status}`),
    "",
    "## 3. Handoff between sessions",
    "",
    ...index.dailyNotes.map((p, i) => `- Session ${i + 1}: ${link(p)} (section "Copilot handoff")`),
    "",
    "## 4. Session summaries",
    "",
    ...index.summaries.map((p) => `- ${link(p)}`),
    "",
    "## 5. PR narratives",
    "",
    "The first covers session 1; the second is the refactor's PR description: every loop, the reasoning and the downstream impact.",
    "",
    ...index.narratives.map((p) => `- ${link(p)}`),
    "",
  ].join("\n");
  return stringifyNote(
    { type: "summary", title: `Worked refactor: ${index.title}`, focus: wikilink(index.focus), created: index.created },
    body,
  );
}
