// The PR narrative: problem, reasoning (decisions and why), proof (closed loops with evidence),
// impact (downstream models in the lineage), follow-ups (loops still open). Type `pr-narrative`.

import { loadLineageFromVault, selectNodes, type LineageNode } from "../dbt";
import { findLoops, isAchieved, listLoops, parseOutcome, type Loop } from "../loops";
import { isoSeconds } from "../timestamps";
import { wikilink } from "../wikilinks";
import type { Clock } from "../ports";
import type { DailyNoteSettings, DecpSettings } from "../settings";
import { basename, joinVaultPath, type VaultPort } from "../vault";
import { renderGeneratedNote, writeGeneratedNote, type GeneratedWrite } from "./generated-note";
import { contextLine, loopLine, noteLink, prose } from "./handoff-render";
import { collectSession, sessionDay } from "./session-data";
import type { ContextDecision } from "./context-records";

/** Models downstream of the given ones (dbt `model+` minus the models themselves), as note names. */
export type DownstreamLookup = (models: string[]) => Promise<string[]>;

/** Downstream through the dbt lineage rebuilt from the model notes (`selectNodes(graph, "m+")`). */
export function downstreamFromLineage(vault: VaultPort, settings: DecpSettings): DownstreamLookup {
  return async (models) => {
    const graph = await loadLineageFromVault(vault, settings);
    const byNote = new Map([...graph.nodes.values()].map((n) => [basename(n.notePath), n]));
    const start = models.map((m) => byNote.get(m)).filter((n): n is LineageNode => n !== undefined);
    if (start.length === 0) return [];
    const own = new Set(start.map((n) => n.uniqueId));
    const ids = selectNodes(graph, start.map((n) => `${n.name}+`).join(" "));
    return ids
      .filter((id) => !own.has(id))
      .map((id) => basename(graph.nodes.get(id)!.notePath))
      .sort();
  };
}

export interface NarrativeInput {
  title: string;
  loops: Loop[];
  decisions: ContextDecision[];
  downstream: string[];
}

export function renderPrNarrative(narrated: NarrativeInput, now: Date, source: string): string {
  // A rejected proposal is an idea nobody took up: neither a problem this change solves nor proof.
  const input = { ...narrated, loops: narrated.loops.filter((l) => !l.rejected) };
  const closed = input.loops.filter(isAchieved);
  const followUps = input.loops.filter(
    (l) => l.status === "open" || l.status === "clarifying" || l.status === "proposed",
  );
  const models = [...new Set(input.loops.flatMap((l) => l.models))].sort();
  const decisionRefs = closed
    .map((l) => ({ loop: l, outcome: parseOutcome(l.outcome) }))
    .filter((d) => d.outcome.decision);
  const body = [
    `# PR narrative: ${input.title}`,
    "",
    "## Problem",
    ...(input.loops.length
      ? input.loops.map((l) => `- ${l.title}${prose(l.question) ? `: ${prose(l.question)}` : ""}`)
      : ["- No loops in scope"]),
    ...(models.length ? ["", `Models in scope: ${models.map(wikilink).join(", ")}`] : []),
    "",
    "## Reasoning",
    ...decisionRefs.map((d) => `- ${d.loop.id}: ${prose(d.outcome.result)} (${wikilink(d.outcome.decision!)})`),
    ...input.decisions.map(
      (r) => `- Context: ${contextLine(r)}${r.rationale ? `. ${r.rationale.replace(/\s+/g, " ")}` : ""}`,
    ),
    ...(decisionRefs.length + input.decisions.length === 0 ? ["- No decisions recorded"] : []),
    "",
    "## Proof",
    ...(closed.length
      ? closed.map((l) => {
          const o = parseOutcome(l.outcome);
          return `- ${noteLink(l.path, l.id)} ${l.title}: ${prose(o.result)}${o.evidence ? `. Evidence: ${o.evidence}` : ""}`;
        })
      : ["- No loop closed yet"]),
    "",
    "## Impact",
    `- Changed models: ${models.length ? models.map(wikilink).join(", ") : "none recorded"}`,
    `- Downstream (${input.downstream.length}): ${input.downstream.length ? input.downstream.map(wikilink).join(", ") : "none"}`,
    "",
    "## Follow-ups",
    ...(followUps.length ? followUps.map(loopLine) : ["- None"]),
    "",
  ].join("\n");
  return renderGeneratedNote(
    { type: "pr-narrative", source, generated: isoSeconds(now), loops: input.loops.map((l) => l.id) },
    body,
  );
}

export interface PrNarrativeResult extends GeneratedWrite {
  text: string;
}

/**
 * Drafts the narrative for a session (a day) or for explicit loops, and writes it into the
 * Sessions folder. Decisions come from the session's context records.
 */
export async function draftPrNarrative(
  vault: VaultPort,
  settings: DecpSettings,
  daily: DailyNoteSettings,
  options: { date?: string; loops?: string[]; clock: Clock; downstream?: DownstreamLookup; write?: boolean },
): Promise<PrNarrativeResult> {
  const date = sessionDay(options.date, options.clock).toISODate()!;
  const session = await collectSession(vault, settings, daily, { date, clock: options.clock });
  const loops = options.loops?.length
    ? findLoops((await listLoops(vault, settings)).loops, options.loops)
    : [...new Map([...session.captured, ...session.closed].map((l) => [l.id, l])).values()];
  const lookup = options.downstream ?? downstreamFromLineage(vault, settings);
  const downstream = await lookup([...new Set(loops.flatMap((l) => l.models))]);
  const path = joinVaultPath(settings.sessionsFolder, `${date} PR narrative.md`);
  const text = renderPrNarrative(
    { title: `session of ${date}`, loops, decisions: session.decisions, downstream },
    options.clock.now(),
    wikilink(session.name),
  );
  if (options.write === false) return { path, status: "unchanged", text };
  return { ...(await writeGeneratedNote(vault, path, text)), text };
}
