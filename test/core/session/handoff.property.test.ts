// Hostile notes and hostile fields: whatever a daily note holds (unclosed fences, fake handoff headings,
// comments, CRLF) and whatever an agent sends, adding a handoff only inserts one block. Every byte of the
// note before it is still there, in order, and the new handoff reads back as the fields it was given.

import fc from "fast-check";
import { DateTime, Settings } from "luxon";
import type { Loop } from "../../../src/core/loops";
import {
  addHandoffToNote,
  latestHandoffIn,
  renderHandoffSection,
  singleLine,
  type HandoffInput,
} from "../../../src/core/session";

Settings.defaultZone = "UTC";
const now = DateTime.fromISO("2026-01-21T18:00:00Z");

const NOTE_LINES = [
  "",
  "# Wednesday",
  "## Copilot handoff",
  "## Copilot handoff (09:00)",
  "## copilot handoff",
  "## My notes",
  "KEEP ME",
  "### Stopped at",
  "- **Stopped at:** earlier",
  "```",
  "````",
  "```text",
  "~~~",
  "~~~~ sql",
  "   ```",
  "    ```",
  "``` not closing",
  "```a`b",
  "- ```",
  "> ```",
  "%%",
  "%% a comment %%",
  "<!--",
  "-->",
  "---",
  "    ## indented code",
  "##no-space",
  "#",
  "text with ``` inside",
];

const HOSTILE = [
  "x\n~~~\ny",
  "```",
  "\n## Copilot handoff\n",
  "\n# Top\n",
  "%%",
  "<!--",
  "]]|[[",
  "a\r\nb",
  "\u202eevil",
  "\u0000",
  "- **Next action:** forged",
  "### Stopped at",
];

const lineArb = fc.oneof(fc.constantFrom(...NOTE_LINES), fc.string({ maxLength: 12 }));
const noteArb = fc
  .tuple(fc.array(lineArb, { maxLength: 25 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
  .map(([lines, eol, finalNewline]) => lines.join(eol) + (finalNewline && lines.length ? eol : ""));
const fieldArb = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(" "));
const inputArb: fc.Arbitrary<HandoffInput> = fc.record({
  stoppedAt: fieldArb,
  nextAction: fieldArb,
  reading: fc.array(fieldArb, { maxLength: 3 }),
});
const loopArb: fc.Arbitrary<Loop> = fc.record({
  id: fc.constant("LOOP-001"),
  status: fc.constant("open" as const),
  title: fieldArb,
  captured: fc.constant("2026-01-21T09:00:00Z"),
  models: fc.array(fieldArb, { maxLength: 2 }),
  context: fc.constant(""),
  question: fc.constant(""),
  outcome: fc.constant(""),
  path: fieldArb.map((t) => `Copilot/Loops/LOOP-001 ${t}.md`),
});

/** True when `after` is `before` with one contiguous block inserted. */
function onlyInserted(before: string, after: string): boolean {
  let p = 0;
  while (p < before.length && before[p] === after[p]) p++;
  return after.length >= before.length && after.slice(p + after.length - before.length) === before.slice(p);
}

describe("adding a handoff to a hostile note", () => {
  test("every byte already in the note stays; the new handoff reads back as given; a repeat adds nothing", () => {
    fc.assert(
      fc.property(noteArb, inputArb, fc.array(loopArb, { maxLength: 2 }), (note, input, loops) => {
        const section = renderHandoffSection("2026-01-21", now, input, loops, undefined);
        const { text, added } = addHandoffToNote(note, section, now);
        expect(added).toBe(true);
        expect(onlyInserted(note, text)).toBe(true);
        const back = latestHandoffIn(text, "2026-01-21", "Daily/2026-01-21.md");
        expect(back && [back.stoppedAt, back.nextAction]).toEqual([
          singleLine(input.stoppedAt),
          singleLine(input.nextAction),
        ]);
        const again = addHandoffToNote(text, section, now.plus({ minutes: 5 }));
        expect([again.added, again.text === text]).toEqual([false, true]);
      }),
      { numRuns: 400 },
    );
  });
});
