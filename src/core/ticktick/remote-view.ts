// One read of everything the sync compares against: every list (the Inbox is missing from
// /project, so it is read by its alias), their open tasks, and completed tasks.

import type { TickTickClient } from "./client";
import { markerOf, normalizeList } from "./mapping";
import type { TickTickProject, TickTickTask } from "./types";

export interface RemoteView {
  projects: TickTickProject[];
  byId: Map<string, TickTickTask>;
  /** Loop id -> task carrying its `decp:` marker (the first one wins; duplicates are reported). */
  byMarker: Map<string, TickTickTask>;
  duplicates: string[];
  all: TickTickTask[];
}

export async function readRemoteView(client: TickTickClient): Promise<RemoteView> {
  const projects = (await client.listProjects()).filter((p) => !p.closed && !/^inbox\d*$/.test(p.id));
  const lists = ["inbox", ...projects.map((p) => p.id)];
  const tasks: TickTickTask[] = [];
  for (const list of lists) tasks.push(...(await client.projectTasks(list)));
  tasks.push(...(await client.completedTasks(lists)));
  return indexTasks(projects, tasks);
}

export function indexTasks(projects: TickTickProject[], tasks: TickTickTask[]): RemoteView {
  const view: RemoteView = { projects, byId: new Map(), byMarker: new Map(), duplicates: [], all: [] };
  for (const task of tasks) addTask(view, task);
  return view;
}

export function addTask(view: RemoteView, task: TickTickTask): void {
  if (view.byId.has(task.id)) return;
  view.byId.set(task.id, task);
  view.all.push(task);
  const marker = markerOf(task);
  if (!marker) return;
  if (view.byMarker.has(marker)) view.duplicates.push(marker);
  else view.byMarker.set(marker, task);
}

export function listName(view: RemoteView, list: string): string {
  if (normalizeList(list) === "inbox") return "Inbox";
  return view.projects.find((p) => p.id === list)?.name ?? list;
}
