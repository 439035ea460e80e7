// The decp-loops query language (a code block in any note, Dataview-style), one `key: value` per
// line: status, model, session, captured, closed, limit. Bad lines are UserErrors with their line.

import { DateTime } from "luxon";
import { UserError } from "../errors";
import { isLoopStatus, LOOP_STATUSES, type Loop, type LoopStatus } from "./loop";
import { linkTarget } from "../wikilinks";

/** A date window, resolved against "now" when the query runs. */
export type DateWindow =
  | { kind: "last"; amount: number; unit: "days" | "weeks" | "months" }
  | { kind: "on"; date: string }
  | { kind: "since"; date: string }
  | { kind: "before"; date: string };

export interface LoopQuery {
  status?: LoopStatus[];
  models?: string[];
  sessions?: string[];
  captured?: DateWindow;
  closed?: DateWindow;
  limit?: number;
}

const KEYS = ["status", "model", "session", "captured", "closed", "limit"] as const;

function list(value: string): string[] {
  return value
    .split(",")
    .map((v) => linkTarget(v))
    .filter((v) => v !== "");
}

function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;
}

export function parseDateWindow(value: string, where: { file?: string; line: number }): DateWindow {
  const v = value.trim().toLowerCase();
  if (v === "today") return { kind: "last", amount: 0, unit: "days" };
  const last = /^last\s+(\d+)\s+(day|week|month)s?$/.exec(v);
  if (last) return { kind: "last", amount: Number(last[1]), unit: `${last[2]}s` as "days" | "weeks" | "months" };
  const since = /^(since|after|before)\s+(\S+)$/.exec(v);
  if (since && isDate(since[2])) return { kind: since[1] === "before" ? "before" : "since", date: since[2] };
  if (isDate(v)) return { kind: "on", date: v };
  throw new UserError(
    `Cannot read the date window "${value.trim()}"`,
    { ...where, token: value.trim() },
    'Write "today", "last 7 days", "last 2 weeks", "since 2026-01-01", "before 2026-01-01" or a date like 2026-01-21',
  );
}

/** Parses a decp-loops block. Blank lines and lines starting with # are ignored. */
export function parseLoopQuery(source: string, file?: string): LoopQuery {
  const query: LoopQuery = {};
  source.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (text === "" || text.startsWith("#")) return;
    const m = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(text);
    if (!m)
      throw new UserError(
        `Line "${text}" is not "key: value"`,
        { file, line, token: text },
        `Use one of: ${KEYS.join(", ")}`,
      );
    const key = m[1].toLowerCase();
    const value = m[2].trim();
    if (value === "")
      throw new UserError(`"${key}" has no value`, { file, line, token: key }, "Write a value after the colon");
    switch (key) {
      case "status": {
        const statuses = list(value).map((s) => s.toLowerCase());
        const bad = statuses.find((s) => !isLoopStatus(s));
        if (bad)
          throw new UserError(
            `Unknown status "${bad}"`,
            { file, line, token: bad },
            `Use one of: ${LOOP_STATUSES.join(", ")}`,
          );
        query.status = statuses as LoopStatus[];
        return;
      }
      case "model":
      case "models":
        query.models = list(value);
        return;
      case "session": {
        query.sessions = list(value).map((s) =>
          s.toLowerCase() === "today" || s.toLowerCase() === "yesterday" ? s.toLowerCase() : s,
        );
        return;
      }
      case "captured":
      case "closed":
        query[key] = parseDateWindow(value, { file, line });
        return;
      case "limit": {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1)
          throw new UserError(`limit must be a whole number above 0, not "${value}"`, { file, line, token: value });
        query.limit = n;
        return;
      }
      default:
        throw new UserError(`Unknown key "${m[1]}"`, { file, line, token: m[1] }, `Use one of: ${KEYS.join(", ")}`);
    }
  });
  return query;
}

function inWindow(iso: string | undefined, window: DateWindow, now: Date): boolean {
  if (!iso) return false;
  const at = DateTime.fromISO(iso);
  if (!at.isValid) return false;
  const day = at.toISODate();
  const today = DateTime.fromJSDate(now);
  switch (window.kind) {
    case "last":
      return at >= today.minus({ [window.unit]: window.amount }).startOf("day") && at <= today.endOf("day");
    case "on":
      return day === window.date;
    case "since":
      return day >= window.date;
    case "before":
      return day < window.date;
  }
}

function sessionName(value: string, now: Date): string {
  const today = DateTime.fromJSDate(now);
  if (value === "today") return today.toISODate()!;
  if (value === "yesterday") return today.minus({ days: 1 }).toISODate()!;
  return value;
}

/** Loops matching every clause of the query, in their listing order. */
export function filterLoops(loops: Loop[], query: LoopQuery, now: Date): Loop[] {
  const models = query.models?.map((m) => m.toLowerCase());
  const sessions = query.sessions?.map((s) => sessionName(s, now));
  const hits = loops.filter(
    (loop) =>
      (!query.status || query.status.includes(loop.status)) &&
      (!models || loop.models.some((m) => models.includes(m.toLowerCase()))) &&
      (!sessions || (loop.session !== undefined && sessions.includes(loop.session))) &&
      (!query.captured || inWindow(loop.captured, query.captured, now)) &&
      (!query.closed || inWindow(loop.closed, query.closed, now)),
  );
  return query.limit ? hits.slice(0, query.limit) : hits;
}

/** "captured 3 days ago" style phrase (luxon), or the raw text when it is not a date. */
export function relativeTo(iso: string, now: Date): string {
  const at = DateTime.fromISO(iso);
  if (!at.isValid) return iso;
  return at.toRelative({ base: DateTime.fromJSDate(now) }) ?? iso;
}

/** GTD view groups: inbox (proposed), next actions (open), waiting for (clarifying), done (closed). */
export const GTD_GROUPS: { status: LoopStatus; label: string }[] = [
  { status: "proposed", label: "Inbox" },
  { status: "open", label: "Next actions" },
  { status: "clarifying", label: "Waiting for" },
  { status: "closed", label: "Done" },
];
