// The GTD mapping between a loop and a TickTick task: open -> next action in the configured list,
// clarifying -> waiting for (a tag or a list), closed -> completed. Title "LOOP-007 <title>"; the
// content carries the question, a short context, a link back and the `decp:LOOP-007` marker line
// that lets the sync find its own tasks again (zero duplicates after an unknown create).

import type { TickTickSettings } from "../settings";
import type { LoopPriority } from "../loops";
import { dueFromTask, priorityFromTask } from "./dates";
import type { TickTickTask } from "./types";

export type SyncStatus = "open" | "clarifying" | "closed";

/** The fields the sync merges, in one domain for both sides. */
export interface SyncFields {
  title: string;
  status: SyncStatus;
  /** Task content (remote) or the content rendered from the loop (local). */
  content: string;
  due: string;
  priority: LoopPriority;
  /** "inbox" or a project id. */
  list: string;
}

/** What the sync needs from a loop (the loops area owns the note format). */
export interface SyncLoop {
  id: string;
  status: "proposed" | SyncStatus;
  title: string;
  context: string;
  question: string;
  path: string;
  ticktickId?: string;
  /** A proposal closed without approval: never exported (it is not a completed task). */
  rejected?: boolean;
  due?: string;
  priority?: LoopPriority;
  list?: string;
}

const MARKER = /^decp:(LOOP-\d{3,})\s*$/m;

export function markerLine(loopId: string): string {
  return `decp:${loopId}`;
}

/** The loop id in a task's content marker, if any. */
export function markerOf(task: Pick<TickTickTask, "content">): string | undefined {
  return MARKER.exec(task.content ?? "")?.[1];
}

export function taskTitle(loop: Pick<SyncLoop, "id" | "title">): string {
  return `${loop.id} ${loop.title}`;
}

/** The title without the id prefix the export added (the user may have dropped it). */
export function loopTitleFromTask(title: string, loopId?: string): string {
  const stripped = loopId
    ? title.replace(new RegExp(`^\\s*${loopId}\\b[\\s:-]*`), "")
    : title.replace(/^\s*LOOP-\d{3,}\b[\s:-]*/, "");
  return stripped.trim() || title.trim();
}

export function obsidianLink(vaultName: string, path: string): string {
  return `obsidian://open?vault=${encodeURIComponent(vaultName)}&file=${encodeURIComponent(path.replace(/\.md$/, ""))}`;
}

function shortContext(context: string, limit = 280): string {
  const flat = context.replace(/\s+/g, " ").trim();
  return flat.length > limit ? flat.slice(0, limit).replace(/\s+\S*$/, "") + "…" : flat;
}

export function renderTaskContent(loop: SyncLoop, vaultName: string): string {
  const parts = [loop.question.trim() || loop.title];
  const context = shortContext(loop.context);
  if (context) parts.push(`Context: ${context}`);
  parts.push(`Open in Obsidian: ${obsidianLink(vaultName, loop.path)}\n${markerLine(loop.id)}`);
  return parts.join("\n\n");
}

/** Task content minus the lines the export generates (link back, marker). */
export function userText(content: string): string {
  return content
    .split("\n")
    .filter((line) => !MARKER.test(line) && !/^Open in Obsidian: obsidian:\/\//.test(line))
    .join("\n")
    .trim();
}

export function normalizeList(projectId: string, inboxId?: string): string {
  return projectId === inboxId || /^inbox\d*$/.test(projectId) ? "inbox" : projectId;
}

export function localFields(loop: SyncLoop, vaultName: string, knownList: string): SyncFields {
  return {
    title: loop.title.trim(),
    status: loop.status === "proposed" ? "open" : loop.status,
    content: renderTaskContent(loop, vaultName),
    due: loop.due ?? "",
    priority: loop.priority ?? "none",
    list: knownList,
  };
}

export function remoteFields(task: TickTickTask, loopId: string, settings: TickTickSettings): SyncFields {
  const list = normalizeList(task.projectId);
  const waiting =
    settings.waitingMode === "tag"
      ? (task.tags ?? []).includes(settings.waitingTag)
      : settings.waitingListId !== "" && list === settings.waitingListId;
  return {
    title: loopTitleFromTask(task.title, loopId),
    status: task.status === 2 ? "closed" : waiting ? "clarifying" : "open",
    content: task.content ?? "",
    due: dueFromTask(task) ?? "",
    priority: priorityFromTask(task.priority),
    list,
  };
}

/** The list a new task goes to. */
export function exportList(status: SyncStatus, settings: TickTickSettings): string {
  if (status === "clarifying" && settings.waitingMode === "list" && settings.waitingListId)
    return settings.waitingListId;
  return settings.listId || "inbox";
}

/** True for a task the user made in TickTick that should become a new loop. */
export function isImportCandidate(task: TickTickTask, settings: TickTickSettings): boolean {
  if (task.status === 2 || markerOf(task)) return false;
  if (settings.importListId && normalizeList(task.projectId) === settings.importListId) return true;
  return settings.importTag !== "" && (task.tags ?? []).includes(settings.importTag);
}

/** The context of a loop imported from TickTick; the task id in it lets a crashed import be found again. */
export function importedContext(taskId: string, listName: string): string {
  return `Captured in TickTick (list ${listName}; ticktick:${taskId}).`;
}

/**
 * What the user wrote in TickTick: the task's text minus the lines the sync itself sent last time
 * (question, context, link, marker). When nothing new remains, the whole remaining text.
 */
export function clarifiedText(remoteContent: string, agreedContent: string): string {
  const sent = new Set(
    userText(agreedContent)
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== ""),
  );
  const text = userText(remoteContent);
  const added = text
    .split("\n")
    .filter((line) => !sent.has(line.trim()))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return added || text;
}
