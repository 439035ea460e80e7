// The resume pack: what a new copilot session needs to start without re-explaining. Built from the
// latest handoff, the protocol bootloader, the project's STATE note, open and clarifying loops (with
// what came back when they were clarified) and the latest context decision, within a token budget.
// Prose is dropped before any open loop; if even the loops do not fit, it says so.

import { formatTokens } from "../context";
import { parseNote } from "../frontmatter";
import { BUNDLED_TEMPLATES, stripTeachingComments } from "../templates";
import { joinVaultPath, type VaultPort } from "../vault";
import type { DailyNoteSettings, DecpSettings } from "../settings";
import type { Loop } from "../loops";
import { linkTarget, plainLinks } from "../wikilinks";
import { listContextDecisions, type ContextDecision } from "./context-records";
import { activeLoops, latestHandoff } from "./handoff";
import type { Handoff } from "./handoff-parse";
import { contextLine, prose, singleLine } from "./handoff-render";
import { readProjectState, type ProjectState } from "./project-state";
import { findSections, outline } from "./section";

/** Longest clarification quoted in full; the loop note holds the rest. */
const CLARIFICATION_CHARS = 600;

export interface ResumeOptions {
  budget: number;
  /** Token counter; pass the context area's counter (exact BPE). */
  count: (text: string) => number;
  daily: DailyNoteSettings;
  /** Protocol text used when no BOOTLOADER note is installed; defaults to the bundled template. */
  bundledBootloader?: string;
}

export interface ResumePack {
  text: string;
  tokens: number;
  budget: number;
  fits: boolean;
  handoff: Handoff | null;
  /** Ids of every open and clarifying loop in the pack (always all of them). */
  loops: string[];
  /** What was shortened or left out to fit, in the order it was given up. */
  dropped: string[];
}

/**
 * BOOTLOADER sections written for the human who sets a path up, not for the agent on it: how to start
 * the server, how to paste. The protocol table already names each path's tool or command.
 */
const FOR_HUMANS_ONLY = ["Path specifics"];

function withoutHumanSections(text: string): string {
  const note = outline(text);
  const drop = findSections(note, 2, (title) => FOR_HUMANS_ONLY.includes(title));
  const lines = note.lines.filter((_line, i) => !drop.some((r) => i >= r.start && i < r.end));
  return lines.join("\n");
}

/**
 * The installed BOOTLOADER note, else the bundled template, as the agent reads it: frontmatter,
 * teaching comments and the sections for humans only removed.
 */
export async function readBootloader(
  vault: VaultPort,
  settings: DecpSettings,
  bundled?: string,
): Promise<{ text: string; source: string }> {
  const path = joinVaultPath(settings.protocolFolder, "BOOTLOADER.md");
  const installed = await vault.exists(path);
  const raw = installed ? await vault.read(path) : (bundled ?? BUNDLED_TEMPLATES.BOOTLOADER ?? "");
  const body = parseNote(raw, installed ? path : undefined).body;
  return {
    text: withoutHumanSections(stripTeachingComments(body))
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
    source: installed ? path : "the bundled BOOTLOADER template",
  };
}

function loopEntry(loop: Loop, full: boolean): string {
  const head = `- ${loop.id} (${loop.status === "clarifying" ? "clarifying: waiting for" : loop.status}) ${singleLine(loop.title)}`;
  if (!full) return head;
  const extra: string[] = [];
  if (prose(loop.question)) extra.push(`  Question: ${plainLinks(prose(loop.question))}`);
  if (loop.models.length) extra.push(`  Models: ${loop.models.join(", ")}`);
  if (loop.clarified || loop.clarification) {
    const when = `${loop.clarified ? ` ${loop.clarified}` : ""}${loop.ticktickId ? " in TickTick" : ""}`;
    extra.push(`  Clarified${when}${loop.clarification ? `: ${clarificationText(loop)}` : ""}`);
  }
  return [head, ...extra].join("\n");
}

function clarificationText(loop: Loop): string {
  const text = plainLinks(prose(loop.clarification ?? ""));
  if (text.length <= CLARIFICATION_CHARS) return text;
  return `${text.slice(0, CLARIFICATION_CHARS).replace(/\s+\S*$/, "")}… (the rest is in ${loop.id})`;
}

interface Parts {
  date: string;
  protocol: string | null;
  protocolSource: string;
  handoff: Handoff | null;
  state: ProjectState | null;
  showState: boolean;
  loops: Loop[];
  fullLoops: boolean;
  record: ContextDecision | undefined;
  showRecord: boolean;
}

function render(p: Parts): string {
  const out = [`# Resume pack: session of ${p.date}`, ""];
  // Plain names, not [[links]], throughout: the agent reads text, and names are what the tools take.
  out.push(
    "## Protocol",
    p.protocol ? plainLinks(p.protocol) : `(left out to fit the budget: read ${p.protocolSource})`,
    "",
  );
  out.push("## Last handoff");
  if (p.handoff) {
    out.push(
      `- Stopped at: ${plainLinks(p.handoff.stoppedAt) || "(not recorded)"}`,
      `- Next action: ${plainLinks(p.handoff.nextAction) || "(not recorded)"}`,
    );
    if (p.handoff.reading.length) out.push(`- Required reading: ${p.handoff.reading.map(linkTarget).join(", ")}`);
    out.push(`- Written in: ${p.handoff.dailyNote}`);
  } else out.push("- No handoff written yet");
  if (p.state && p.showState && p.state.text) out.push("", `## Project state (${p.state.path})`, p.state.text);
  out.push("", "## Open loops", ...(p.loops.length ? p.loops.map((l) => loopEntry(l, p.fullLoops)) : ["- None"]), "");
  if (p.record && p.showRecord) {
    out.push("## Latest context decision", `- ${plainLinks(contextLine(p.record))}`);
    if (p.record.rationale) out.push("", plainLinks(p.record.rationale));
    out.push("");
  }
  return out.join("\n");
}

export async function buildResumePack(
  vault: VaultPort,
  settings: DecpSettings,
  options: ResumeOptions,
): Promise<ResumePack> {
  const handoff = await latestHandoff(vault, options.daily);
  const boot = await readBootloader(vault, settings, options.bundledBootloader);
  const state = await readProjectState(vault, settings);
  const loops = await activeLoops(vault, settings);
  const [record] = await listContextDecisions(vault, settings);
  const parts: Parts = {
    date: handoff?.date ?? "(no handoff yet)",
    protocol: boot.text || null,
    protocolSource: boot.source,
    handoff,
    state,
    showState: true,
    loops,
    fullLoops: true,
    record,
    showRecord: true,
  };
  // Give up prose first, then loop detail; never a loop.
  const steps: [string, (p: Parts) => void][] = [
    ["protocol text", (p) => (p.protocol = null)],
    ["context decision", (p) => (p.showRecord = false)],
    ...(state?.text ? [["project state", (p: Parts) => (p.showState = false)] as [string, (p: Parts) => void]] : []),
    ["loop details", (p) => (p.fullLoops = false)],
  ];
  const dropped: string[] = [];
  let text = render(parts);
  let tokens = options.count(text);
  for (const [name, drop] of steps) {
    if (tokens <= options.budget) break;
    drop(parts);
    dropped.push(name);
    text = render(parts);
    tokens = options.count(text);
  }
  const fits = tokens <= options.budget;
  if (!fits) {
    text += `\n> The open loops alone need ${formatTokens(tokens)} tokens, above the budget of ${formatTokens(options.budget)}. They are all listed; raise the budget or close loops.\n`;
    tokens = options.count(text);
  }
  return { text, tokens, budget: options.budget, fits, handoff, loops: loops.map((l) => l.id), dropped };
}
