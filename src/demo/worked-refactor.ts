// The worked refactor's second session, the morning after the demo session (demo-session.ts): resume
// from the handoff, answer the segment loop with evidence read from the demo project itself, narrow
// the context to the dimension's upstream, and end with a handoff, a summary and the PR narrative of
// the whole refactor; then the index note linking both sessions. Core functions at fixed times only.

import { listContextRecords, packAroundFocus, saveContextRecord, type TokenCounter } from "../core/context";
import { loadLineageFromVault, selectNodes } from "../core/dbt";
import { approveLoops, captureLoops, changeLoopStatus, findLoops, listLoops } from "../core/loops";
import type { Clock } from "../core/ports";
import { draftPrNarrative, writeHandoff, writeSessionSummary } from "../core/session";
import type { DecpSettings } from "../core/settings";
import { isoSeconds } from "../core/timestamps";
import type { VaultPort } from "../core/vault";
import { DEMO_BUDGETS, DEMO_FOCUS, type DemoSession } from "./demo-session";
import { renderWorkedRefactorIndex, WORKED_REFACTOR_TITLE, workedRefactorPath } from "./worked-refactor-index";

/** The dbt selector of the models the segment loop asks about: the reporting models reading the dimension. */
export const SEGMENT_READERS = `${DEMO_FOCUS}+1,tag:reporting`;
/** What the copilot raised in the second session, as pasted. */
export const NEXT_LOOP_REPLY = `The segment model can start today or replay history; that is your call:

<loop>
  <title>Backfill the segment history</title>
  <context>int_customer_segments starts empty; earlier segments of dim_customers exist only in the CRM snapshot.</context>
  <question>Build the first segment periods from the snapshot, or start the history on the deploy date?</question>
  <model>dim_customers</model>
</loop>
`;

/** What rewriting the dimension needs once its consumers are cleared: everything it is built from. */
export const UPSTREAM = `+${DEMO_FOCUS}`;

export interface SecondSessionSteps {
  /** The clock for step n (minutes after the second session starts); it also stamps the vault's writes. */
  at(minutes: number): Clock;
  counter: TokenCounter;
}

export interface WorkedRefactor {
  contextRecord: string;
  handoff: string;
  summary: string;
  prNarrative: string;
  index: string;
}

export async function runSecondSession(
  vault: VaultPort,
  settings: DecpSettings,
  first: DemoSession,
  steps: SecondSessionSteps,
): Promise<WorkedRefactor> {
  const daily = settings.dailyNotes;
  const [grain, segment, ltv] = first.loops;

  // The loop first: read the answer off the project (a scan, not a pack: 200 notes do not fit any budget).
  const evidence = await segmentEvidence(vault, settings);
  await changeLoopStatus(vault, findLoops((await listLoops(vault, settings)).loops, [segment.id])[0].path, "closed", {
    clock: steps.at(20),
    outcome: {
      result:
        evidence.readers === 0
          ? `No reporting model selects customer_segment: all ${evidence.models} join dim_customers on customer_id only, so the segment split changes none of them`
          : `${evidence.readers} of ${evidence.models} reporting models select customer_segment and must join the new segment model`,
      evidence: `\`decp select <vault> "${SEGMENT_READERS}"\` lists ${evidence.models} models; ${evidence.readers} of their notes (SQL included) mention segment`,
    },
  });
  // With the consumers cleared, the context narrows to what the rewrite needs: the dimension's
  // upstream, two rings deep, and none of its children.
  const pack = await packAroundFocus(
    vault,
    settings,
    { focus: DEMO_FOCUS, budget: DEMO_BUDGETS[1], depth: 2, selector: UPSTREAM },
    { counter: steps.counter },
  );
  const contextRecord = await saveContextRecord(vault, settings, pack, steps.at(30));

  // Writing the new model raises the next question; approved, it is the next session's action.
  const raised = await captureLoops(vault, settings, NEXT_LOOP_REPLY, {
    clock: steps.at(60),
    session: sessionName(steps),
  });
  const [backfill] = await approveLoops(
    vault,
    settings,
    raised.created.map((l) => l.id),
    steps.at(62),
  );

  const handoff = await writeHandoff(
    vault,
    settings,
    daily,
    {
      stoppedAt: `Segment split designed and its impact checked (${segment.id} closed); ${ltv.id} waits for finance`,
      nextAction: `Decide the segment history backfill (${backfill.id}), write int_customer_segments, then open the PR once finance answers ${ltv.id}`,
      reading: [DEMO_FOCUS],
    },
    steps.at(90),
  );
  const summary = await writeSessionSummary(vault, settings, daily, { clock: steps.at(92) });
  const narrative = await draftPrNarrative(vault, settings, daily, {
    clock: steps.at(95),
    loops: [grain.id, segment.id, ltv.id, backfill.id],
  });

  const { loops } = await listLoops(vault, settings);
  const records = await listContextRecords(vault, settings);
  const index = workedRefactorPath(settings);
  await vault.write(
    index,
    renderWorkedRefactorIndex({
      title: WORKED_REFACTOR_TITLE,
      focus: DEMO_FOCUS,
      task: first.task,
      records: [...first.contextRecords, contextRecord].map((path) => records.find((r) => r.path === path)!),
      loops: findLoops(
        loops,
        first.loops.map((l) => l.id),
      ),
      dailyNotes: [first.handoff, handoff.path],
      summaries: [first.summary, summary.path],
      narratives: [first.prNarrative, narrative.path],
      created: isoSeconds(steps.at(100).now()),
    }),
  );
  return { contextRecord, handoff: handoff.path, summary: summary.path, prNarrative: narrative.path, index };
}

/** Reads the answer off the demo project: which reporting models reading the dimension mention its segment column. */
async function segmentEvidence(vault: VaultPort, settings: DecpSettings): Promise<{ models: number; readers: number }> {
  const graph = await loadLineageFromVault(vault, settings);
  const ids = selectNodes(graph, SEGMENT_READERS);
  let readers = 0;
  for (const id of ids) if ((await vault.read(graph.nodes.get(id)!.notePath)).includes("segment")) readers++;
  return { models: ids.length, readers };
}

/** The daily note name of the second session (YYYY-MM-DD, as the demo's Daily notes are named). */
function sessionName(steps: SecondSessionSteps): string {
  return steps.at(0).now().toISOString().slice(0, 10);
}
