// Every MCP tool group registers here, like the CLI commands: one import and one entry per group.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { McpContext } from "./context";
import { registerContextTools } from "./context-tools";
import { registerLineageTools } from "./lineage-tools";
import { registerLoopTools } from "./loop-tools";
import { registerSessionTools } from "./session-tools";
import { registerTokenTools } from "./token-tools";

export type McpToolRegistrar = (server: McpServer, context: McpContext) => void;

export const mcpToolRegistrars: McpToolRegistrar[] = [
  registerSessionTools,
  registerLoopTools,
  registerContextTools,
  registerTokenTools,
  registerLineageTools,
];
