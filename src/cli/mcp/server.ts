// `decp mcp <vault>`: the protocol over MCP. The tools call the same core functions as the CLI
// commands and the plugin's copy commands, so an agent with tools and a human with a clipboard get
// the same text. Only protocol messages go to stdout; logs go to stderr.

import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { systemClock } from "../../core/ports";
import { openCliVault } from "../cli-context";
import { TokenCacheFile } from "../token-cache-file";
import { ErrorCode, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { budgetedVault, budgetsFromEnv } from "./call-budget";
import { createMcpContext, type McpContext } from "./context";
import { MAX_REQUEST_BYTES, RequestSizeGuard } from "./request-limit";
import { setCallBudgets } from "./tool-result";
import { registerProtocolResources } from "./protocol-resources";
import { mcpToolRegistrars } from "./tools";

export const SERVER_NAME = "decp";
export const SERVER_VERSION = "0.1.0";

const INSTRUCTIONS = [
  "Data Engineering Copilot Patterns: the vault is your working memory for this dbt project.",
  "Start every session with `bootload` (the protocol, the last handoff and the open loops).",
  "Capture open questions with `propose_loops` (a human approves them), load context with `context_pack`",
  "within a token budget, and end with `write_handoff`. Every result ends with a `Session:` line: the tokens",
  "returned on this connection and their phase of your context window; at warning finish the current step,",
  "at stop write the handoff and start a fresh session.",
].join(" ");

export function createMcpServer(context: McpContext): McpServer {
  const server = new McpServer({ name: SERVER_NAME, version: SERVER_VERSION }, { instructions: INSTRUCTIONS });
  for (const register of mcpToolRegistrars) register(server, context);
  registerProtocolResources(server, context);
  return server;
}

/** Serves a vault over stdio until the client closes the connection. */
export async function serveStdio(root: string): Promise<void> {
  const log = (line: string): void => {
    process.stderr.write(line.endsWith("\n") ? line : line + "\n");
  };
  // A stray console.log anywhere (ours or a dependency's) would corrupt the JSON-RPC stream.
  const toStderr = (...args: unknown[]): void => log(args.map(String).join(" "));
  Object.assign(console, { log: toStderr, info: toStderr, debug: toStderr });
  const { vault, settings } = await openCliVault(root, (line) => log(`decp mcp: warning: ${line}`));
  setCallBudgets(budgetsFromEnv(process.env));
  const server = createMcpServer(
    createMcpContext({
      vault: budgetedVault(vault),
      settings,
      clock: systemClock,
      log,
      tokenStore: new TokenCacheFile(vault.root),
    }),
  );
  // Stdin goes through the size guard: an oversized request gets an error reply, the rest reads on.
  const guard = new RequestSizeGuard((id, bytes) => {
    log(`decp mcp: refused a request of ${bytes} bytes`);
    void transport.send({
      jsonrpc: "2.0",
      id,
      error: {
        code: ErrorCode.InvalidRequest,
        message: `Request too large: ${(bytes / 1024 / 1024).toFixed(1)} MB, over the ${MAX_REQUEST_BYTES / 1024 / 1024} MB limit. Send less text per call (split it over several calls).`,
      },
    } as JSONRPCMessage);
  });
  process.stdin.pipe(guard);
  const transport = new StdioServerTransport(guard, process.stdout, {
    maxBufferSize: MAX_REQUEST_BYTES * 2,
  });
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
  });
  await server.connect(transport);
  // The SDK's stdio transport does not notice the client closing stdin; close so the process can end.
  process.stdin.once("end", () => void server.close());
  log(`decp mcp: serving ${vault.root} on stdio`);
  await closed;
}
