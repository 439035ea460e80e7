// BOOTLOADER: the MCP path and the copy/paste path must describe the same protocol, step for step.
import { BUNDLED_TEMPLATES, stripTeachingComments } from "../../../src/core/templates";

const MCP_TOOLS = [
  "bootload",
  "list_loops",
  "lineage",
  "count_tokens",
  "context_pack",
  "record_context_decision",
  "propose_loops",
  "write_handoff",
];
// The CLI contract (docs/ARCHITECTURE.md and the README's CLI reference): the copy/paste path may only name commands that exist there.
const CLI_COMMANDS = [
  "init",
  "import-dbt",
  "select",
  "impact",
  "tally",
  "pack",
  "capture",
  "approve",
  "loops",
  "handoff",
  "resume",
  "summary",
  "sync",
  "mcp",
  "demo",
];

interface Row {
  step: number;
  what: string;
  tool: string;
  copyPaste: string;
}

function protocolRows(text: string): Row[] {
  const section = /## The protocol\n([\s\S]*?)\n## /.exec(stripTeachingComments(text))![1];
  return section
    .split("\n")
    .filter((l) => /^\| \d+ \|/.test(l))
    .map((l) => {
      const cells = l
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim());
      return {
        step: Number(cells[0]),
        what: cells[1],
        tool: /^`(\w+)`$/.exec(cells[2])?.[1] ?? cells[2],
        copyPaste: cells[3],
      };
    });
}

describe("BOOTLOADER", () => {
  const text = BUNDLED_TEMPLATES.BOOTLOADER;
  const rows = protocolRows(text);

  test("one protocol table gives every step an MCP tool and a copy/paste action, in the same order", () => {
    expect(rows.map((r) => r.step)).toEqual(MCP_TOOLS.map((_, i) => i + 1));
    expect(rows.map((r) => r.tool)).toEqual(MCP_TOOLS);
    for (const row of rows) {
      expect(row.what.length).toBeGreaterThan(20);
      // Each copy/paste action names an Obsidian command ("...") or a decp CLI command.
      expect(row.copyPaste).toMatch(/"[A-Z][^"]+"|`decp \w/);
    }
  });

  test.each([
    ["bootload", "Resume session"],
    ["context_pack", "Copy context pack"],
    ["propose_loops", "Capture loops from agent reply"],
  ])('MCP tool %s maps to the command "%s"', (tool, command) => {
    expect(rows.find((r) => r.tool === tool)!.copyPaste).toContain(`"${command}"`);
  });

  test("the copy/paste path only names CLI commands from the CLI contract", () => {
    const used = rows.flatMap((r) => [...r.copyPaste.matchAll(/`decp ([\w-]+)/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(CLI_COMMANDS).toContain(name);
  });

  test("both paths follow the one table instead of keeping their own step lists", () => {
    const body = stripTeachingComments(text);
    const mcp = /### MCP path\n([\s\S]*?)(\n### |$)/.exec(body)![1];
    const copyPaste = /### Copy\/paste path\n([\s\S]*?)(\n### |$)/.exec(body)![1];
    expect(mcp).toContain('Follow the protocol table, column "MCP tool"');
    expect(copyPaste).toContain('Follow the protocol table, column "Copy/paste path"');
    expect(body.match(/^\s*\d+\. /gm)).toBeNull();
  });

  test("shows a status block with the reference's fields", () => {
    const block = /```decp-status\n([\s\S]*?)```/.exec(text)![1];
    const reference = /```decp-status\n([\s\S]*?)```/.exec(BUNDLED_TEMPLATES.PROTOCOL_REFERENCE)![1];
    const fields = (b: string): string[] =>
      b
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split(":")[0]);
    expect(fields(block)).toEqual(fields(reference));
  });
});
