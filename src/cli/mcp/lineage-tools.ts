// The lineage tool: a dbt selector over the lineage rebuilt from the model notes (no manifest
// needed), answering with each selected node and its direct upstream and downstream; or, given a
// column (model.column), the models that read it (as `decp impact`).

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  columnImpact,
  describeImpact,
  loadLineageFromVault,
  namedImpact,
  selectNodes,
  type LineageGraph,
} from "../../core/dbt";
import { UserError } from "../../core/errors";
import type { McpContext } from "./context";
import { guardedTool } from "./tool-result";

interface NodeLineage {
  uniqueId: string;
  name: string;
  resourceType: string;
  notePath: string;
  upstream: string[];
  downstream: string[];
}

function describeNode(graph: LineageGraph, id: string): NodeLineage {
  const node = graph.nodes.get(id)!;
  const names = (ids: string[] | undefined) => (ids ?? []).map((other) => graph.nodes.get(other)?.name ?? other);
  return {
    uniqueId: id,
    name: node.name,
    resourceType: node.resourceType,
    notePath: node.notePath,
    upstream: names(graph.parents.get(id)),
    downstream: names(graph.children.get(id)),
  };
}

function renderNode(node: NodeLineage): string {
  const list = (names: string[]) => (names.length ? names.join(", ") : "(none)");
  return [
    `${node.uniqueId} (${node.resourceType}) [[${node.name}]] ${node.notePath}`,
    `  upstream (${node.upstream.length}): ${list(node.upstream)}`,
    `  downstream (${node.downstream.length}): ${list(node.downstream)}`,
  ].join("\n");
}

interface LineageArgs {
  selector?: string;
  exclude?: string;
  column?: string;
}

export function registerLineageTools(server: McpServer, context: McpContext): void {
  const { vault, settings, log } = context;
  server.registerTool(
    "lineage",
    {
      title: "dbt lineage",
      description:
        "Select dbt nodes with dbt's selector syntax (`+fct_orders`, `dim_customers+1`, `tag:finance`, `@model`, `column:dim_customers.segment`, ...) and get each one's direct upstream and downstream, read from the model notes. Or pass `column` (model.column) to get the models whose compiled SQL reads that column, directly and through columns computed from it.",
      inputSchema: {
        selector: z
          .string()
          .trim()
          .min(1)
          .optional()
          .describe("dbt node selection, e.g. `+fct_orders` or `tag:finance,path:models/marts`"),
        exclude: z.string().optional().describe("dbt selector of nodes to leave out"),
        column: z
          .string()
          .trim()
          .min(1)
          .optional()
          .describe("a column as model.column, e.g. dim_customers.segment: which models read it"),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardedTool("lineage", log, async ({ selector, exclude, column }: LineageArgs) => {
      const graph = await loadLineageFromVault(vault, settings);
      if (graph.nodes.size === 0)
        throw new UserError(
          `No dbt model notes under "${settings.dbtFolder}"`,
          { file: settings.dbtFolder },
          "Import the project first: `decp import-dbt <vault> --manifest target/manifest.json`",
        );
      if (column !== undefined) {
        const impact = columnImpact(graph, column);
        return { text: describeImpact(graph, impact), data: { ...namedImpact(graph, impact) } };
      }
      if (selector === undefined)
        throw new UserError(
          "Pass a selector or a column",
          { token: "lineage" },
          "e.g. selector `+fct_orders`, or column `dim_customers.segment`",
        );
      const ids = selectNodes(graph, selector, exclude);
      if (ids.length === 0)
        throw new UserError(
          `Selector "${selector}" matched no nodes`,
          { token: selector },
          "Check the model name; `decp select <vault> <selector>` shows what matches",
        );
      const nodes = ids.map((id) => describeNode(graph, id));
      const text = [
        `${nodes.length} node${nodes.length === 1 ? "" : "s"} selected by "${selector}"${exclude ? ` excluding "${exclude}"` : ""}:`,
        "",
        ...nodes.map(renderNode),
      ].join("\n");
      return { text, data: { nodes } };
    }),
  );
}
