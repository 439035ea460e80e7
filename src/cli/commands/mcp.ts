// `decp mcp <vault>`: serves the vault to an MCP client (Claude Desktop, Claude Code, ...) on stdio.

import type { Command } from "commander";

export function registerMcpCommands(program: Command): void {
  program
    .command("mcp")
    .description("Serve the vault to an MCP client on stdio (bootload, loops, context packs, lineage, handoff)")
    .argument("<vault>", "vault folder")
    .addHelpText(
      "after",
      "\nExample client config: claude mcp add decp -- node /path/to/dist/cli.js mcp /path/to/vault",
    )
    .action(async (vault: string) => {
      // Loaded on demand (its own file in dist/): the MCP SDK and zod are half the CLI's code.
      const { serveStdio } = await import("../mcp/server");
      await serveStdio(vault);
    });
}
