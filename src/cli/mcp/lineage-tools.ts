// The lineage tool: a dbt selector over the lineage rebuilt from the model notes (no manifest
// needed), answering with each selected node and its direct upstream and downstream.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { loadLineageFromVault, selectNodes, type LineageGraph, type LineageNode } from "../../core/dbt";
import { UserError } from "../../core/errors";
import type { McpContext } from "./context";
import { guardedTool } from "./tool-result";

interface NodeLineage {
  uniqueId: string;
  name: string;
  resourceType: string;
  upstream: string[];
  downstream: string[];
}

/** A node as packs and model cards name it: its note's name (a source: `crm.customers`, not `customers`). */
function shownName(node: LineageNode): string {
  const file = node.notePath.slice(node.notePath.lastIndexOf("/") + 1).replace(/\.md$/, "");
  return file || node.name;
}

function describeNode(graph: LineageGraph, id: string): NodeLineage {
  const node = graph.nodes.get(id)!;
  const names = (ids: string[] | undefined) =>
    (ids ?? []).map((other) => {
      const found = graph.nodes.get(other);
      return found ? shownName(found) : other;
    });
  return {
    uniqueId: id,
    name: shownName(node),
    resourceType: node.resourceType,
    upstream: names(graph.parents.get(id)),
    downstream: names(graph.children.get(id)),
  };
}

function renderNode(node: NodeLineage): string {
  const list = (names: string[]) => (names.length ? names.join(", ") : "(none)");
  return [
    `${node.name} (${node.resourceType}, ${node.uniqueId})`,
    `  upstream (${node.upstream.length}): ${list(node.upstream)}`,
    `  downstream (${node.downstream.length}): ${list(node.downstream)}`,
  ].join("\n");
}

export function registerLineageTools(server: McpServer, context: McpContext): void {
  const { vault, settings } = context;
  server.registerTool(
    "lineage",
    {
      title: "dbt lineage",
      description:
        "Select dbt nodes with dbt's selector syntax in `selector` (`+fct_orders`, `dim_customers+1`, `tag:finance`, `@model`, ...), minus the nodes `exclude` selects, and get each one's direct upstream and downstream by name, read from the model notes.",
      inputSchema: {
        selector: z
          .string()
          .trim()
          .min(1)
          .describe("dbt node selection, e.g. `+fct_orders` or `tag:finance,path:models/marts`"),
        exclude: z.string().optional().describe("dbt selector of nodes to leave out"),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardedTool("lineage", context, async ({ selector, exclude }: { selector: string; exclude?: string }) => {
      const graph = await loadLineageFromVault(vault, settings);
      if (graph.nodes.size === 0)
        throw new UserError(
          `No dbt model notes under "${settings.dbtFolder}"`,
          { file: settings.dbtFolder },
          "Import the project first: `decp import-dbt <vault> --manifest target/manifest.json`",
        );
      const ids = selectNodes(graph, selector, exclude);
      if (ids.length === 0)
        throw new UserError(
          `Selector "${selector}" matched no nodes`,
          { token: selector },
          "Check the model name; `decp select <vault> <selector>` shows what matches",
        );
      const nodes = ids.map((id) => describeNode(graph, id));
      return [
        `${nodes.length} node${nodes.length === 1 ? "" : "s"} selected by "${selector}"${exclude ? ` excluding "${exclude}"` : ""}:`,
        "",
        ...nodes.map(renderNode),
      ].join("\n");
    }),
  );
}
