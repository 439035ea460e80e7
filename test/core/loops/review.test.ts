// Review flags for captured proposals: problems attached to the block they are in, a missing
// question, and an agent id the vault already uses.

import { parseAgentLoops, reviewCapture } from "../../../src/core/loops";

const known = { nextNumber: 4, titles: new Map([["LOOP-002", "Order grain"]]) };
const review = (text: string) => reviewCapture(parseAgentLoops(text), known);

describe("reviewCapture", () => {
  test.each([
    ["a whole proposal", `<loop><title>A</title><question>Why?</question></loop>`, [], null],
    ["an unclosed tag", `<loop><title>A<question>Why?</question></loop>`, ["Line 1: <title> is not closed"], null],
    ["no question", `<loop><title>A</title></loop>`, ["No question: the agent did not say what needs answering"], null],
    [
      "an id the vault has",
      `<loop id="LOOP-002"><title>A</title><question>Why?</question></loop>`,
      [],
      'LOOP-002 is taken in the vault by "Order grain": this loop gets the next free id',
    ],
    ["an id above the vault's", `<loop id="LOOP-009"><title>A</title><question>Why?</question></loop>`, [], null],
    [
      "an id that is not LOOP-NNN",
      `<loop id="Q1"><title>A</title><question>Why?</question></loop>`,
      [],
      'Id "Q1" is not LOOP-NNN; a new id will be issued',
    ],
  ])("%s", (_name, text, malformed, clash) => {
    const { items } = review(text);
    expect(items).toHaveLength(1);
    expect(items[0].malformed).toEqual(malformed);
    expect(items[0].clash).toBe(clash);
  });

  test("each problem goes to the proposal whose block it is in; a skipped block's problem stays general", () => {
    const text = [
      `<loop><title>First</title><question>One?</question></loop>`,
      `<loop><context>nothing else</context></loop>`,
      `<loop id="LOOP-009"><title>Second</title><question>Two?</question></loop>`,
      `<loop id="LOOP-009"><title>Third<question>Three?</question></loop>`,
    ].join("\n");
    const { items, general } = review(text);
    expect(items.map((i) => i.proposal.title)).toEqual(["First", "Second", "Third"]);
    expect(items[0].malformed).toEqual([]);
    expect(items[1].clash).toBeNull();
    expect(items[2].clash).toBe("LOOP-009 is used twice (first on line 3); this one gets a new id");
    expect(items[2].malformed).toEqual(["Line 4: <title> is not closed"]);
    expect(general.map((p) => p.line)).toEqual([2]);
  });
});
