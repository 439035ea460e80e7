// The worked refactor in the demo vault: changing the grain of dim_customers, the wide dimension
// 200+ reports read, over two sessions. Every note is produced by the core functions a user's
// commands call (packs and records, loop capture and approval, handoffs, summaries, PR narrative)
// at fixed times, so the demo is byte-stable; the index note only links what they wrote.

import { buildPack, listContextRecords, openPackSources, saveContextRecord, type TokenCounter } from "../core/context";
import { approveLoops, captureLoops, changeLoopStatus, findLoops, listLoops, type Loop } from "../core/loops";
import type { Clock } from "../core/ports";
import { draftPrNarrative, writeHandoff, writeSessionSummary } from "../core/session";
import type { DecpSettings } from "../core/settings";
import type { VaultPort } from "../core/vault";
import { renderWorkedRefactorIndex, WORKED_REFACTOR_TITLE, workedRefactorPath } from "./worked-refactor-index";

export const FOCUS = "dim_customers";
/** The two budgets the guide teaches: start narrow, expand when the task needs it. */
export const BUDGETS = [2000, 5000] as const;

/** What the copilot replied in the first session, pasted into capture as it came. */
export const AGENT_REPLY = `Before I touch dim_customers, three things we should not lose:

<loop>
  <title>Find reports that count dim_customers rows</title>
  <context>At the new grain (one row per customer per segment period) a count(*) or sum() over dim_customers counts a customer once per period.</context>
  <question>Which reports aggregate dim_customers without count(distinct customer_id), and so change their numbers?</question>
  <model>dim_customers</model>
  <model>rpt_orders_1</model>
</loop>

<loop>
  <title>Confirm customer_id is unique in stg_crm__customers</title>
  <context>The new key (customer_id, valid_from) only holds if the staging model has one row per customer and change.</context>
  <question>Is customer_id unique in stg_crm__customers today, or does the CRM already send duplicates?</question>
  <model>stg_crm__customers</model>
</loop>

<loop>
  <title>Agree the cut-over date for segment history</title>
  <context>History before the cut-over has one period per customer; finance reports by segment per month.</context>
  <question>From which date does finance want segment history, and who signs it off?</question>
  <model>dim_customers</model>
</loop>
`;

/** When each session starts (ISO); its steps happen minutes after. */
export interface WorkedRefactorTimes {
  day1: string;
  day2: string;
}

export interface WorkedRefactorResult {
  records: string[];
  loops: string[];
  dailyNotes: string[];
  summaries: string[];
  narrative: string;
  index: string;
}

/** `moveTo` sets the time the vault stamps on writes; every step gets the clock of its own moment. */
export async function writeWorkedRefactor(
  vault: VaultPort,
  settings: DecpSettings,
  times: WorkedRefactorTimes,
  moveTo: (iso: string) => Clock,
  counter: TokenCounter,
): Promise<WorkedRefactorResult> {
  const at = (day: string, minutes: number): Clock => moveTo(new Date(Date.parse(day) + minutes * 60_000).toISOString());
  const day1 = times.day1.slice(0, 10);
  const day2 = times.day2.slice(0, 10);
  const records: string[] = [];
  const pack = async (budget: number, clock: Clock) => {
    const sources = await openPackSources(vault, settings, { counter });
    records.push(await saveContextRecord(vault, settings, await buildPack(sources, { focus: FOCUS, budget, depth: 1 }), clock));
  };

  // Session 1: start narrow, capture what the agent raised, expand once the loops say what matters.
  await pack(BUDGETS[0], at(times.day1, 5));
  const captured = await captureLoops(vault, settings, AGENT_REPLY, { clock: at(times.day1, 20), session: day1 });
  const ids = captured.created.map((l) => l.id);
  await approveLoops(vault, settings, ids, at(times.day1, 22));
  const [reports, unique, cutOver] = ids;
  await close(vault, settings, unique, at(times.day1, 150), {
    result: "customer_id is unique in stg_crm__customers: one row per customer, so (customer_id, valid_from) can be the new key",
    evidence: "`dbt test -s stg_crm__customers`: unique and not_null on its key pass (2 of 2)",
  });
  const daily = settings.dailyNotes;
  const handoff1 = await writeHandoff(vault, settings, daily, {
    stoppedAt: `Plan step 2 of the grain change: baseline counts taken; ${FOCUS} not yet rewritten`,
    nextAction: `Sort the reports that aggregate ${FOCUS} (${reports}) before rewriting the model`,
    reading: [FOCUS],
  }, at(times.day1, 180));
  const summary1 = await writeSessionSummary(vault, settings, daily, { date: day1, clock: at(times.day1, 185) });

  // Session 2, the next morning: resume from the handoff, expand the context now that the open loops
  // rank the reports they name first, close with evidence, park what waits on people.
  await pack(BUDGETS[1], at(times.day2, 20));
  await close(vault, settings, reports, at(times.day2, 60), {
    result: "Every report joins dim_customers on customer_id and filters is_current; none counts its rows, so none changes its numbers",
    evidence: "`dbt build -s state:modified+ --defer --state prod-artifacts`: models and tests pass; revenue per month reconciles to the cent",
  });
  const waiting = findLoops((await listLoops(vault, settings)).loops, [cutOver])[0];
  await changeLoopStatus(vault, waiting.path, "clarifying", { clock: at(times.day2, 75) });
  const handoff2 = await writeHandoff(vault, settings, daily, {
    stoppedAt: `Grain change of ${FOCUS} built and reconciled; the PR narrative is drafted`,
    nextAction: `Open the PR once finance answers ${cutOver} (the cut-over date)`,
    reading: [FOCUS],
  }, at(times.day2, 120));
  const summary2 = await writeSessionSummary(vault, settings, daily, { date: day2, clock: at(times.day2, 125) });
  const narrative = await draftPrNarrative(vault, settings, daily, { date: day2, loops: ids, clock: at(times.day2, 130) });

  const loops = findLoops((await listLoops(vault, settings)).loops, ids);
  const index = workedRefactorPath(settings);
  const all = await listContextRecords(vault, settings);
  await vault.write(index, renderWorkedRefactorIndex({
    title: WORKED_REFACTOR_TITLE,
    focus: FOCUS,
    records: records.map((path) => all.find((r) => r.path === path)!),
    loops: loops.map((l: Loop) => ({ id: l.id, title: l.title, status: l.status, path: l.path })),
    dailyNotes: [handoff1.path, handoff2.path],
    summaries: [summary1.path, summary2.path],
    narrative: narrative.path,
    created: at(times.day2, 135).now().toISOString().replace(/\.\d{3}Z$/, "Z"),
  }));
  return { records, loops: loops.map((l) => l.path), dailyNotes: [handoff1.path, handoff2.path], summaries: [summary1.path, summary2.path], narrative: narrative.path, index };
}

async function close(vault: VaultPort, settings: DecpSettings, id: string, clock: Clock, outcome: { result: string; evidence: string }): Promise<void> {
  const [loop] = findLoops((await listLoops(vault, settings)).loops, [id]);
  await changeLoopStatus(vault, loop.path, "closed", { clock, outcome });
}
