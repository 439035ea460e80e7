// `decp`: the CLI entry. Exit codes: 0 success, 1 user error (one line on stderr), 2 usage error.

import { Command, CommanderError } from "commander";
import { isUserError } from "../core/errors";
import { commandRegistrars } from "./commands";

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("decp")
    .description(
      "Data Engineering Copilot Patterns: handoffs, loops, token-exact context packs and dbt lineage in a Markdown vault",
    )
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
  for (const register of commandRegistrars) register(program);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isUserError(error)) {
      process.stderr.write(`decp: ${error.describe()}\n`);
      return 1;
    }
    process.stderr.write(`decp: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`decp: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
