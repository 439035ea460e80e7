import { DateTime, Settings } from "luxon";
import { dailyNoteDate } from "../../../src/core/session/daily-note";
import { formatMomentDate, momentToLuxon, parseMomentDate } from "../../../src/core/session/moment-format";

Settings.defaultZone = "UTC";
const day = DateTime.fromISO("2026-01-03T09:05:07Z");

describe("moment formats through luxon", () => {
  test.each([
    ["YYYY-MM-DD", "2026-01-03"],
    ["YYYY/MM/DD dddd", "2026/01/03 Saturday"],
    ["DD.MM.YY", "03.01.26"],
    ["D MMM YYYY", "3 Jan 2026"],
    ["MMMM Do, YYYY", "January 3rd, 2026"],
    ["ddd dd d E", "Sat Sa 6 6"],
    ["[Week] W, gggg", "Week 1, 2026"],
    ["YYYY-[W]WW", "2026-W01"],
    ["DDDD DDD Q", "003 3 1"],
    ["HH:mm:ss A a h", "09:05:07 AM am 9"],
    ["[Daily note] YYYY-MM-DD", "Daily note 2026-01-03"],
    ["YYYY-MM-DD[T]HH", "2026-01-03T09"],
  ])("%s -> %s", (format, expected) => {
    expect(formatMomentDate(day, format)).toBe(expected);
  });

  test.each([
    ["YYYY-MM-DD", "2026-01-03"],
    ["YYYY/MM/DD dddd", "2026/01/03 Saturday"],
    ["MMMM Do, YYYY", "January 3rd, 2026"],
    ["[Daily note] YYYY-MM-DD", "Daily note 2026-01-03"],
    ["DD.MM.YY", "03.01.26"],
  ])("reads %s names back", (format, name) => {
    expect(parseMomentDate(name, format)?.toISODate()).toBe("2026-01-03");
  });

  test("literal text is quoted for luxon and non-matching names are rejected", () => {
    expect(momentToLuxon("[Daily] YYYY-MM-DD")).toBe("'Daily 'yyyy'-'LL'-'dd");
    expect(parseMomentDate("LOOP-001 Grain", "YYYY-MM-DD")).toBeNull();
  });
});

test("a daily note path is read by its format, its subfolders included; other notes are not daily notes", () => {
  const date = (folder: string, format: string, path: string) =>
    dailyNoteDate({ folder, format, template: "" }, path)?.toISODate() ?? null;
  expect(date("", "YYYY-MM-DD", "2026-01-03.md")).toBe("2026-01-03");
  expect(date("Daily", "YYYY/MM/DD dddd", "Daily/2026/01/03 Saturday.md")).toBe("2026-01-03");
  expect(date("Daily", "YYYY[/]MM-DD", "Daily/2026/01-03.md")).toBe("2026-01-03");
  expect(date("", "YYYY-MM-DD", "Notes/2026-01-03.md")).toBeNull();
  expect(date("", "YYYY/MM/DD", "Notes/2026/01/03.md")).toBeNull();
  expect(date("", "YYYY/MM/DD", "2026-01-03.md")).toBeNull();
  expect(date("Daily", "YYYY-MM-DD", "Other/2026-01-03.md")).toBeNull();
});
