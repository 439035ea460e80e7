// What every MCP client shows the model. Claude Code and VS Code hand the model
// JSON.stringify(structuredContent) alone when a result carries it, so every registered tool answers
// with its text only, ending with the session meter's line; every parameter is named in its tool's
// description; and the meter's running total is exactly the tokens the agent received.
import { getEncoding } from "js-tiktoken";
import { metered, textOf } from "./mcp-client";
import { serveJaffle } from "./mcp-vault";

/**
 * A valid call of every tool. A tool registered without a row here fails the test below: a new tool
 * must show it answers with text only.
 */
const SAMPLE_CALLS: Record<string, Record<string, unknown>> = {
  bootload: { budget: 3000 },
  propose_loops: { loops: [{ title: "Check the order grain", question: "One row per order_id?", models: ["orders"] }] },
  list_loops: { status: "proposed" },
  read_loop: { id: "LOOP-001" },
  context_pack: { focus: "orders", budget: 2000, columns: ["customer_id"] },
  record_context_decision: {},
  count_tokens: { paths: ["dbt/jaffle_shop/models/orders.md"] },
  lineage: { selector: "+orders" },
  write_handoff: { stopped_at: "Read the orders model", next_action: "Add a unique test", reading: ["orders"] },
};

describe("MCP results every client shows", () => {
  const server = serveJaffle();

  test("every registered tool: no structuredContent, one text block ending with the session meter", async () => {
    const { tools } = await server.mcp().client.listTools();
    expect(tools.map((t) => t.name).filter((name) => !(name in SAMPLE_CALLS))).toEqual([]);
    for (const name of Object.keys(SAMPLE_CALLS)) {
      const result = await server.mcp().call(name, SAMPLE_CALLS[name]);
      expect({ name, isError: result.isError ?? false }).toEqual({ name, isError: false });
      expect({ name, structuredContent: result.structuredContent }).toEqual({ name, structuredContent: undefined });
      const { body, phase } = metered(result);
      expect(body.length).toBeGreaterThan(0);
      expect(phase).toBe("comfortable");
      // Text for the model: no YAML frontmatter block, no Obsidian links.
      expect({ name, frontmatter: /^---$/m.test(body), links: body.includes("[[") }).toEqual({
        name,
        frontmatter: false,
        links: false,
      });
    }
  });

  test("every tool's description names each of its parameters, and propose_loops states its one-of rule", async () => {
    const { tools } = await server.mcp().client.listTools();
    for (const tool of tools) {
      const missing = Object.keys(tool.inputSchema.properties ?? {}).filter(
        (parameter) => !tool.description?.includes(`\`${parameter}\``),
      );
      expect({ tool: tool.name, missing }).toEqual({ tool: tool.name, missing: [] });
    }
    const propose = tools.find((t) => t.name === "propose_loops");
    expect(propose?.description).toMatch(/exactly one of `text`.*or `loops`/);
  });
});

describe("the session meter", () => {
  const server = serveJaffle();
  const oracle = getEncoding("o200k_base");

  test("over 5 calls, each result states the running total: the sum of the token counts of the texts returned", async () => {
    const calls: [string, Record<string, unknown>][] = [
      ["bootload", {}],
      ["lineage", { selector: "+customers" }],
      ["context_pack", { focus: "customers", budget: 2000 }],
      ["read_loop", { id: "LOOP-999" }], // an error result counts too: the agent reads it
      ["count_tokens", { paths: ["dbt/jaffle_shop/models"] }],
    ];
    let sum = 0;
    for (const [name, args] of calls) {
      const result = await server.mcp().call(name, args);
      sum += oracle.encode(textOf(result), [], []).length;
      expect({ name, total: metered(result).total }).toEqual({ name, total: sum });
    }
    expect(sum).toBeGreaterThan(2000);
  });
});
