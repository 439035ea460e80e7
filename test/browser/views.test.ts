// The plugin's views as people see them: the built main.js in the Obsidian fake on a real Chromium
// page (Debian's chromium through playwright-core), with the demo vault's data, in dark and light, at
// 1280 px with a 400 px sidebar. Assertions read the page: overflow, colours against the theme's
// variables, markers, tooltips and button labels. Screenshots: test-artifacts/browser/.

import { readManifest } from "../fakes/obsidian-harness";
import { demoVault, findChromium, ViewsPage, type DemoVault } from "./browser-harness";
import { readableIn, rowsIn, THEMES, verbLabelsIn } from "./reading";

const chromiumPath = findChromium();
let page: ViewsPage;
let demo: DemoVault;
const results = { passed: 0, failed: 0 };

const MALFORMED_REPLY = `Two things before the split:

<loop id="LOOP-001">
<title>Keep the segment column on dim_customers until the reporting models move</title>
<context>Forty reporting models read the segment column; moving it breaks them in one step.</context>
<question>Do we keep segment on dim_customers for one release?</question>
</loop>

<loop>
<title>Check that every reporting model reading customer_segment has an owner who signs off on the new grain before the backfill
<context>Owners are not recorded in the project yet.
</loop>`;

const LOOPS_BOARD = "# Loops board\n\n```decp-loops\nstatus: open, clarifying\n```\n";

if (!chromiumPath) {
  const message =
    "\n*** BROWSER TEST NOT RUN: no Chromium on the PATH or at DECP_CHROMIUM (install it: apt-get install -y chromium). ***\n";
  if (process.env.CI) throw new Error(message + "CI must install Chromium (.ci/run does).");
  process.stderr.write(message);
}

const describeBrowser = chromiumPath ? describe : describe.skip;

/** A scenario counts once towards the summary line, passed or failed. */
function scenario(name: string, body: () => Promise<void>): void {
  test(name, async () => {
    try {
      await body();
      results.passed++;
    } catch (error) {
      results.failed++;
      throw error;
    }
  });
}

describeBrowser("views in Chromium", () => {
  beforeAll(async () => {
    demo = demoVault();
    page = await ViewsPage.open(chromiumPath as string);
  }, 120_000);

  afterAll(async () => {
    await page?.close();
    process.stdout.write(`\nBrowser scenarios: ${results.passed} passed, ${results.failed} failed\n`);
  });

  const readable = (root: string, name: string, docs = false) => readableIn(page, root, name, docs);
  const verbLabels = (root: string) => verbLabelsIn(page, root);
  const rowsOf = (section: string) => rowsIn(page, section);

  const start = (open?: string, data?: unknown) =>
    page.start({
      files: { ...demo.files, "Loops board.md": LOOPS_BOARD },
      hidden: demo.hidden,
      dailyNotes: demo.dailyNotes,
      manifest: readManifest(),
      open,
      data,
    });

  scenario("loops inbox: each loop's buttons say what they do, and Approve opens a proposal", async () => {
    await start("Copilot/Sessions/Worked refactor - Split the segment grain out of dim_customers.md");
    await page.call("run", "open-loops-inbox");
    await page.call("until", "#right-pane .decp-loop");
    await readable("#right-pane", "inbox", true);
    await verbLabels("#right-pane");
    const rows = await page.page.$$eval("#right-pane .decp-loop", (items) =>
      items.map((li) => ({
        status: li.getAttribute("data-status"),
        buttons: [...li.querySelectorAll("button")].map((b) => [b.textContent, b.getAttribute("aria-label") ?? ""]),
      })),
    );
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["proposed", "open", "clarifying", "closed"]));
    const expected: Record<string, string[]> = {
      proposed: ["Approve", "Reject"],
      open: ["Wait for answer", "Close with outcome…"],
      clarifying: ["Move to next actions", "Close with outcome…"],
      closed: ["Reopen"],
    };
    for (const row of rows) {
      expect(row.buttons.map(([label]) => label)).toEqual(expected[row.status!]);
      for (const [, tooltip] of row.buttons) expect(tooltip).toMatch(/LOOP-\d{3}/);
    }
    const headings = await page.check("texts", "#right-pane .decp-loops-group h4");
    const listed = await page.page.$$eval("#right-pane .decp-loops-group", (groups) =>
      groups.map((g) => g.querySelectorAll(".decp-loop").length),
    );
    expect(headings.map((h) => Number(/\((\d+)\)/.exec(h)?.[1]))).toEqual(listed);

    await page.check("click", '#right-pane .decp-loop[data-status="proposed"] button', "Approve");
    await page.call(
      "until",
      '#right-pane .decp-loop[data-status="open"] + .decp-loop[data-status="open"], #right-pane .decp-loops-group:nth-child(1) h4',
    );
    expect(await page.call("readNote", "Copilot/Loops/LOOP-004 Make dim_customers incremental.md")).toContain(
      "status: open",
    );
  });

  scenario(
    "review modal: a malformed proposal and a clashing id are flagged, context and whole titles shown",
    async () => {
      await start("Copilot/Sessions/Worked refactor - Split the segment grain out of dim_customers.md");
      await page.call("run", "capture-loops");
      await page.page.fill(".modal textarea", MALFORMED_REPLY);
      await page.check("click", ".modal button", "Review");
      await page.call("until", ".decp-review-item");
      const items = await page.page.$$eval(".decp-review-item", (boxes) =>
        boxes.map((box) => ({
          label: box.querySelector("h4")?.textContent,
          flags: [...box.querySelectorAll(".decp-review-flags li")].map((li) => li.textContent),
          decision: box.querySelector("select")?.value,
          context: box.querySelector(".decp-review-context")?.textContent ?? "",
        })),
      );
      expect(items.map((i) => i.label)).toEqual(["LOOP-001 (line 3)", "New loop (line 9)"]);
      expect(items[0].flags).toEqual([
        'LOOP-001 is taken in the vault by "Confirm the grain of dim_customers": this loop gets the next free id',
      ]);
      expect(items[0].decision).toBe("approve");
      expect(items[0].context).toContain("segment column");
      expect(items[1].flags).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/is not closed/),
          "No question: the agent did not say what needs answering",
        ]),
      );
      expect(items[1].decision).toBe("later");
      const flagColour = (await page.check("style", ".decp-review-flags", "color"))[0];
      expect(flagColour).toBe(await page.check("themeColour", "--text-warning"));
      await readable(".modal", "review-modal", true);
      const labels = await verbLabels(".modal");
      expect(labels.at(-1)).toBe("Approve 1, save 1 as proposed");
    },
  );

  scenario("decp-loops block in reading view", async () => {
    await start();
    await page.call("openFile", "Loops board.md", "reading");
    await page.call("until", "#main-pane .decp-loop");
    await readable("#main-pane", "decp-loops-block");
    await verbLabels("#main-pane");
    expect(await page.check("texts", "#main-pane .decp-loops-group h4")).toEqual([
      "Next actions (1)",
      "Waiting for (1)",
    ]);
  });

  const REFACTOR = "Copilot/Sessions/Worked refactor - Split the segment grain out of dim_customers.md";
  const DIM = "dbt/acme/models/marts/core/dim_customers.md";

  scenario(
    "budget view, empty: it offers to build a pack around the active note or tally it; the pack form",
    async () => {
      await start(REFACTOR);
      await page.call("run", "open-token-budget-view");
      await readable("#right-pane", "budget-empty");
      expect(await verbLabels("#right-pane")).toEqual([
        `Build pack around ${REFACTOR.split("/").pop()!.replace(/\.md$/, "")}`,
        `Tally ${REFACTOR.split("/").pop()!.replace(/\.md$/, "")}`,
        "Tally folder…",
      ]);
      await page.check("click", "#right-pane button.mod-cta");
      await page.call("until", ".modal");
      await readable(".modal", "pack-modal");
      expect(await verbLabels(".modal")).toEqual(["Build pack"]);
      await page.page.fill(".modal .setting-item:nth-of-type(1) input", "dim_customers");
      await page.check("click", ".modal button", "Build pack");
      await page.call("until", "#right-pane .decp-budget-pack .decp-budget-row");
    },
  );

  scenario(
    "budget view, a pack: fill and session phase apart, one line per note, every excluded note listed",
    async () => {
      await start(DIM);
      expect(await page.call("statusBar", true)).toMatch(/^[\d,]+ tokens$/);
      const statusCount = (await page.call("statusBar")).replace(" tokens", "");
      await page.call("run", "open-token-budget-view");
      await page.check("click", "#right-pane button.mod-cta");
      await page.call("until", ".modal");
      await page.check("click", ".modal button", "Build pack");
      await page.call("until", "#right-pane .decp-budget-pack .decp-budget-row");

      // Fill and phase are two gauges: the fill bar in the accent colour, the phase bar in the phase's.
      expect(await page.check("texts", "#right-pane .decp-gauge-label")).toEqual(["Pack fill", "Session phase"]);
      for (const theme of THEMES) {
        await page.call("setTheme", theme);
        const [fillColour] = await page.check(
          "style",
          "#right-pane .decp-gauge-fill .decp-bar-fill",
          "background-color",
        );
        expect(fillColour).toBe(await page.check("themeColour", "--interactive-accent"));
        // Excluded notes are neutral, never in the error colour.
        const names = await page.check("style", "#right-pane .decp-budget-off .decp-budget-name", "color");
        expect(names.length).toBeGreaterThan(0);
        expect(new Set(names)).toEqual(new Set([await page.check("themeColour", "--text-muted")]));
      }
      await page.call("setTheme", "dark");
      // One line per note.
      expect(await page.check("tallerThan", "#right-pane .decp-budget-row", 1)).toEqual([]);
      // Every listed note shows its own count; the focus's is the status bar's.
      await page.page.waitForFunction(() =>
        [...document.querySelectorAll("#right-pane .decp-budget-note-tokens")].every((td) =>
          /\d/.test(td.textContent ?? ""),
        ),
      );
      const focus = (await rowsOf(".decp-budget-pack")).find((r) => r.path === DIM)!;
      expect(focus.note).toBe(statusCount);

      // The heading's count is the number of excluded notes, all of them reachable through "Show N more".
      const heading = (await page.check("texts", "#right-pane h5")).find((h) => h.startsWith("Excluded"))!;
      const total = Number(/\((\d+)\)/.exec(heading)![1]);
      const groupCounts = (await page.check("texts", "#right-pane .decp-budget-excluded .decp-budget-group-title")).map(
        (t) => Number(/: (\d+) notes?/.exec(t)![1]),
      );
      expect(groupCounts.reduce((a, b) => a + b, 0)).toBe(total);
      await readable("#right-pane", "budget-pack", true);
      await verbLabels("#right-pane");
      for (let more = await page.check("buttons", "#right-pane"); more.some((b) => b.startsWith("Show"));) {
        await page.check("click", "#right-pane .decp-budget-group > button");
        more = await page.check("buttons", "#right-pane");
      }
      const included = (await page.check("texts", "#right-pane h5")).find((h) => h.startsWith("Included"))!;
      const listed = (await rowsOf(".decp-budget-pack")).length;
      expect(listed).toBe(total + Number(/\((\d+)\)/.exec(included)![1]));
    },
  );

  scenario("budget view, each phase: the phase bar has the phase's theme colour in dark and light", async () => {
    await start(REFACTOR);
    await page.call("run", "open-token-budget-view");
    // The note is 576 tokens: these budgets (and windows) put it in each phase in turn.
    for (const [size, phase, colour] of [
      [5000, "comfortable", "--color-green"],
      [2000, "deliberate", "--color-yellow"],
      [1300, "warning", "--color-orange"],
      [1000, "stop", "--color-red"],
    ] as const) {
      await page.call("configure", { budget: size, contextWindow: size });
      await page.call("run", "tally-current-note");
      await page.call("until", `#right-pane .decp-gauge-phase .decp-phase-${phase}`);
      for (const theme of THEMES) {
        await page.call("setTheme", theme);
        const [barColour] = await page.check(
          "style",
          "#right-pane .decp-gauge-phase .decp-bar-fill",
          "background-color",
        );
        expect({ phase, theme, barColour }).toEqual({
          phase,
          theme,
          barColour: await page.check("themeColour", colour),
        });
        await page.screenshot(`budget-phase-${phase}-${theme}`, "#right-pane");
      }
    }
    await page.call("setTheme", "dark");
  });

  scenario(
    "budget view, a tally: the over-budget marker is on exactly the notes past the budget; leaving one out re-sums the tally",
    async () => {
      await start(REFACTOR);
      const statusCount = (await page.call("statusBar", true)).replace(" tokens", "");
      await page.call("run", "tally-linked-notes");
      await page.call("until", ".modal");
      await page.check("click", ".modal button", "Tally");
      await page.call("until", "#right-pane .decp-budget-tally .decp-budget-row");
      const rows = await rowsOf(".decp-budget-tally");
      expect(rows.length).toBeGreaterThan(5);
      // The open note's count in the tally is the status bar's.
      expect(rows.find((r) => r.path === REFACTOR)?.tokens.toLocaleString("en-US")).toBe(statusCount);
      const budget = 5000;
      const kept = rows.filter((r) => !r.over).reduce((sum, r) => sum + r.tokens, 0);
      const over = rows.filter((r) => r.over);
      expect(over.length).toBeGreaterThan(0);
      expect(kept).toBeLessThanOrEqual(budget);
      for (const r of over) expect(kept + r.tokens).toBeGreaterThan(budget);
      for (const r of rows) expect(r.marker).toBe(r.over ? "over budget" : "");
      for (const theme of THEMES) {
        await page.call("setTheme", theme);
        expect(new Set(await page.check("style", "#right-pane .decp-over-marker", "color"))).toEqual(
          new Set([await page.check("themeColour", "--text-error")]),
        );
      }
      await page.call("setTheme", "dark");
      const heading = (await page.check("texts", "#right-pane .decp-budget-tally .decp-budget-heading"))[0];
      expect(heading).toMatch(/^Tally: /);
      await readable("#right-pane", "budget-tally", true);
      await verbLabels("#right-pane");

      // Leaving the largest note out takes it off the total; nothing is asked, no pack is changed.
      const [largest] = [...rows].sort((a, b) => b.tokens - a.tokens);
      const before = (await page.check("texts", "#right-pane .decp-gauge-fill .decp-gauge-value"))[0];
      await page.check("click", `#right-pane .decp-budget-row[data-path="${largest.path}"] input`);
      await page.call("until", `#right-pane .decp-budget-row.decp-budget-off[data-path="${largest.path}"]`);
      const after = (await page.check("texts", "#right-pane .decp-gauge-fill .decp-gauge-value"))[0];
      const tokensIn = (text: string) => Number(text.split(" ")[0].replace(/,/g, ""));
      expect(tokensIn(before) - tokensIn(after)).toBe(largest.tokens);
      expect(await page.call("modals")).toBe(0);
    },
  );

  scenario("settings and the TickTick connect modal read clearly", async () => {
    await start();
    await page.call("openSettings");
    await readable(".modal.mod-settings", "settings");
    await verbLabels(".modal.mod-settings");
    // Each phase threshold is named by the phase it starts.
    const names = await page.check("texts", ".modal.mod-settings .setting-item-name");
    expect(names.filter((n) => / from$/.test(n))).toEqual(["Deliberate from", "Warning from", "Stop from"]);
    await page.call("stop");
    await start();
    await page.call("run", "connect-ticktick");
    await page.call("until", ".modal .decp-or");
    await readable(".modal", "ticktick-connect");
    expect(await verbLabels(".modal")).toEqual(["Save token", "Open TickTick to sign in", "Finish sign-in"]);
    // The two ways to connect are two headed sections with an "or" between them.
    const order = await page.page.$$eval(".modal .setting-item-heading .setting-item-name, .modal .decp-or", (els) =>
      els.map((el) => el.textContent),
    );
    expect(order).toEqual(["Use an access token", "or", "Sign in with TickTick"]);
  });
});
