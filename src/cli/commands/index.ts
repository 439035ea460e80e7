// Each area registers its subcommands here; the commands parse arguments, call core and print.

import type { Command } from "commander";
import { registerAgentsCommands } from "./agents";
import { registerContextCommands } from "./context";
import { registerDbtCommands } from "./dbt";
import { registerDemoCommands } from "./demo";
import { registerInitCommands } from "./init";
import { registerLoopsCommands } from "./loops";
import { registerMcpCommands } from "./mcp";
import { registerSessionCommands } from "./session";
import { registerSettingsCommands } from "./settings";
import { registerTicktickCommands } from "./ticktick";

export type CommandRegistrar = (program: Command) => void;

export const commandRegistrars: CommandRegistrar[] = [
  registerInitCommands,
  registerAgentsCommands,
  registerContextCommands,
  registerDbtCommands,
  registerDemoCommands,
  registerLoopsCommands,
  registerMcpCommands,
  registerSessionCommands,
  registerSettingsCommands,
  registerTicktickCommands,
];
