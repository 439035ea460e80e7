// Each area registers its subcommands here; the commands parse arguments, call core and print.

import type { Command } from "commander";
import { registerInitCommands } from "./init";
import { registerLoopsCommands } from "./loops";
import { registerSessionCommands } from "./session";

export type CommandRegistrar = (program: Command) => void;

export const commandRegistrars: CommandRegistrar[] = [registerInitCommands, registerLoopsCommands, registerSessionCommands];
