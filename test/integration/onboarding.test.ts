// The onboarding guide is executable: every step's `decp` commands run on the built CLI against a fresh
// demo vault (TickTick against the local fake server over real HTTP), and every "You will see" item,
// read from ONBOARDING.md itself, is checked against the real output and notes. A step that drifts from
// the product fails here.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { findComments } from "../../src/core/templates";
import { FakeTickTickServer } from "../fakes/ticktick-server";
import { runCli } from "./built-cli";
import { connectMcp, metered } from "./mcp-client";

const GUIDE = readFileSync(join(__dirname, "../../templates/ONBOARDING.md"), "utf8");

type Expectation =
  { kind: "output"; text: string } | { kind: "note"; path: string } | { kind: "in"; path: string; text: string };

interface Step {
  n: number;
  title: string;
  minutes: number;
  /** "Step 9 (optional): ...": outside the 30 minutes, and it must say how to skip it. */
  optional: boolean;
  body: string;
  blocks: { lang: string; text: string }[];
  expectations: Expectation[];
}

function parseExpectation(line: string): Expectation {
  const output = /^- Output: `([^`]+)`/.exec(line);
  if (output) return { kind: "output", text: output[1] };
  const note = /^- Note: `([^`]+)`/.exec(line);
  if (note) return { kind: "note", path: note[1] };
  const inNote = /^- In `([^`]+)`: `([^`]+)`/.exec(line);
  if (inNote) return { kind: "in", path: inNote[1], text: inNote[2] };
  throw new Error(`"You will see" item the test cannot check: ${line}`);
}

function parseSteps(text: string): Step[] {
  const heads = [...text.matchAll(/^## Step (\d+)( \(optional\))?: (.+) \(~(\d+) min\)$/gm)];
  return heads.map((h, i) => {
    const start = h.index + h[0].length;
    // A step ends at the next step, or (the last one) at the next level-2 heading.
    const next = i + 1 < heads.length ? heads[i + 1].index : text.indexOf("\n## ", start);
    const body = text.slice(start, next === -1 ? undefined : next);
    const blocks = [...body.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], text: m[2] }));
    const seen = body.split("**You will see:**")[1] ?? "";
    const items = seen
      .split(/\n(?=%%|## )/)[0]
      .split("\n")
      .filter((l) => l.startsWith("- "));
    return {
      n: Number(h[1]),
      title: h[3],
      minutes: Number(h[4]),
      optional: h[2] !== undefined,
      body,
      blocks,
      expectations: items.map(parseExpectation),
    };
  });
}

/** `decp x "a b" c` -> ["x", "a b", "c"]. */
function argv(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]).slice(1);
}

const steps = parseSteps(GUIDE);

describe("the guide's shape", () => {
  test("ten steps in order; the required ones take 30 minutes or less; an optional one says how to skip it", () => {
    expect(steps.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const required = steps.filter((s) => !s.optional);
    expect(required.reduce((sum, s) => sum + s.minutes, 0)).toBeLessThanOrEqual(30);
    expect(required.length).toBeGreaterThanOrEqual(steps.length - 1);
    for (const step of steps.filter((s) => s.optional)) expect(step.body).toMatch(/^\*\*Skip:\*\* /m);
  });

  test.each(steps.map((s) => [s.n, s] as const))(
    "step %i says what to do, what you will see, why, and which pattern it serves",
    (_n, step) => {
      expect(step.body).toContain("**Do:**");
      expect(step.expectations.length).toBeGreaterThan(0);
      const comments = findComments(step.body).map((r) => step.body.slice(r.start, r.end));
      expect(comments.some((c) => c.startsWith("%% WHY (workflow):"))).toBe(true);
      expect(comments.some((c) => c.startsWith("%% DATA ENGINEERING:"))).toBe(true);
    },
  );

  test("every decp command the guide names exists in the built CLI", async () => {
    const help = (await runCli(["--help"])).stdout;
    const named = new Set([...GUIDE.matchAll(/\bdecp ([a-z][a-z-]+)/g)].map((m) => m[1]));
    for (const command of named) expect([command, help.includes(`  ${command} `)]).toEqual([command, true]);
  });
});

describe("walking the guide on a fresh demo vault", () => {
  let dir: string;
  let server: FakeTickTickServer;
  const today = DateTime.now().toFormat("yyyy-MM-dd");
  const vaultPath = (path: string) => join(dir, "demo-vault", path.replace(/<today>/g, today));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "decp-onboarding-"));
    server = await FakeTickTickServer.start();
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What a human does outside decp, at the guide's comment lines. */
  function humanAction(comment: string): void {
    if (/^# In TickTick: answer LOOP-003/.test(comment)) {
      const task = server.allTasks().find((t) => t.title.startsWith("LOOP-003 "));
      if (!task) throw new Error("LOOP-003 was not exported to TickTick");
      server.userSetContent(
        task.id,
        `${task.content ?? ""}\nFinance wants segment history from 2025-01-01; Dana signs it off.`,
      );
      return;
    }
    throw new Error(`The guide asks for a human action the test does not know: ${comment}`);
  }

  // Steps share one vault and run in order, as a colleague would follow them.
  test.each(steps.map((s) => [s.n, s.title, s] as const))(
    "step %i: %s",
    async (_n, _title, step) => {
      const xml = step.blocks.find((b) => b.lang === "xml");
      if (xml && /save this reply as\s+`reply\.md`/i.test(step.body)) writeFileSync(join(dir, "reply.md"), xml.text);
      let output = "";
      for (const block of step.blocks.filter((b) => b.lang === "bash")) {
        for (const line of block.text
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean)) {
          if (line === "npm ci && npm run build") continue; // npm test built dist/ already
          if (line.startsWith("export TICKTICK_TOKEN=")) continue; // the fake server's token is set below
          if (line.startsWith("#")) {
            humanAction(line);
            continue;
          }
          expect(line.startsWith("decp ")).toBe(true);
          const run = await runCli(argv(line), {
            cwd: dir,
            env: { TICKTICK_TOKEN: server.token, TICKTICK_API_BASE: server.baseUrl },
          });
          expect([line, run.code, run.code === 0 ? "" : run.stderr]).toEqual([line, 0, ""]);
          output += run.stdout + run.stderr;
        }
      }
      for (const e of step.expectations) {
        // On a miss, the failure shows the whole output next to the line the guide promised.
        if (e.kind === "output")
          expect([e.text, output.includes(e.text.replace(/<today>/g, today)) || output]).toEqual([e.text, true]);
        else if (e.kind === "note") expect([e.path, existsSync(vaultPath(e.path))]).toEqual([e.path, true]);
        else {
          expect([e.path, existsSync(vaultPath(e.path))]).toEqual([e.path, true]);
          const text = readFileSync(vaultPath(e.path), "utf8");
          const found = e.text.startsWith("#") ? text.split("\n").includes(e.text) : text.includes(e.text);
          expect([e.path, e.text, found]).toEqual([e.path, e.text, true]);
        }
      }
    },
    120_000,
  );

  // Step 4's MCP path: the agent's bootload tool gives exactly what `decp resume` printed.
  test("step 4, MCP path: bootload returns the resume pack the copy/paste path prints", async () => {
    const printed = await runCli(["resume", join(dir, "demo-vault"), "--json"]);
    const mcp = await connectMcp(join(dir, "demo-vault"));
    try {
      const boot = await mcp.call("bootload", {});
      expect(boot.isError).toBeFalsy();
      // The same text as the copy/paste path, then the session meter's line.
      expect(metered(boot).body).toBe((JSON.parse(printed.stdout) as { text: string }).text);
    } finally {
      await mcp.close();
    }
  }, 60_000);

  test("the guide itself is in the demo vault, as installed", () => {
    expect(readFileSync(vaultPath("Copilot/Protocol/ONBOARDING.md"), "utf8")).toBe(GUIDE);
  });
});
