// Each area registers its subcommands here; the commands parse arguments, call core and print.

import type { Command } from "commander";
import { registerInitCommands } from "./init";
import { registerTicktickCommands } from "./ticktick";

export type CommandRegistrar = (program: Command) => void;

export const commandRegistrars: CommandRegistrar[] = [registerInitCommands, registerTicktickCommands];
