// Fault matrix, MCP rows (issue #13): the reproductions replayed against `decp mcp` over real stdio.
// Each row: the bullet, the attack, the promise an agent (and the human behind it) sees. The CLI rows
// are in fault-matrix.cli.test.ts, the plugin rows in fault-matrix.plugin.test.ts.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { random as seeded } from "../../src/demo/random";
import { CLI } from "./built-cli";
import { connectMcp, metered, textOf, type McpSession } from "./mcp-client";
import { faultFolders, testFaultRows, type FaultRow } from "./fault-matrix";
import { jaffleVault } from "./mcp-vault";

let root: string;
let outside: string;
let sessions: McpSession[] = [];
faultFolders(async () => (await jaffleVault()).root, {
  use: (folders) => {
    ({ root, outside } = folders);
    writeFileSync(join(outside, "secret.md"), "outside text\n");
  },
  release: async () => {
    for (const session of sessions) await session.close();
    sessions = [];
  },
});

async function serve(env: Record<string, string> = {}): Promise<McpSession> {
  const session = await connectMcp(root, { command: process.execPath, args: [CLI, "mcp", root], env });
  sessions.push(session);
  return session;
}

/** An error result with one line of text, after which the server still serves. */
async function refusedCall(
  mcp: McpSession,
  tool: string,
  args: Record<string, unknown>,
  message: RegExp,
): Promise<void> {
  const result = await mcp.call(tool, args);
  expect(result.isError).toBe(true);
  // One line, then the session meter's line every result ends with.
  expect(metered(result).body.split("\n")).toHaveLength(1);
  expect(metered(result).body).toMatch(message);
  expect((await mcp.client.listTools()).tools.length).toBeGreaterThan(0);
}

/** About `megabytes` of varied prose in 100 kB notes, for calls that take a while. */
function bigNotes(megabytes: number): void {
  const random = seeded(13);
  const words = ["grain", "order", "customer", "ledger", "invoice", "segment", "monthly", "revenue", "dbt", "model"];
  mkdirSync(join(root, "Big"), { recursive: true });
  for (let n = 0; n < megabytes * 10; n++) {
    let text = "";
    while (text.length < 100_000)
      text += `${words[Math.floor(random() * words.length)]}${Math.floor(random() * 1000)} `;
    writeFileSync(join(root, `Big/note-${n}.md`), text);
  }
}

const rows: FaultRow[] = [
  {
    bullet: "Loop ids repeat",
    attack: "two propose_loops calls sent together to one server",
    promise: "two distinct ids",
    check: async () => {
      const mcp = await serve();
      const [a, b] = await Promise.all(
        ["First", "Second"].map((title) => mcp.call("propose_loops", { loops: [{ title }] })),
      );
      const id = (text: string) => /LOOP-\d+/.exec(text)?.[0];
      expect(id(textOf(a))).toBeDefined();
      expect(new Set([id(textOf(a)), id(textOf(b))]).size).toBe(2);
      expect(readdirSync(join(root, "Copilot/Loops"))).toHaveLength(2);
    },
  },
  {
    bullet: "Loop ids repeat",
    attack: "three record_context_decision calls sent together",
    promise: "three files, each reported at its own path",
    check: async () => {
      const mcp = await serve();
      const results = await Promise.all(
        [1, 2, 3].map(() => mcp.call("record_context_decision", { focus: "customers", budget: 2000 })),
      );
      const paths = results.map((r) => /^Saved context decision record (.*\.md): /.exec(metered(r).body)![1]);
      expect(new Set(paths).size).toBe(3);
      for (const path of paths) expect(existsSync(join(root, path))).toBe(true);
      expect(readdirSync(join(root, "Copilot/Context")).filter((f) => f.endsWith(".md"))).toHaveLength(3);
    },
  },
  {
    bullet: "Names",
    attack: "propose_loops with the model `x]]|y` and a title holding control characters and U+202E",
    promise: "a clean file name and links that do not break",
    check: async () => {
      const mcp = await serve();
      const title = "Grain\u0007 of \u202eredro\u200b orders";
      await mcp.call("propose_loops", { loops: [{ title, models: ["x]]|y"] }] });
      const [name] = readdirSync(join(root, "Copilot/Loops"));
      expect(name).toBe("LOOP-001 Grain of redro orders.md");
      const note = readFileSync(join(root, "Copilot/Loops", name), "utf8");
      expect(note).toContain('  - "[[x___y]]"');
      expect(note).not.toContain("[[[[");
      // eslint-disable-next-line no-control-regex -- the point of the row
      expect(note).not.toMatch(/[\u0007\u202e\u200b]/);
    },
  },
  {
    bullet: "A selector hangs the server",
    attack: "lineage with `fqn:*******x`, then tools/list",
    promise: "an answer at once (nothing matches), and tools/list still answered",
    check: async () => {
      const mcp = await serve();
      const result = await mcp.call("lineage", { selector: "fqn:*******x" });
      expect(metered(result).body).toBe(
        'Selector "fqn:*******x" matched no nodes. Check the model name; `decp select <vault> <selector>` shows what matches',
      );
      expect((await mcp.client.listTools()).tools.length).toBeGreaterThan(0);
    },
  },
  {
    bullet: "A selector hangs the server (no call can take the server down)",
    attack: "a slow call (count_tokens over 10 MB), with tools/list sent right after it",
    promise: "tools/list is answered while the slow call is still running",
    check: async () => {
      bigNotes(10);
      const mcp = await serve();
      const order: string[] = [];
      const slow = mcp.call("count_tokens", { paths: ["Big"] }).then((r) => {
        order.push("count_tokens");
        return r;
      });
      // Sent right behind it: the server starts both; the list must not wait for the count.
      const list = mcp.client.listTools().then(() => order.push("tools/list"));
      await Promise.all([slow, list]);
      expect(order).toEqual(["tools/list", "count_tokens"]);
      expect((await slow).isError).toBeFalsy();
    },
  },
  {
    bullet: "A selector hangs the server (each call has a time budget)",
    attack: "a call longer than the time budget (DECP_MCP_TIME_BUDGET_MS=250)",
    promise: "an error result naming the budget; the next call is served",
    check: async () => {
      // Counting 20 MB takes about 0.6 s on a quiet machine (10 MB once took longer than 0.5 s, and no longer does).
      bigNotes(20);
      const mcp = await serve({ DECP_MCP_TIME_BUDGET_MS: "250" });
      await refusedCall(mcp, "count_tokens", { paths: ["Big"] }, /count_tokens took longer than its 0\.25 s budget/);
      const next = await mcp.call("list_loops", {});
      expect(next.isError).toBeFalsy();
    },
  },
  {
    bullet: "A selector hangs the server (each call has an output budget)",
    attack: "lineage of every node with DECP_MCP_OUTPUT_BUDGET_CHARS=1000",
    promise: "the text is cut at a line and says so",
    check: async () => {
      const mcp = await serve({ DECP_MCP_OUTPUT_BUDGET_CHARS: "1000" });
      const text = textOf(await mcp.call("lineage", { selector: "fqn:*" }));
      expect(text.length).toBeLessThan(1300);
      expect(text).toMatch(/\[decp: output cut at [\d,]+ of [\d,]+ characters/);
    },
  },
  {
    bullet: "Symlinks escape the vault",
    attack: "write_handoff into a daily-notes folder that links outside",
    promise: "an error result; nothing written outside",
    check: async () => {
      mkdirSync(join(root, ".decp"), { recursive: true });
      writeFileSync(join(root, ".decp/settings.json"), JSON.stringify({ dailyNotes: { folder: "Daily" } }));
      symlinkSync(outside, join(root, "Daily"));
      const mcp = await serve();
      await refusedCall(
        mcp,
        "write_handoff",
        { stopped_at: "x", next_action: "y" },
        /"Daily.*" leads outside the vault through a symbolic link/,
      );
      expect(readdirSync(outside)).toEqual(["secret.md"]);
    },
  },
  {
    bullet: "Symlinks escape the vault",
    attack: "record_context_decision with Copilot/Context linking outside",
    promise: "an error result; nothing written outside",
    check: async () => {
      rmSync(join(root, "Copilot/Context"), { recursive: true, force: true });
      symlinkSync(outside, join(root, "Copilot/Context"));
      const mcp = await serve();
      await refusedCall(
        mcp,
        "record_context_decision",
        { focus: "customers", budget: 2000 },
        /"Copilot\/Context.*" leads outside the vault/,
      );
      expect(readdirSync(outside)).toEqual(["secret.md"]);
    },
  },
  {
    bullet: "Symlinks escape the vault",
    attack: "read_loop of a loop note that is a link to a file outside",
    promise: "an error result; the outside text is never returned",
    check: async () => {
      writeFileSync(
        join(outside, "secret.md"),
        "---\nid: LOOP-001\ntype: loop\nstatus: open\ntitle: Secret\ncaptured: 2026-01-01T00:00:00Z\n---\nSECRET\n",
      );
      symlinkSync(join(outside, "secret.md"), join(root, "Copilot/Loops/LOOP-001 Secret.md"));
      const mcp = await serve();
      const result = await mcp.call("read_loop", { id: "LOOP-001" });
      expect(result.isError).toBe(true);
      expect(textOf(result)).not.toContain("SECRET");
    },
  },
  {
    bullet: "Symlinks escape the vault",
    attack: "protocol resources when Copilot/Protocol links outside",
    promise: "an error; the outside note is not served",
    check: async () => {
      rmSync(join(root, "Copilot/Protocol"), { recursive: true, force: true });
      symlinkSync(outside, join(root, "Copilot/Protocol"));
      const mcp = await serve();
      await expect(mcp.client.readResource({ uri: "decp://protocol/secret" })).rejects.toThrow(
        /leads outside the vault/,
      );
      expect((await mcp.client.listTools()).tools.length).toBeGreaterThan(0);
    },
  },
  {
    bullet: "Bad input accepted",
    attack: "an MCP request over 10 MB",
    promise: "an error reply to that request; the connection stays open and the next request is answered",
    check: async () => {
      const server = spawn(process.execPath, [CLI, "mcp", root], { stdio: ["pipe", "pipe", "pipe"] });
      type Reply = { id?: number; error?: { message: string }; result?: unknown };
      const replies = new Map<number, Reply>();
      let buffered = "";
      server.stdout.on("data", (chunk: Buffer) => {
        buffered += chunk.toString("utf8");
        for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
          const message = JSON.parse(buffered.slice(0, nl)) as Reply;
          if (typeof message.id === "number") replies.set(message.id, message);
          buffered = buffered.slice(nl + 1);
        }
      });
      const send = (message: object) => server.stdin.write(JSON.stringify(message) + "\n");
      const reply = async (id: number) => {
        while (!replies.has(id)) await new Promise((resolve) => setTimeout(resolve, 20));
        return replies.get(id)!;
      };
      try {
        send({
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
        });
        await reply(1);
        send({ jsonrpc: "2.0", method: "notifications/initialized" });
        const text = "<loop><title>x</title></loop>".repeat(400_000); // 11.6 MB
        send({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "propose_loops", arguments: { text } } });
        expect((await reply(2)).error?.message).toMatch(/Request too large: 11\.\d MB, over the 10 MB limit/);
        send({ jsonrpc: "2.0", id: 3, method: "tools/list" });
        expect((await reply(3)).result).toBeDefined();
        expect(existsSync(join(root, "Copilot/Loops")) ? readdirSync(join(root, "Copilot/Loops")) : []).toEqual([]);
      } finally {
        server.kill();
      }
    },
  },
];

testFaultRows(rows);
