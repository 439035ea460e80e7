// The one owner of the timestamps decp writes into notes and state: ISO 8601 in UTC, to the second
// ("2026-01-21T14:30:00Z"), as the loop note format shows them.

/** "2026-01-21T14:30:00Z": the form every timestamp in a note or sync state takes. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
