// Each area registers its subcommands here; the commands parse arguments, call core and print.
// One import and one array entry per line: .gitattributes merges this file as a union.

import type { Command } from "commander";
import { registerContextCommands } from "./context";
import { registerDbtCommands } from "./dbt";
import { registerDemoCommands } from "./demo";
import { registerInitCommands } from "./init";
import { registerMcpCommands } from "./mcp";
import { registerTicktickCommands } from "./ticktick";

export type CommandRegistrar = (program: Command) => void;

export const commandRegistrars: CommandRegistrar[] = [
  registerInitCommands,
  registerContextCommands,
  registerDbtCommands,
  registerTicktickCommands,
  registerDemoCommands,
  registerMcpCommands,
];
