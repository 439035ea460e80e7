// The settings checks both adapters use (plugin tab, CLI settings.json).

import { budgetProblem, folderProblem, phasesProblem } from "../../src/core/settings";

describe("budgetProblem", () => {
  it.each([
    [5000, null],
    [1, null],
    [0, /whole number above 0/],
    [-10, /whole number above 0/],
    [12.5, /whole number above 0/],
    [Number.NaN, /whole number above 0/],
  ])("%p -> %p", (budget, expected) => {
    const problem = budgetProblem(budget);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe("phasesProblem", () => {
  it.each([
    [{ comfortable: 0.2, deliberate: 0.4, warning: 0.5 }, null],
    [{ comfortable: 0.1, deliberate: 0.9, warning: 1 }, null],
    [{ comfortable: 0.4, deliberate: 0.4, warning: 0.5 }, /must increase/],
    [{ comfortable: 0.2, deliberate: 0.6, warning: 0.5 }, /must increase/],
    [{ comfortable: 0, deliberate: 0.4, warning: 0.5 }, /comfortable threshold must be a fraction between 0 and 1/],
    [{ comfortable: 0.2, deliberate: 0.4, warning: 50 }, /warning threshold/],
    [{ comfortable: 0.2, deliberate: Number.NaN, warning: 0.5 }, /deliberate threshold/],
  ])("%p -> %p", (phases, expected) => {
    const problem = phasesProblem(phases);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe("folderProblem", () => {
  it.each([
    ["Copilot/Loops", null],
    ["Work//Loops/", null],
    ["", /Enter a folder/],
    ["/", /absolute/],
    ["../up", /escapes the vault/],
    ["C:/Users", /absolute/],
  ])("%p -> %p", (path, expected) => {
    const problem = folderProblem(path);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
