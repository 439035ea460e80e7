// The PR narrative: problem (approved loops), reasoning (loop outcomes and context decisions), proof
// (closed loops with evidence), impact (downstream models in the lineage, and the models that read
// the columns a closed loop's evidence checked with `decp impact`), follow-ups (loops still open).
// Type `pr-narrative`.

import {
  columnImpact,
  loadLineageFromVault,
  namedImpact,
  selectNodes,
  type ColumnImpact,
  type LineageNode,
} from "../dbt";
import { findLoops, isAchieved, listLoops, parseOutcome, type Loop } from "../loops";
import { isoSeconds } from "../timestamps";
import { wikilink } from "../wikilinks";
import type { Clock } from "../ports";
import type { DailyNoteSettings, DecpSettings } from "../settings";
import { basename, joinVaultPath, type VaultPort } from "../vault";
import { renderGeneratedNote, writeGeneratedNote, type GeneratedWrite } from "./generated-note";
import { loopLine, noteLink, prose } from "./handoff-render";
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

/** Who reads a column (`model.column`), by note name: what `decp impact` answers. */
export type ColumnImpactLookup = (column: string) => Promise<ColumnImpact | null>;

/** `decp impact` over the lineage rebuilt from the model notes; null when the model is not in the vault. */
export function columnImpactFromLineage(vault: VaultPort, settings: DecpSettings): ColumnImpactLookup {
  return async (column) => {
    const graph = await loadLineageFromVault(vault, settings);
    try {
      return namedImpact(graph, columnImpact(graph, column));
    } catch {
      return null;
    }
  };
}

/** A column whose readers a loop's evidence established, and the answer now. */
export interface ColumnEvidence {
  loop: Loop;
  impact: ColumnImpact;
}

export interface NarrativeInput {
  title: string;
  loops: Loop[];
  decisions: ContextDecision[];
  downstream: string[];
  columns?: ColumnEvidence[];
}

/** Downstream lists longer than this are given as a count and the command that lists them. */
const DOWNSTREAM_LISTED = 10;
/** `decp impact <vault> dim_customers.segment` in a loop's evidence names the column it checked. */
const IMPACT_COMMAND = /decp impact \S+ ([^\s`'"]+\.[^\s`'".,;]+)/g;

export function renderPrNarrative(input: NarrativeInput, now: Date, source: string): string {
  // Only approved work: a proposal nobody approved, or one that was rejected, is neither a problem this
  // change solves nor proof.
  const loops = input.loops.filter((l) => l.status !== "proposed" && !l.rejected);
  const closed = loops.filter(isAchieved);
  const followUps = loops.filter((l) => l.status === "open" || l.status === "clarifying");
  const models = [...new Set(loops.flatMap((l) => l.models))].sort();
  // Why a context was chosen, as the person wrote it in the record; its token figures are in the record.
  const rationales = [...new Map(input.decisions.filter((r) => r.why).map((r) => [oneLine(r.why), r]))];
  const body = [
    `# PR narrative: ${input.title}`,
    "",
    "## Problem",
    ...(loops.length
      ? loops.map((l) => `- ${l.title}${prose(l.question) ? `: ${prose(l.question)}` : ""}`)
      : ["- No loops in scope"]),
    ...(models.length ? ["", `Models in scope: ${models.map(wikilink).join(", ")}`] : []),
    "",
    "## Reasoning",
    ...closed.map((l) => {
      const o = parseOutcome(l.outcome);
      return `- ${l.id}: ${sentence(o.result, o.decision ? ` (${wikilink(o.decision)})` : "")}`;
    }),
    ...rationales.map(([text, r]) => `- ${sentence(text, ` (${noteLink(r.path, basename(r.path))})`)}`),
    ...(closed.length + rationales.length === 0 ? ["- No decisions recorded"] : []),
    "",
    "## Proof",
    ...(closed.length
      ? closed.map((l) => {
          const o = parseOutcome(l.outcome);
          return `- ${noteLink(l.path, l.id)} ${l.title}: ${sentence(o.result)}${o.evidence ? ` Evidence: ${sentence(o.evidence)}` : ""}`;
        })
      : ["- No loop closed yet"]),
    "",
    "## Impact",
    downstreamLine(models, input.downstream),
    ...(input.columns ?? []).map(columnLine),
    "",
    "## Follow-ups",
    ...(followUps.length ? followUps.map(loopLine) : ["- None"]),
    "",
  ].join("\n");
  return renderGeneratedNote(
    { type: "pr-narrative", source, generated: isoSeconds(now), loops: loops.map((l) => l.id) },
    body,
  );
}

function downstreamLine(models: string[], downstream: string[]): string {
  if (downstream.length === 0) return "- Downstream (0): none";
  if (downstream.length <= DOWNSTREAM_LISTED)
    return `- Downstream (${downstream.length}): ${downstream.map(wikilink).join(", ")}`;
  const selector = models.map((m) => `${m}+`).join(" ");
  return `- Downstream (${downstream.length}): the models \`decp select <vault> "${selector}"\` lists, besides ${models.map(wikilink).join(", ")}`;
}

function columnLine({ loop, impact }: ColumnEvidence): string {
  const [model, column] = [
    impact.column.slice(0, impact.column.lastIndexOf(".")),
    impact.column.slice(impact.column.lastIndexOf(".") + 1),
  ];
  const readers = [...impact.direct, ...impact.transitive].sort();
  const how = `${impact.direct.length} directly, ${impact.transitive.length} through columns computed from it`;
  const unknown = impact.unknown.length ? `; column usage unknown for ${impact.unknown.map(wikilink).join(", ")}` : "";
  return `- ${readers.length} of the ${impact.downstream} read \`${column}\` of ${wikilink(model)} (${how}; \`decp impact <vault> ${impact.column}\`, the evidence of ${noteLink(loop.path, loop.id)})${readers.length ? `: ${readers.map(wikilink).join(", ")}` : ""}${unknown}`;
}

/** One line ending in exactly one full stop, after `tail` (a link that belongs to it). */
function sentence(text: string, tail = ""): string {
  const line = prose(text).replace(/[.\s]+$/, "");
  return line ? `${line}${tail}.` : "";
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
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
  options: {
    date?: string;
    loops?: string[];
    clock: Clock;
    downstream?: DownstreamLookup;
    columns?: ColumnImpactLookup;
    write?: boolean;
  },
): Promise<PrNarrativeResult> {
  const date = sessionDay(options.date, options.clock).toISODate()!;
  const session = await collectSession(vault, settings, daily, { date, clock: options.clock });
  const loops = options.loops?.length
    ? findLoops((await listLoops(vault, settings)).loops, options.loops)
    : [...new Map([...session.captured, ...session.closed].map((l) => [l.id, l])).values()];
  const lookup = options.downstream ?? downstreamFromLineage(vault, settings);
  const approved = loops.filter((l) => l.status !== "proposed" && !l.rejected);
  const downstream = await lookup([...new Set(approved.flatMap((l) => l.models))]);
  const columns = await columnEvidence(approved, options.columns ?? columnImpactFromLineage(vault, settings));
  const path = joinVaultPath(settings.sessionsFolder, `${date} PR narrative.md`);
  const text = renderPrNarrative(
    { title: `session of ${date}`, loops, decisions: session.decisions, downstream, columns },
    options.clock.now(),
    wikilink(session.name),
  );
  if (options.write === false) return { path, status: "unchanged", text };
  return { ...(await writeGeneratedNote(vault, path, text)), text };
}

/** The columns closed loops checked with `decp impact`, answered again from the vault as it is now. */
async function columnEvidence(loops: Loop[], lookup: ColumnImpactLookup): Promise<ColumnEvidence[]> {
  const out: ColumnEvidence[] = [];
  const seen = new Set<string>();
  for (const loop of loops.filter((l) => l.status === "closed")) {
    for (const match of (parseOutcome(loop.outcome).evidence ?? "").matchAll(IMPACT_COMMAND)) {
      if (seen.has(match[1])) continue;
      seen.add(match[1]);
      const impact = await lookup(match[1]);
      if (impact) out.push({ loop, impact });
    }
  }
  return out;
}
