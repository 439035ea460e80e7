// What the sync writes on either side once the merge has decided: the draft of a new task for a loop,
// an existing task with the pushed fields (the whole task goes back on an update, so unknown fields
// stay), and the change a loop note takes from the pulled ones.

import type { TickTickSettings } from "../settings";
import { parseTickTickDate, priorityToTask, taskDateFields } from "./dates";
import type { LocalChange } from "./loop-store";
import { clarifiedText, exportList, localFields, taskTitle, type SyncFields, type SyncLoop } from "./mapping";
import type { TickTickTask, TickTickTaskDraft } from "./types";

export function newTaskDraft(loop: SyncLoop, settings: TickTickSettings, vaultName: string): TickTickTaskDraft {
  const status = loop.status === "proposed" ? "open" : loop.status;
  const dates = taskDateFields(loop.due, "UTC");
  const tags =
    status === "clarifying" && settings.waitingMode === "tag" && settings.waitingTag ? [settings.waitingTag] : [];
  return {
    projectId: exportList(status, settings),
    title: taskTitle(loop),
    content: localFields(loop, vaultName, "").content,
    priority: priorityToTask(loop.priority),
    status: 0,
    tags,
    ...(dates.dueDate ? dates : {}),
  };
}

export function taskWithPush(
  loop: Pick<SyncLoop, "id">,
  task: TickTickTask,
  push: Partial<SyncFields>,
  settings: TickTickSettings,
): TickTickTask {
  const next: TickTickTask = { ...task };
  if (push.title !== undefined) next.title = taskTitle({ id: loop.id, title: push.title });
  if (push.content !== undefined) next.content = push.content;
  if (push.priority !== undefined) next.priority = priorityToTask(push.priority);
  if (push.due !== undefined) {
    const dates = taskDateFields(push.due || undefined, task.timeZone || "UTC");
    next.dueDate = dates.dueDate;
    next.startDate = dates.startDate;
    next.isAllDay = dates.isAllDay;
  }
  if (push.status === "open" || push.status === "clarifying") {
    next.status = 0;
    if (settings.waitingMode === "tag" && settings.waitingTag) {
      const tags = (task.tags ?? []).filter((t) => t !== settings.waitingTag);
      next.tags = push.status === "clarifying" ? [...tags, settings.waitingTag] : tags;
    }
  }
  return next;
}

/**
 * The change a loop note takes from TickTick: the pulled fields, `clarified` stamped `now`, a close
 * dated by the task's completion, and only what the user wrote in TickTick as the clarified text.
 */
export function noteChange(
  pull: Partial<SyncFields>,
  task: TickTickTask,
  context: { agreedContent: string; now: string; listName: (list: string) => string },
): LocalChange {
  const change: LocalChange = { clarified: context.now };
  if (pull.title !== undefined) change.title = pull.title;
  if (pull.status !== undefined) change.status = pull.status;
  if (pull.status === "closed") change.closed = parseTickTickDate(task.completedTime) ?? change.clarified;
  if (pull.due !== undefined) change.due = pull.due;
  if (pull.priority !== undefined) change.priority = pull.priority;
  if (pull.list !== undefined) change.list = context.listName(pull.list);
  if (pull.content !== undefined) change.clarifiedText = clarifiedText(pull.content, context.agreedContent);
  return change;
}
