// The worked session of the demo vault, produced by the real core functions on a fixed clock: a
// copilot proposes loops about refactoring the wide dimension, the human approves some, packs the
// context at two budgets, closes one loop with evidence, and ends with a handoff, a session summary
// and a PR narrative.

import { packAroundFocus, saveContextRecord, type TokenCounter } from "../core/context";
import { approveLoops, captureLoops, changeLoopStatus, type Loop } from "../core/loops";
import type { Clock } from "../core/ports";
import { draftPrNarrative, writeHandoff, writeSessionSummary } from "../core/session";
import { createNoteFromTemplate, findBundledTemplate } from "../core/templates";
import { WORKED_REFACTOR_TITLE } from "./worked-refactor-index";
import type { DecpSettings } from "../core/settings";
import type { VaultPort } from "../core/vault";
import { wikilink } from "../core/wikilinks";

/** The model the session refactors: the generated project's wide dimension. */
export const DEMO_FOCUS = "dim_customers";
export const DEMO_BUDGETS = [2000, 5000] as const;

/** What the copilot answered in the chat, protocol XML included, as a user would paste it. */
export const AGENT_REPLY = `Before we split dim_customers I want three things settled; I have not changed any SQL yet.

<loop>
  <title>Confirm the grain of dim_customers</title>
  <context>dim_customers joins crm and shop customers; a customer with two shop accounts may appear twice.</context>
  <question>Is dim_customers exactly one row per customer_id after the crm/shop merge?</question>
  <model>dim_customers</model>
</loop>

<loop>
  <title>Which reporting models read customer_segment</title>
  <context>The refactor moves customer_segment into a separate segment model; every reporting model reads dim_customers.</context>
  <question>Which reporting models select customer_segment, and can they join the new model instead?</question>
  <model>dim_customers</model>
</loop>

<loop>
  <title>Lifetime value definition with refunds</title>
  <context>lifetime_value in dim_customers sums payments; finance asked whether refunds are netted.</context>
  <question>Should lifetime_value subtract refunds, and since when?</question>
  <model>dim_customers</model>
</loop>

<loop>
  <title>Make dim_customers incremental</title>
  <context>The full rebuild takes 40 minutes; most customers do not change in a day.</context>
  <question>Is an incremental dim_customers worth the merge logic?</question>
  <model>dim_customers</model>
</loop>`;

export interface DemoSessionSteps {
  /** The clock for step n (minutes after the session starts). */
  at(minutes: number): Clock;
  /** One tokenizer for the whole build (loading it is the slow part). */
  counter: TokenCounter;
}

export interface DemoSession {
  /** The task note the refactor works through (TASK-001, from TASK_REFACTOR_GRAIN). */
  task: string;
  loops: Loop[];
  contextRecords: string[];
  handoff: string;
  summary: string;
  prNarrative: string;
}

export async function runDemoSession(
  vault: VaultPort,
  settings: DecpSettings,
  steps: DemoSessionSteps,
): Promise<DemoSession> {
  const daily = settings.dailyNotes;
  const session = "2026-01-21";
  const template = findBundledTemplate("TASK_REFACTOR_GRAIN")!;
  const task = await createNoteFromTemplate(
    vault,
    settings,
    { name: template.name, file: template.file, text: template.text, bundled: true },
    { clock: steps.at(1), zone: "UTC", title: WORKED_REFACTOR_TITLE, model: DEMO_FOCUS, session: wikilink(session) },
  );
  const captured = await captureLoops(vault, settings, AGENT_REPLY, { clock: steps.at(5), session });
  const [grain, segment, ltv] = captured.created;
  await approveLoops(vault, settings, [grain.id, segment.id, ltv.id], steps.at(8));

  const contextRecords: string[] = [];
  for (const [i, budget] of DEMO_BUDGETS.entries()) {
    const pack = await packAroundFocus(vault, settings, { focus: DEMO_FOCUS, budget }, { counter: steps.counter });
    contextRecords.push(await saveContextRecord(vault, settings, pack, steps.at(12 + i)));
  }

  await changeLoopStatus(vault, ltv.path, "clarifying", { clock: steps.at(30) });
  await changeLoopStatus(vault, grain.path, "closed", {
    clock: steps.at(45),
    outcome: {
      result: "dim_customers is one row per customer_id; shop accounts are merged before the join.",
      evidence: "unique and not_null tests on dim_customers.customer_id pass; 0 duplicates in 1,204,311 rows.",
    },
  });

  const handoff = await writeHandoff(
    vault,
    settings,
    daily,
    {
      stoppedAt: "Grain of dim_customers confirmed; the segment split is designed but not written",
      nextAction: `Write int_customer_segments and point the reporting models that read customer_segment at it (${segment.id})`,
      reading: [DEMO_FOCUS],
    },
    steps.at(55),
  );
  const summary = await writeSessionSummary(vault, settings, daily, { clock: steps.at(57) });
  const narrative = await draftPrNarrative(vault, settings, daily, { clock: steps.at(58), write: true });
  const loops = [...captured.created];
  return {
    task: task.path,
    loops,
    contextRecords,
    handoff: handoff.path,
    summary: summary.path,
    prNarrative: narrative.path,
  };
}
