// dist/decp-hook.js: the command Claude Code's hooks run (`node decp-hook.js session-start <vault>`), a
// lean bundle of its own so a session start does not load the MCP server, the dbt importer or TickTick.
// It never blocks a session: it always exits 0, and prints either what it exists for (the resume pack,
// exactly as `decp resume` prints it; the compaction instructions) or one line saying what went wrong.

import { isUserError } from "../core/errors";
import { cliResumePack } from "./resume-pack";

/** What Claude Code writes on the hook's stdin (the fields decp reads). */
interface HookInput {
  hook_event_name?: string;
  source?: string;
  trigger?: string;
}

const EVENTS: Record<string, string> = { "session-start": "SessionStart", "pre-compact": "PreCompact" };

/** Past this the hook gives up with one line; Claude Code's own timeout (10 s in the settings) is later. */
export const HOOK_DEADLINE_MS = 3000;

export const PRE_COMPACT_TEXT = `decp: this conversation is about to be compacted. Keep in the summary: the task and the step of the plan in progress, the focus model, every loop id this session touched, the open questions not yet proposed as loops, and the latest context decision.
After the compaction, before anything else: write the decp handoff with the \`write_handoff\` tool (stopped at, next action, required reading), then go on from the resume pack the session start provides.
`;

function line(text: string): string {
  return `decp: ${text.replace(/\s*\n\s*/g, " ").trim()}\n`;
}

/** The vault named on the command line, else by DECP_VAULT, else by the Claude Code plugin's `vault` option. */
export function vaultFrom(argument: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (argument) return argument;
  if (env.DECP_VAULT) return env.DECP_VAULT;
  const option = Object.keys(env).find((k) => k.toUpperCase() === "CLAUDE_PLUGIN_OPTION_VAULT");
  return option && env[option] ? env[option] : undefined;
}

function parseInput(stdin: string): HookInput {
  try {
    const value: unknown = JSON.parse(stdin);
    return value !== null && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}

/** The text the hook prints for one event; never throws. */
export async function hookOutput(event: string | undefined, vault: string | undefined, stdin: string): Promise<string> {
  const input = parseInput(stdin);
  const name = input.hook_event_name ?? (event ? EVENTS[event] : undefined) ?? "SessionStart";
  if (name === "PreCompact") return PRE_COMPACT_TEXT;
  if (name !== "SessionStart") return "";
  if (!vault) {
    return line(
      "no vault is configured, so this session starts without the resume pack. Set the plugin's vault option (or DECP_VAULT), or run `decp agent-setup <vault> --repo <this repository> --agent claude-code`.",
    );
  }
  try {
    const pack = await cliResumePack(vault);
    return pack.text.endsWith("\n") ? pack.text : pack.text + "\n";
  } catch (error) {
    const why = isUserError(error) ? error.describe() : (error as Error).message;
    return line(`the resume pack could not be built (${why}). Call \`bootload\` once it is fixed.`);
  }
}

function readStdin(limitMs: number): Promise<string> {
  if (process.stdin.isTTY) return Promise.resolve("");
  return new Promise((resolve) => {
    let text = "";
    const done = (): void => {
      clearTimeout(timer);
      process.stdin.pause();
      resolve(text);
    };
    const timer = setTimeout(done, limitMs);
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk: string) => (text += chunk));
    process.stdin.on("end", done);
    process.stdin.on("error", done);
  });
}

/** Runs the hook: `argv` is [event, vault?]. Resolves once the output is written; the exit code is always 0. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  process.stdout.on("error", () => undefined);
  const [event, vaultArgument] = argv;
  const vault = vaultFrom(vaultArgument, env);
  const late = line(
    `the resume pack took longer than ${HOOK_DEADLINE_MS / 1000} s and was skipped; call \`bootload\` to read it.`,
  );
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(late), HOOK_DEADLINE_MS)));
  const work = readStdin(500).then((stdin) => hookOutput(event, vault, stdin));
  const text = await Promise.race([work, deadline]);
  clearTimeout(timer);
  process.exitCode = 0;
  await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    () => process.exit(0),
  );
}
