// The MCP server over real stdio, on a real vault (templates + the jaffle_shop project): what an
// agent with tools sees, and that every bad input is an error result after which the server serves on.
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseLoopNote } from "../../src/core/loops";
import { runCli } from "./built-cli";
import { getEncoding } from "js-tiktoken";
import { connectMcp, metered, textOf, type McpSession } from "./mcp-client";
import { jaffleVault, serveJaffle } from "./mcp-vault";
import { dbtFixturePath } from "../fixtures/paths";

/** The loops a propose_loops or list_loops answer lists: `LOOP-001 [proposed] Title (path)`. */
function loopsIn(text: string): { id: string; status: string; title: string; path: string }[] {
  return [...text.matchAll(/^(LOOP-\d+) \[(\w+)\] (.*) \(([^()]*\.md)\)$/gm)].map(([, id, status, title, path]) => ({
    id,
    status,
    title,
    path,
  }));
}

describe("decp mcp over stdio", () => {
  const server = serveJaffle();
  let root: string;
  let mcp: McpSession;
  beforeAll(() => ({ root, mcp } = { root: server.root(), mcp: server.mcp() }));

  test("identifies itself and tells the agent how to start", () => {
    expect(mcp.client.getServerVersion()?.name).toBe("decp");
    expect(mcp.client.getInstructions()).toContain("bootload");
  });

  test("lists its tools with input schemas and annotations; the read-only ones say so", async () => {
    const { tools } = await mcp.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    const all = [
      "bootload",
      "propose_loops",
      "list_loops",
      "read_loop",
      "context_pack",
      "record_context_decision",
      "count_tokens",
      "lineage",
      "write_handoff",
    ];
    expect(tools.map((t) => t.name).sort()).toEqual([...all].sort());
    for (const name of all) {
      const tool = byName.get(name);
      expect(tool?.description?.length).toBeGreaterThan(20);
      expect(tool?.inputSchema.type).toBe("object");
      expect(tool?.annotations).toBeDefined();
    }
    for (const name of ["bootload", "list_loops", "read_loop", "context_pack", "count_tokens", "lineage"])
      expect(byName.get(name)?.annotations?.readOnlyHint).toBe(true);
    for (const name of ["propose_loops", "record_context_decision", "write_handoff"])
      expect(byName.get(name)?.annotations?.readOnlyHint).toBe(false);
    expect(byName.get("lineage")?.inputSchema.required).toEqual(["selector"]);
  });

  test("serves the protocol notes as resources, read from the vault as they are now", async () => {
    const { resources } = await mcp.client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(
      expect.arrayContaining(["decp://protocol/BOOTLOADER", "decp://protocol/PROTOCOL_REFERENCE"]),
    );
    const file = join(root, "Copilot/Protocol/BOOTLOADER.md");
    const read = await mcp.client.readResource({ uri: "decp://protocol/BOOTLOADER" });
    expect(read.contents[0]).toMatchObject({ mimeType: "text/markdown", text: readFileSync(file, "utf8") });
  });

  test("a missing protocol note or one outside the folder is an error, and the server keeps serving", async () => {
    await expect(mcp.client.readResource({ uri: "decp://protocol/NOPE" })).rejects.toThrow(/No protocol note "NOPE"/);
    await expect(mcp.client.readResource({ uri: "decp://protocol/..%2F..%2Fsecret" })).rejects.toThrow(
      /not a note name/,
    );
    expect((await mcp.client.readResource({ uri: "decp://protocol/PROTOCOL_REFERENCE" })).contents).toHaveLength(1);
  });

  test("propose_loops with <loop> XML writes proposed loop notes linked to the models they name", async () => {
    const text = [
      "Before changing the grain, two things are open:",
      '<loop status="open">',
      "  <title>Check order grain in orders</title>",
      "  <context>orders joins stg_payments; a refund row may double count.</context>",
      "  <question>Is orders one row per order_id after the payment join?</question>",
      "  <model>orders</model>",
      "</loop>",
      "<loop><title>Who owns raw_payments?</title><question>Which team loads it?</question></loop>",
    ].join("\n");
    const result = await mcp.call("propose_loops", { text });
    expect(result.isError).toBeFalsy();
    const loops = loopsIn(textOf(result));
    expect(loops.map((l) => l.status)).toEqual(["proposed", "proposed"]);
    expect(loops[0].title).toBe("Check order grain in orders");
    const note = parseLoopNote(readFileSync(join(root, loops[0].path), "utf8"), loops[0].path);
    // An agent cannot open a loop, whatever status it writes: only a human approval does.
    expect(note.status).toBe("proposed");
    expect(note.models).toEqual(expect.arrayContaining(["orders", "stg_payments"]));
  });

  test("propose_loops with structured fields, then list_loops filters by status", async () => {
    const proposed = async () => loopsIn(metered(await mcp.call("list_loops", { status: "proposed" })).body);
    const before = await proposed();
    const result = await mcp.call("propose_loops", {
      loops: [
        { title: "Rename customers columns", question: "Keep first_name?", context: "customers exposes first_name" },
      ],
    });
    expect(result.isError).toBeFalsy();
    const [loop] = loopsIn(textOf(result));
    expect(parseLoopNote(readFileSync(join(root, loop.path), "utf8"), loop.path).models).toEqual(["customers"]);
    const after = await proposed();
    expect(after).toHaveLength(before.length + 1);
    expect(after.map((l) => l.id)).toContain(loop.id);
    const none = await mcp.call("list_loops", { status: "closed" });
    expect(metered(none).body).toBe("No closed loops");
    // read_loop: the note as the model reads it, its frontmatter as one line, no YAML, no links.
    const read = metered(await mcp.call("read_loop", { id: loop.id })).body;
    expect(read).toMatch(
      new RegExp(`^${loop.id} \\(proposed\\) Rename customers columns\nmodels: customers; captured `),
    );
    expect(read).toContain("## Question\nKeep first_name?");
    // An open loop has no outcome yet: no empty Outcome heading for the model to wonder about.
    expect(readFileSync(join(root, loop.path), "utf8")).toContain("## Outcome");
    expect(read).not.toContain("## Outcome");
    expect(read).not.toMatch(/\n#+ [^\n]*\s*$/);
    expect(read).not.toMatch(/^---$/m);
    expect(read).not.toContain("[[");
  });

  test("count_tokens counts notes and folders exactly", async () => {
    const result = await mcp.call("count_tokens", {
      paths: ["dbt/jaffle_shop/models/staging", "dbt/jaffle_shop/models/orders.md"],
    });
    expect(result.isError).toBeFalsy();
    const [summary, ...rows] = metered(result).body.split("\n");
    const files = rows
      .map((r) => /^\s*(\d+) {2}(.*)$/.exec(r)!)
      .map(([, tokens, path]) => ({ path, tokens: Number(tokens) }));
    expect(files.map((f) => f.path)).toEqual([
      "dbt/jaffle_shop/models/orders.md",
      "dbt/jaffle_shop/models/staging/stg_customers.md",
      "dbt/jaffle_shop/models/staging/stg_orders.md",
      "dbt/jaffle_shop/models/staging/stg_payments.md",
    ]);
    const total = files.reduce((sum, f) => sum + f.tokens, 0);
    expect(total).toBeGreaterThan(100);
    expect(summary).toMatch(new RegExp(`^${total.toLocaleString("en-US")} tokens in 4 files \\(.*o200k_base\\)$`));
  });

  test("lineage answers a dbt selector with each node's upstream and downstream", async () => {
    const result = await mcp.call("lineage", { selector: "+orders" });
    expect(result.isError).toBeFalsy();
    const text = metered(result).body;
    expect(text).toContain("orders (model, model.jaffle_shop.orders)\n  upstream (2): stg_orders, stg_payments");
    for (const name of ["stg_orders", "stg_payments", "raw_orders", "raw_payments"])
      expect(text).toMatch(new RegExp(`^${name} \\(`, "m"));
    expect(text).not.toContain("[[");
  });

  test("lineage names a source as its note and the model cards do (source_name.table)", async () => {
    const other = await jaffleVault(dbtFixturePath("jaffle_shop_v12_dbt1.11.json"));
    const session = await connectMcp(other.root);
    try {
      const text = metered(await session.call("lineage", { selector: "+stg_orders" })).body;
      expect(text).toContain("stg_orders (model, model.jaffle_shop.stg_orders)\n  upstream (1): ecom.raw_orders\n");
      expect(text).toMatch(/^ecom\.raw_orders \(source, source\.jaffle_shop\.ecom\.raw_orders\)$/m);
    } finally {
      await session.close();
      rmSync(other.root, { recursive: true, force: true });
    }
  });

  test("lineage between two calls follows a dbt note edited, renamed and removed (the server keeps the lineage by stamp)", async () => {
    const other = await jaffleVault(dbtFixturePath("jaffle_shop_v12_dbt1.11.json"));
    const session = await connectMcp(other.root);
    const marts = join(other.root, "dbt/jaffle_shop/models/marts");
    const lineage = async (selector: string) => metered(await session.call("lineage", { selector })).body;
    try {
      const first = await lineage("orders");
      expect(first).toMatch(/^ {2}upstream \(\d+\): .*stg_orders/m);
      expect(await lineage("orders")).toBe(first);
      const note = join(marts, "orders.md");
      const text = readFileSync(note, "utf8");
      writeFileSync(note, text.replace('  - "[[stg_orders]]"\n', ""));
      expect(await lineage("orders")).not.toMatch(/^ {2}upstream \(\d+\): .*stg_orders/m);
      // Renamed: the same note under another name is still the same model.
      renameSync(note, join(marts, "orders_renamed.md"));
      expect(await lineage("orders")).toContain("orders_renamed (model, model.jaffle_shop.orders)");
      rmSync(join(marts, "orders_renamed.md"));
      const gone = await session.call("lineage", { selector: "orders" });
      expect(gone.isError).toBe(true);
      expect(textOf(gone)).toMatch(/matched no nodes/);
    } finally {
      await session.close();
      rmSync(other.root, { recursive: true, force: true });
    }
  });

  test("lineage with a column: selector says which models read the column, as decp impact", async () => {
    const result = await mcp.call("lineage", { selector: "column:stg_orders.status" });
    expect(result.isError).toBeFalsy();
    // orders selects stg_orders.status; daily_orders groups by orders.status, computed from it.
    const text = metered(result).body;
    expect(text).toContain("stg_orders.status: 2 of the 3 models downstream of stg_orders read it");
    // Which are which, in the text the agent reads (no structuredContent).
    expect(text).toMatch(/^Direct \(1\):\n {2}orders\t/m);
    expect(text).toMatch(/^Transitive \(1\):\n {2}daily_orders\t/m);
    expect(text).toContain('2 nodes selected by "column:stg_orders.status":');
    expect(text).not.toContain("[[");
  });

  test("context_pack builds a 2,000-token pack byte for byte the same as `decp pack`", async () => {
    const result = await mcp.call("context_pack", { focus: "orders", budget: 2000 });
    expect(result.isError).toBeFalsy();
    const text = metered(result).body;
    expect(text).toMatch(/^# Context pack: orders\n\n- Fill: [\d,]+ \/ 2,000 tokens/);
    expect(text).toContain("## orders (focus)");
    const cli = await runCli(["pack", root, "--focus", "orders", "--budget", "2000"]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(text);
    const json = await runCli(["pack", root, "--focus", "orders", "--budget", "2000", "--json"]);
    const summary = JSON.parse(json.stdout) as { budget: number; used: number; included: { path: string }[] };
    expect(summary.budget).toBe(2000);
    expect(summary.used).toBeLessThanOrEqual(2000);
    expect(summary.included[0].path).toBe("dbt/jaffle_shop/models/orders.md");
  });

  test("context_pack without a budget uses the budget setting, as `decp pack` does", async () => {
    const result = await mcp.call("context_pack", { focus: "orders" });
    expect(result.isError).toBeFalsy();
    const cli = await runCli(["pack", root, "--focus", "orders"]);
    expect(metered(result).body).toBe(cli.stdout);
    expect(cli.stdout).toMatch(/^# Context pack: orders\n\n- Fill: [\d,]+ \/ 5,000 tokens/);
  });

  test("record_context_decision saves the last pack as a context record", async () => {
    await mcp.call("context_pack", { focus: "customers", budget: 1500 });
    const result = await mcp.call("record_context_decision", {});
    expect(result.isError).toBeFalsy();
    const path = /^Saved context decision record (.*\.md): focus customers, /.exec(metered(result).body)![1];
    expect(path).toMatch(/^Copilot\/Context\/.*customers\.md$/);
    const note = readFileSync(join(root, path), "utf8");
    expect(note).toContain("type: context");
    expect(note).toContain("budget: 1500");
    expect(note).toContain("<context_loaded>");
  });

  test("write_handoff writes today's daily note, and bootload then resumes from it", async () => {
    const handoff = await mcp.call("write_handoff", {
      stopped_at: "Payment join reviewed",
      next_action: "Add a unique test on orders.order_id",
      reading: ["orders"],
    });
    expect(handoff.isError).toBeFalsy();
    const path = /^(?:Created (.*\.md) with the handoff|Added the handoff to (.*\.md) under)/
      .exec(metered(handoff).body)!
      .slice(1)
      .find(Boolean)!;
    expect(readFileSync(join(root, path), "utf8")).toContain("## Copilot handoff");
    const boot = await mcp.call("bootload", { budget: 3000 });
    expect(boot.isError).toBeFalsy();
    const text = metered(boot).body;
    expect(text).toContain("Add a unique test on orders.order_id");
    expect(getEncoding("o200k_base").encode(text).length).toBeLessThanOrEqual(3000);
    // The copy/paste path gets the same bytes: `decp resume` prints the text the tool returned.
    const cli = await runCli(["resume", root, "--budget", "3000", "--json"]);
    expect(cli.code).toBe(0);
    expect((JSON.parse(cli.stdout) as { text: string }).text).toBe(text);
  });

  test("list_loops lists what `decp loops --json` lists", async () => {
    const result = await mcp.call("list_loops", {});
    const cli = await runCli(["loops", root, "--json"]);
    expect(cli.code).toBe(0);
    expect(loopsIn(metered(result).body)).toEqual((JSON.parse(cli.stdout) as { loops: unknown[] }).loops);
  });

  describe("bad input is an error result, and the next call still works", () => {
    const cases: [string, string, Record<string, unknown>, RegExp][] = [
      ["an unknown tool", "no_such_tool", {}, /no_such_tool/],
      ["propose_loops without text or loops", "propose_loops", {}, /Pass either `text`/],
      ["propose_loops with text holding no loop", "propose_loops", { text: "nothing to see" }, /No loops found/],
      ["propose_loops with an empty title", "propose_loops", { loops: [{ title: "  " }] }, /title/],
      ["list_loops with an unknown status", "list_loops", { status: "done" }, /status/],
      ["read_loop with an unknown id", "read_loop", { id: "LOOP-999" }, /No loop matches "LOOP-999"/],
      ["read_loop without an id", "read_loop", {}, /id/],
      [
        "count_tokens with a path that escapes the vault",
        "count_tokens",
        { paths: ["../../etc/passwd"] },
        /escapes the vault/,
      ],
      ["count_tokens with an absolute path", "count_tokens", { paths: ["/etc/passwd"] }, /is absolute/],
      ["count_tokens with no paths", "count_tokens", { paths: [] }, /paths/],
      [
        "count_tokens with a path that is not there",
        "count_tokens",
        { paths: ["nope/missing.md"] },
        /"nope\/missing.md" is neither a file/,
      ],
      ["lineage with an unknown model", "lineage", { selector: "no_such_model" }, /matched no nodes/],
      ["lineage with a broken selector", "lineage", { selector: "tag:" }, /Selector "tag:" has no value to select/],
      ["lineage without a selector", "lineage", {}, /selector/],
      ["bootload with budget 0", "bootload", { budget: 0 }, /budget/],
      ["bootload with a text budget", "bootload", { budget: "lots" }, /budget/],
      ["context_pack with budget 0", "context_pack", { focus: "orders", budget: 0 }, /budget/],
      ["context_pack without a focus", "context_pack", { budget: 2000 }, /focus/],
      ["context_pack with an unknown focus", "context_pack", { focus: "no_such_model", budget: 2000 }, /no_such_model/],
      [
        "context_pack with a focus outside the vault",
        "context_pack",
        { focus: "../outside.md", budget: 2000 },
        /No note or model named "..\/outside.md"/,
      ],
      [
        "context_pack with a selector matching nothing useful",
        "context_pack",
        { focus: "orders", budget: 2000, selector: "tag:" },
        /has no value to select/,
      ],
      [
        "context_pack with a selector that matches no model",
        "context_pack",
        { focus: "orders", budget: 2000, selector: "tag:no_such_tag" },
        /Selector "tag:no_such_tag" matched no model notes/,
      ],
      [
        "context_pack with a budget the focus card does not fit",
        "context_pack",
        { focus: "orders", budget: 100 },
        /The model card of "orders" with its SQL needs [\d,]+ tokens, over the 100-token budget. Raise the budget to at least/,
      ],
      [
        "record_context_decision with a budget but no focus",
        "record_context_decision",
        { budget: 100 },
        /need a `focus`/,
      ],
      ["write_handoff without next_action", "write_handoff", { stopped_at: "x" }, /next_action/],
    ];
    test.each(cases)("%s", async (_label, tool, args, message) => {
      const result = await mcp.call(tool, args);
      expect(result.isError).toBe(true);
      expect(result.structuredContent).toBeUndefined();
      expect(textOf(result)).toMatch(message);
      const after = await mcp.call("list_loops", {});
      expect(after.isError).toBeFalsy();
    });
  });

  test("nothing but protocol messages reaches stdout; logs go to stderr", () => {
    expect(mcp.protocolErrors).toEqual([]);
    expect(mcp.stderr()).toContain("decp mcp: serving");
    expect(mcp.stderr()).not.toMatch(/failed:/);
  });
});
