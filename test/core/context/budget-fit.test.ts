// The over-budget marker goes on the notes that make a selection too big.

import { notesPastBudget } from "../../../src/core/context";

const notes = (...tokens: number[]) => tokens.map((t, i) => ({ path: `n${i}.md`, tokens: t }));

describe("notesPastBudget", () => {
  test.each([
    ["everything fits", notes(100, 200), 300, []],
    ["nothing to tally", notes(), 100, []],
    ["the large note is past, not the small one listed after it", notes(3793, 60, 900), 1000, ["n0.md"]],
    ["several large notes are past", notes(4000, 3000, 500, 400), 1000, ["n0.md", "n1.md"]],
    ["one note alone over the budget", notes(5029), 5000, ["n0.md"]],
    ["equal notes: the ones that do not fit, by path", notes(400, 400, 400), 1000, ["n2.md"]],
  ])("%s", (_name, files, budget, past) => {
    const result = notesPastBudget(files, budget);
    expect([...result].sort()).toEqual(past);
    // What is not marked fits; adding any marked note would not.
    const kept = files.filter((f) => !result.has(f.path)).reduce((sum, f) => sum + f.tokens, 0);
    expect(kept).toBeLessThanOrEqual(budget);
    for (const f of files.filter((f) => result.has(f.path))) expect(kept + f.tokens).toBeGreaterThan(budget);
  });
});
