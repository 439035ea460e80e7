// TickTick dates: "2026-01-21T14:30:00+0000" (sometimes "...:00.000+0000"). All-day dates come back
// as local midnight expressed in UTC, so the calendar day is recovered in the task's time zone.

import { DateTime } from "luxon";
import type { LoopPriority } from "../loops";

/** A TickTick timestamp as ISO UTC without milliseconds ("2026-01-21T14:30:00Z"), or undefined. */
export function parseTickTickDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const normalized = value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const parsed = DateTime.fromISO(normalized, { setZone: true });
  if (!parsed.isValid) return undefined;
  return parsed.toUTC().set({ millisecond: 0 }).toISO({ suppressMilliseconds: true }) ?? undefined;
}

/** The due value a loop keeps: "2026-01-22" for an all-day task, an ISO UTC time otherwise. */
export function dueFromTask(task: { dueDate?: string; isAllDay?: boolean; timeZone?: string }): string | undefined {
  const iso = parseTickTickDate(task.dueDate);
  if (!iso) return undefined;
  if (!task.isAllDay) return iso;
  const zone = task.timeZone || "UTC";
  const local = DateTime.fromISO(iso, { zone: "utc" }).setZone(zone);
  return (local.isValid ? local : DateTime.fromISO(iso, { zone: "utc" })).toISODate() ?? undefined;
}

/** Formats an ISO instant the way TickTick sends it: "2026-01-21T14:30:00+0000". */
export function formatTickTickDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: "utc" }).toFormat("yyyy-MM-dd'T'HH:mm:ss") + "+0000";
}

/** TickTick date fields for a loop's due value (a day means all-day in `zone`). */
export function taskDateFields(
  due: string | undefined,
  zone: string,
): { dueDate?: string; startDate?: string; isAllDay: boolean } {
  if (!due) return { isAllDay: false };
  if (/^\d{4}-\d{2}-\d{2}$/.test(due)) {
    const midnight = DateTime.fromISO(due, { zone }).startOf("day").toUTC().toISO() ?? due;
    const value = formatTickTickDate(midnight);
    return { dueDate: value, startDate: value, isAllDay: true };
  }
  const value = formatTickTickDate(due);
  return { dueDate: value, startDate: value, isAllDay: false };
}

/** Loop priority words <-> TickTick's 0/1/3/5. */
const PRIORITY_TO_NUMBER: Record<LoopPriority, number> = { none: 0, low: 1, medium: 3, high: 5 };

export function priorityFromTask(value: number | undefined): LoopPriority {
  if (value === 5) return "high";
  if (value === 3) return "medium";
  if (value === 1) return "low";
  return "none";
}

export function priorityToTask(value: string | undefined): number {
  return PRIORITY_TO_NUMBER[(value ?? "none") as LoopPriority] ?? 0;
}
