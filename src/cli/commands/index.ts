// Each area registers its subcommands here; the commands parse arguments, call core and print.

import type { Command } from "commander";
import { registerContextCommands } from "./context";
import { registerInitCommands } from "./init";

export type CommandRegistrar = (program: Command) => void;

export const commandRegistrars: CommandRegistrar[] = [registerInitCommands, registerContextCommands];
