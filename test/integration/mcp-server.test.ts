// The MCP server over real stdio, on a real vault (templates + the jaffle_shop project): what an
// agent with tools sees, and that every bad input is an error result after which the server serves on.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseLoopNote } from "../../src/core/loops";
import { connectMcp, textOf, type McpSession } from "./mcp-client";
import { jaffleVault } from "./mcp-vault";

describe("decp mcp over stdio", () => {
  let root: string;
  let mcp: McpSession;

  beforeAll(async () => {
    ({ root } = await jaffleVault());
    mcp = await connectMcp(root);
  });

  afterAll(async () => {
    await mcp?.close();
    rmSync(root, { recursive: true, force: true });
  });

  test("identifies itself and tells the agent how to start", () => {
    expect(mcp.client.getServerVersion()?.name).toBe("decp");
    expect(mcp.client.getInstructions()).toContain("bootload");
  });

  test("lists its tools with input schemas and annotations; the read-only ones say so", async () => {
    const { tools } = await mcp.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const name of ["propose_loops", "list_loops", "read_loop", "count_tokens", "lineage"]) {
      const tool = byName.get(name);
      expect(tool?.description?.length).toBeGreaterThan(20);
      expect(tool?.inputSchema.type).toBe("object");
      expect(tool?.annotations).toBeDefined();
    }
    for (const name of ["list_loops", "read_loop", "count_tokens", "lineage"]) expect(byName.get(name)?.annotations?.readOnlyHint).toBe(true);
    expect(byName.get("propose_loops")?.annotations?.readOnlyHint).toBe(false);
    expect(byName.get("lineage")?.inputSchema.required).toEqual(["selector"]);
  });

  test("serves the protocol notes as resources, read from the vault as they are now", async () => {
    const { resources } = await mcp.client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(expect.arrayContaining(["decp://protocol/BOOTLOADER", "decp://protocol/PROTOCOL_REFERENCE"]));
    const file = join(root, "Copilot/Protocol/BOOTLOADER.md");
    const read = await mcp.client.readResource({ uri: "decp://protocol/BOOTLOADER" });
    expect(read.contents[0]).toMatchObject({ mimeType: "text/markdown", text: readFileSync(file, "utf8") });
  });

  test("a missing protocol note or one outside the folder is an error, and the server keeps serving", async () => {
    await expect(mcp.client.readResource({ uri: "decp://protocol/NOPE" })).rejects.toThrow(/No protocol note "NOPE"/);
    await expect(mcp.client.readResource({ uri: "decp://protocol/..%2F..%2Fsecret" })).rejects.toThrow(/not a note name/);
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
    const data = result.structuredContent as { loops: { id: string; status: string; path: string }[] };
    expect(data.loops.map((l) => l.status)).toEqual(["proposed", "proposed"]);
    expect(textOf(result)).toContain(`${data.loops[0].id} [proposed] Check order grain in orders`);
    const note = parseLoopNote(readFileSync(join(root, data.loops[0].path), "utf8"), data.loops[0].path);
    // An agent cannot open a loop, whatever status it writes: only a human approval does.
    expect(note.status).toBe("proposed");
    expect(note.models).toEqual(expect.arrayContaining(["orders", "stg_payments"]));
  });

  test("propose_loops with structured fields, then list_loops filters by status", async () => {
    const result = await mcp.call("propose_loops", { loops: [{ title: "Rename customers columns", question: "Keep first_name?", context: "customers exposes first_name" }] });
    expect(result.isError).toBeFalsy();
    const [loop] = (result.structuredContent as { loops: { id: string; path: string }[] }).loops;
    expect(parseLoopNote(readFileSync(join(root, loop.path), "utf8"), loop.path).models).toEqual(["customers"]);
    const listed = await mcp.call("list_loops", { status: "proposed" });
    expect((listed.structuredContent as { loops: unknown[] }).loops).toHaveLength(3);
    const none = await mcp.call("list_loops", { status: "closed" });
    expect(textOf(none)).toBe("No closed loops");
    const read = await mcp.call("read_loop", { id: loop.id });
    expect(textOf(read)).toBe(readFileSync(join(root, loop.path), "utf8"));
  });

  test("count_tokens counts notes and folders exactly", async () => {
    const result = await mcp.call("count_tokens", { paths: ["dbt/jaffle_shop/models/staging", "dbt/jaffle_shop/models/orders.md"] });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as { total: number; encoding: string; files: { path: string; tokens: number }[] };
    expect(data.encoding).toBe("o200k_base");
    expect(data.files.map((f) => f.path)).toEqual([
      "dbt/jaffle_shop/models/orders.md",
      "dbt/jaffle_shop/models/staging/stg_customers.md",
      "dbt/jaffle_shop/models/staging/stg_orders.md",
      "dbt/jaffle_shop/models/staging/stg_payments.md",
    ]);
    expect(data.total).toBe(data.files.reduce((sum, f) => sum + f.tokens, 0));
    expect(data.total).toBeGreaterThan(100);
  });

  test("lineage answers a dbt selector with each node's upstream and downstream", async () => {
    const result = await mcp.call("lineage", { selector: "+orders" });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as { nodes: { name: string; upstream: string[]; downstream: string[] }[] };
    const orders = data.nodes.find((n) => n.name === "orders");
    expect(orders?.upstream).toEqual(["stg_orders", "stg_payments"]);
    expect(data.nodes.map((n) => n.name)).toEqual(expect.arrayContaining(["stg_orders", "stg_payments", "raw_orders", "raw_payments"]));
    expect(textOf(result)).toContain("upstream (2): stg_orders, stg_payments");
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
      ["count_tokens with a path that escapes the vault", "count_tokens", { paths: ["../../etc/passwd"] }, /escapes the vault/],
      ["count_tokens with an absolute path", "count_tokens", { paths: ["/etc/passwd"] }, /is absolute/],
      ["count_tokens with no paths", "count_tokens", { paths: [] }, /paths/],
      ["count_tokens with a path that is not there", "count_tokens", { paths: ["nope/missing.md"] }, /"nope\/missing.md" is neither a file/],
      ["lineage with an unknown model", "lineage", { selector: "no_such_model" }, /matched no nodes/],
      ["lineage with a broken selector", "lineage", { selector: "tag:" }, /Selector "tag:" has no value to select/],
      ["lineage without a selector", "lineage", {}, /selector/],
    ];
    test.each(cases)("%s", async (_label, tool, args, message) => {
      const result = await mcp.call(tool, args);
      expect(result.isError).toBe(true);
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

