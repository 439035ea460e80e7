// Compact forms made from the note graph's already-parsed frontmatter equal those parsed afresh.

import { compactForm } from "../../../src/core/context";
import { parseNote } from "../../../src/core/frontmatter";
import { modelNote } from "./corpus";

test("a compact form from parsed frontmatter is the one made by parsing the note, long lists cut the same way", () => {
  const many = Array.from({ length: 12 }, (_, i) => `rpt_orders_${i}`);
  for (const text of [
    modelNote("fct_orders", ["stg_orders"], many),
    modelNote("stg_orders", [], ["fct_orders"]),
    "# No frontmatter\n\nJust text.\n",
  ]) {
    const parsed = parseNote(text).frontmatter;
    const before = JSON.stringify(parsed);
    expect(compactForm(text, {}, parsed)).toBe(compactForm(text, {}));
    expect(JSON.stringify(parsed)).toBe(before);
  }
  expect(compactForm(modelNote("fct_orders", ["stg_orders"], many), {})).toContain("... 7 more");
});
