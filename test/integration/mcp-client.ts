// Drives `node dist/cli.js mcp <vault>` with the SDK's own client over stdio, as Claude Desktop would.
// Anything on the server's stdout that is not a protocol message shows up in `protocolErrors`.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { setTimeout as nodeSetTimeout } from "node:timers";
import { CLI } from "./built-cli";

/** jsdom's timers return numbers without unref(), which the SDK's stdio transport calls on close. */
async function withNodeTimers<T>(work: () => Promise<T>): Promise<T> {
  const original = globalThis.setTimeout;
  globalThis.setTimeout = nodeSetTimeout;
  try {
    return await work();
  } finally {
    globalThis.setTimeout = original;
  }
}

export interface McpSession {
  client: Client;
  /** Transport-level errors: a non-JSON line on stdout lands here. */
  protocolErrors: Error[];
  stderr(): string;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** `server` replaces `node dist/cli.js mcp <vault>`, e.g. with the Claude Code plugin's launcher. */
export async function connectMcp(
  vaultRoot: string,
  server: { command: string; args: string[]; env?: Record<string, string> } = {
    command: process.execPath,
    args: [CLI, "mcp", vaultRoot],
  },
): Promise<McpSession> {
  const transport = new StdioClientTransport({ ...server, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const protocolErrors: Error[] = [];
  const client = new Client({ name: "decp-test", version: "1.0.0" });
  await client.connect(transport);
  transport.onerror = (error) => protocolErrors.push(error);
  return {
    client,
    protocolErrors,
    stderr: () => stderr,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => withNodeTimers(() => client.close()),
  };
}

/** The single text block of a tool result. */
export function textOf(result: CallToolResult): string {
  expect(result.content).toHaveLength(1);
  const [block] = result.content;
  if (block.type !== "text") throw new Error(`expected a text block, got ${block.type}`);
  return block.text;
}

export interface Metered {
  /** The tool's own text, as `decp` prints it. */
  body: string;
  /** The session meter's last line. */
  meter: string;
  /** Tokens returned on the connection so far, as the line states them. */
  total: number;
  phase: string;
}

/** Splits a result's text into the tool's own text and the session meter's line that ends it. */
export function metered(result: CallToolResult): Metered {
  const text = textOf(result);
  const at = text.lastIndexOf("\n\nSession: ");
  expect(at).toBeGreaterThanOrEqual(0);
  const meter = text.slice(at + 2);
  expect(meter).not.toContain("\n");
  const match =
    /^Session: ([\d,]+) tokens returned on this connection, [\d.]+ % of a [\d,]+-token context window \((\w+)\)/.exec(
      meter,
    );
  expect(match).not.toBeNull();
  return { body: text.slice(0, at), meter, total: Number(match![1].replace(/,/g, "")), phase: match![2] };
}
