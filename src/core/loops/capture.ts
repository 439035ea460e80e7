// Capture with approval: agent text -> proposals linked to model notes -> loop notes. Agents only
// propose; the CLI writes `proposed` notes, the review modal writes only what a human approved.

import type { Clock } from "../ports";
import type { DecpSettings } from "../settings";
import type { VaultPort } from "../vault";
import { parseAgentLoops, type CaptureProblem, type LoopProposal } from "./agent-loops";
import { isoSeconds } from "../timestamps";
import type { LoopStatus } from "./loop";
import { linkModels, listModelNotes } from "./model-links";
import { createLoops, type CreatedLoops, type LoopDraft } from "./store";

export interface PreparedCapture {
  proposals: LoopProposal[];
  problems: CaptureProblem[];
}

/** Parses agent text and links every proposal to the model notes it names or mentions. */
export async function prepareCapture(vault: VaultPort, settings: DecpSettings, text: string): Promise<PreparedCapture> {
  const { proposals, problems } = parseAgentLoops(text);
  const models = [...(await listModelNotes(vault, settings)).keys()];
  for (const p of proposals) {
    p.models = linkModels(p.models, [p.title, p.context, p.question], models);
    if (p.captured !== undefined && Number.isNaN(Date.parse(p.captured))) {
      problems.push({
        line: p.line,
        message: `captured ${JSON.stringify(p.captured)} is not a date; the capture time is used`,
      });
      p.captured = undefined;
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { proposals, problems };
}

/** Unknown tags are kept as lines of the context, so nothing the agent wrote is lost. */
export function proposalToDraft(p: LoopProposal, session?: string): LoopDraft {
  const extra = p.extra.map((e) => `${e.tag}: ${e.text}`).join("\n");
  return {
    id: p.id,
    title: p.title,
    context: [p.context, extra].filter(Boolean).join("\n\n"),
    question: p.question,
    models: p.models,
    captured: p.captured
      ? Number.isNaN(Date.parse(p.captured))
        ? p.captured
        : isoSeconds(new Date(p.captured))
      : undefined,
    session,
  };
}

export interface CaptureResult extends CreatedLoops {
  problems: CaptureProblem[];
}

/** Writes every proposal as a loop note (`proposed` unless a human already approved them). */
export async function captureLoops(
  vault: VaultPort,
  settings: DecpSettings,
  text: string,
  options: { clock: Clock; session?: string; status?: Extract<LoopStatus, "proposed" | "open"> },
): Promise<CaptureResult> {
  const prepared = await prepareCapture(vault, settings, text);
  const created = await createLoops(
    vault,
    settings,
    prepared.proposals.map((p) => proposalToDraft(p, options.session)),
    { clock: options.clock, status: options.status ?? "proposed" },
  );
  const problems = [...prepared.problems];
  created.renumbered.forEach((r) => {
    const p = prepared.proposals.find((x) => x.id === r.from || x.givenId === r.from);
    problems.push({ line: p?.line ?? 0, message: `${r.from} is ${r.reason}; renumbered to ${r.to}` });
  });
  return { ...created, problems };
}
