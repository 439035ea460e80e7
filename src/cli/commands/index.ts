// Each area registers its subcommands here; the commands parse arguments, call core and print.

import type { Command } from "commander";
import { registerDemoCommands } from "./demo";
import { registerInitCommands } from "./init";
import { registerMcpCommands } from "./mcp";

export type CommandRegistrar = (program: Command) => void;

export const commandRegistrars: CommandRegistrar[] = [registerInitCommands, registerMcpCommands, registerDemoCommands];
