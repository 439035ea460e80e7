// The protocol notes (BOOTLOADER, PROTOCOL_REFERENCE, ONBOARDING, ...) as MCP resources, read from
// the vault's protocol folder at request time so an edit in Obsidian is what the agent reads next.

import { ResourceTemplate, type McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { UserError } from "../../core/errors";
import { basename, joinVaultPath } from "../../core/vault";
import type { McpContext } from "./context";

const URI_PREFIX = "decp://protocol/";

export function registerProtocolResources(server: McpServer, context: McpContext): void {
  const { vault, settings } = context;
  const notes = async (): Promise<string[]> =>
    (await vault.list(settings.protocolFolder)).filter((path) => path.endsWith(".md"));

  server.registerResource(
    "protocol",
    new ResourceTemplate(`${URI_PREFIX}{name}`, {
      list: async () => ({
        resources: (await notes()).map((path) => ({
          uri: URI_PREFIX + encodeURIComponent(basename(path)),
          name: basename(path),
          description: `Protocol note ${path}`,
          mimeType: "text/markdown",
        })),
      }),
    }),
    {
      title: "Protocol notes",
      description: "The copilot protocol: bootloader, reference and onboarding notes from the vault",
      mimeType: "text/markdown",
    },
    async (uri, variables) => {
      const name = decodeURIComponent(String(variables.name));
      // The name comes from the client: joinVaultPath rejects anything that would leave the folder.
      if (name.includes("/")) throw new UserError(`Protocol note "${name}" is not a note name`);
      const path = joinVaultPath(settings.protocolFolder, `${name}.md`);
      if (!(await vault.exists(path)))
        throw new UserError(
          `No protocol note "${name}" in ${settings.protocolFolder}`,
          { file: path },
          "Run `decp init <vault>` to install the protocol notes",
        );
      const text = await vault.read(path);
      // The agent receives it on this connection: the session meter counts it (it has no line of its own).
      const tally = await context.tally();
      context.meter.record(text, (t) => tally.counter.count(t));
      return { contents: [{ uri: uri.href, mimeType: "text/markdown", text }] };
    },
  );
}
