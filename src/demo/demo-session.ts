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
export const AGENT_REPLY = `Before we split the segment out of dim_customers I want four things settled; I have not changed any SQL yet.

<loop>
  <title>Confirm the grain of dim_customers</title>
  <context>dim_customers merges CRM contacts and shop accounts with a full outer join on the shop account, then joins payments per customer.</context>
  <question>Is dim_customers exactly one row per customer_id after the CRM/shop merge and the payments join?</question>
  <model>dim_customers</model>
</loop>

<loop>
  <title>Which models read segment from dim_customers</title>
  <context>The refactor moves segment into int_customer_segments (one row per customer per segment period); every report joins dim_customers, most of them for customer_id and the country only.</context>
  <question>Which downstream models read segment, directly or through a column computed from it, and must join the new model instead?</question>
  <model>dim_customers</model>
</loop>

<loop>
  <title>Lifetime value definition with refunds</title>
  <context>lifetime_value sums the customer's captured payments; refunds are not subtracted, and segment is derived from lifetime_value.</context>
  <question>Should lifetime_value subtract refunds, and from which date? It decides who is 'vip'.</question>
  <model>dim_customers</model>
</loop>

<loop>
  <title>Make dim_customers incremental</title>
  <context>Every build re-aggregates all payments to recompute lifetime_value, though most customers do not change in a day.</context>
  <question>Is an incremental dim_customers worth the merge logic?</question>
  <model>dim_customers</model>
</loop>`;

/** Why each context was chosen, as the engineer wrote it into the record (the PR narrative's reasoning). */
const CONTEXT_WHY = [
  "Start from what the new grain is built from: the dimension and its parents. The reports stay out until a loop needs them.",
  "LOOP-002 asks how reports use segment: the larger budget adds a first few of them as examples; the lineage, not a pack, answers for all of them.",
];

/** A "## Why" section added to a context record by the person who chose the context. */
export async function addWhy(vault: VaultPort, record: string, why: string): Promise<void> {
  await vault.write(record, `${(await vault.read(record)).replace(/\s*$/, "")}\n\n## Why\n\n${why}\n`);
}

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
    const record = await saveContextRecord(vault, settings, pack, steps.at(12 + i));
    await addWhy(vault, record, CONTEXT_WHY[i]);
    contextRecords.push(record);
  }

  await changeLoopStatus(vault, ltv.path, "clarifying", { clock: steps.at(30) });
  // Answered from what the 2k pack holds: the parents' SQL and the dimension's tests.
  await changeLoopStatus(vault, grain.path, "closed", {
    clock: steps.at(45),
    outcome: {
      result:
        "One row per customer_id as long as no shop account is linked from two CRM contacts: int_customer_payments is already one row per customer_id (it groups by it), so the payments join cannot fan out, and the unique test on dim_customers.customer_id guards the merge",
      evidence:
        '`decp select <vault> "+dim_customers,resource_type:model"` lists its models upstream; int_customer_payments groups payments by customer_id (its note, section SQL); dim_customers has unique and not_null tests on customer_id (its note, section Tests)',
    },
  });

  const handoff = await writeHandoff(
    vault,
    settings,
    daily,
    {
      stoppedAt: "Grain of dim_customers confirmed; the segment split is designed but not written",
      nextAction: `Find the models that read dim_customers.segment (${segment.id}), then write int_customer_segments`,
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
