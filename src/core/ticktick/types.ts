// TickTick Open API shapes (https://developer.ticktick.com/api): only the fields the sync reads or
// must send back unchanged. An update sends the whole object, so unknown fields are kept too.

export interface TickTickProject {
  id: string;
  name: string;
  closed?: boolean;
  [key: string]: unknown;
}

export interface TickTickTask {
  id: string;
  projectId: string;
  title: string;
  content?: string;
  desc?: string;
  isAllDay?: boolean;
  /** "2026-01-21T14:30:00+0000" (sometimes with milliseconds). */
  startDate?: string;
  dueDate?: string;
  timeZone?: string;
  reminders?: string[];
  repeatFlag?: string;
  /** 0 none, 1 low, 3 medium, 5 high. */
  priority?: number;
  /** 0 open, 2 completed. */
  status?: number;
  completedTime?: string;
  sortOrder?: number;
  items?: unknown[];
  tags?: string[];
  [key: string]: unknown;
}

/** What a create sends: no id yet. */
export type TickTickTaskDraft = Partial<TickTickTask> & { title: string; projectId: string };
