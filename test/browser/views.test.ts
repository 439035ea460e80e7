// The plugin's views as people see them: the built main.js in the Obsidian fake on a real Chromium
// page (Debian's chromium through playwright-core), with the demo vault's data, in dark and light, at
// 1280 px with a 400 px sidebar. Assertions read the page: overflow, colours against the theme's
// variables, markers, tooltips and button labels. Screenshots: test-artifacts/browser/.

import { readManifest } from "../fakes/obsidian-harness";
import { demoVault, findChromium, ViewsPage, type DemoVault } from "./browser-harness";

const chromiumPath = findChromium();
const THEMES = ["dark", "light"] as const;
let page: ViewsPage;
let demo: DemoVault;
const results = { passed: 0, failed: 0 };

/** First words a button may start with: each says what happens. */
const VERBS = new Set(
  "Approve Reject Reopen Wait Close Move Build Tally Copy Save Expand Include Exclude Leave Put Review Capture Connect Sign Paste Discard Keep Open Count Show Import Install Write Resume Create Choose".split(
    " ",
  ),
);
/** Labels that do not say what happens next to a link or in a list. */
const AMBIGUOUS = new Set(["Open", "Close", "Apply", "OK", "Done"]);

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
    "\n*** BROWSER TEST NOT RUN: no Chromium at /usr/bin/chromium (install it: apt-get install -y chromium). ***\n";
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

  const start = (open?: string, data?: unknown) =>
    page.start({
      files: { ...demo.files, "Loops board.md": LOOPS_BOARD },
      hidden: demo.hidden,
      dailyNotes: demo.dailyNotes,
      manifest: readManifest(),
      open,
      data,
    });

  /** What any view or modal must satisfy in both themes: nothing sticks out, nothing is cut without a tooltip. */
  async function readable(root: string, name: string, docs = false): Promise<void> {
    for (const theme of THEMES) {
      await page.call("setTheme", theme);
      await page.screenshot(`${name}-${theme}`, root === "body" ? undefined : root, docs);
      expect({ theme, overflow: await page.check("overflow", root) }).toEqual({ theme, overflow: [] });
      expect({ theme, cut: await page.check("cutWithoutTooltip", root) }).toEqual({ theme, cut: [] });
    }
    await page.call("setTheme", "dark");
  }

  /** Every button says what it does: a verb first, never a bare "Open", "Close" or "Apply". */
  async function verbLabels(root: string): Promise<string[]> {
    const labels = await page.check("buttons", root);
    const bad = labels.filter((label) => {
      const first = label.split(/\s/)[0];
      return !VERBS.has(first) || AMBIGUOUS.has(label);
    });
    expect({ root, bad }).toEqual({ root, bad: [] });
    return labels;
  }

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
});
