// The agents' file formats as their documentation publishes them, as zod schemas the set-up's output
// and the Claude Code plugin are checked against. Sources (also cited in docs/ARCHITECTURE.md):
// - Claude Code: code.claude.com/docs/en/mcp (project .mcp.json, "mcpServers"), /en/hooks (settings
//   "hooks": event -> [{ matcher?, hooks: [{ type: "command", command, timeout? }] }]), /en/slash-commands
//   (.claude/commands/*.md, frontmatter description / argument-hint), /en/skills (SKILL.md name,
//   description), /en/plugins-reference and /en/plugin-marketplaces; the SchemaStore schemas
//   claude-code-settings.json, claude-code-plugin-manifest.json, claude-code-marketplace.json.
// - Cursor: cursor.com/docs/mcp (.cursor/mcp.json, "mcpServers": command, args, env) and
//   cursor.com/docs/context/rules (.cursor/rules/*.mdc frontmatter: description, globs, alwaysApply).
// - VS Code: code.visualstudio.com/docs/copilot/reference/mcp-configuration (.vscode/mcp.json,
//   "servers", stdio needs type "stdio" and command) and /docs/copilot/customization/custom-instructions
//   (.github/copilot-instructions.md, applied to every chat request).
import { z } from "zod";

const stringMap = z.record(z.string(), z.string());

/** Claude Code's hook events (SchemaStore's claude-code-settings / plugin manifest enum, the ones decp uses first). */
const HOOK_EVENTS = [
  "PreToolUse",
  "PostToolUse",
  "Notification",
  "UserPromptSubmit",
  "SessionStart",
  "SessionEnd",
  "Stop",
  "SubagentStop",
  "PreCompact",
  "PostCompact",
] as const;

export const claudeMcpServer = z
  .object({
    type: z.literal("stdio").optional(),
    command: z.string().min(1),
    args: z.array(z.string()).optional(),
    env: stringMap.optional(),
  })
  .strict();

export const claudeMcpJson = z.object({ mcpServers: z.record(z.string(), claudeMcpServer) }).strict();

export const cursorMcpJson = z
  .object({
    mcpServers: z.record(
      z.string(),
      z
        .object({ command: z.string().min(1), args: z.array(z.string()).optional(), env: stringMap.optional() })
        .strict(),
    ),
  })
  .strict();

export const vscodeMcpJson = z
  .object({
    servers: z.record(
      z.string(),
      z
        .object({
          type: z.literal("stdio"),
          command: z.string().min(1),
          args: z.array(z.string()).optional(),
          env: stringMap.optional(),
          envFile: z.string().optional(),
        })
        .strict(),
    ),
    inputs: z.array(z.unknown()).optional(),
  })
  .strict();

export const commandHook = z
  .object({
    type: z.literal("command"),
    command: z.string().min(1),
    timeout: z.number().positive().optional(),
  })
  .strict();

const hookGroup = z.object({ matcher: z.string().optional(), hooks: z.array(commandHook).min(1) }).strict();

export const claudeHooks = z.partialRecord(z.enum(HOOK_EVENTS), z.array(hookGroup));

/** .claude/settings.json: other keys are the user's and pass through. */
export const claudeSettings = z.looseObject({ hooks: claudeHooks.optional() });

export const cursorRuleFrontmatter = z
  .object({ description: z.string().min(1), globs: z.string().optional(), alwaysApply: z.boolean() })
  .strict();

export const slashCommandFrontmatter = z
  .object({ description: z.string().min(1), "argument-hint": z.string().optional() })
  .strict();

export const skillFrontmatter = z
  .object({
    name: z
      .string()
      .max(64)
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    description: z.string().min(1).max(1024),
  })
  .strict();

const relative = (ext?: string) =>
  z
    .string()
    .regex(/^\.\//)
    .refine((p) => !ext || p.endsWith(ext), `must end with ${ext}`);

export const pluginManifest = z
  .object({
    $schema: z.string().optional(),
    name: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/),
    version: z.string().regex(/^\d+\.\d+\.\d+/),
    description: z.string().min(1),
    author: z.object({ name: z.string().min(1), email: z.string().optional(), url: z.string().optional() }).strict(),
    license: z.string().optional(),
    keywords: z.array(z.string()).optional(),
    userConfig: z
      .record(
        z.string().regex(/^[A-Za-z_]\w*$/),
        z
          .object({
            type: z.enum(["string", "number", "boolean", "directory", "file"]),
            title: z.string(),
            description: z.string(),
            required: z.boolean().optional(),
            default: z.union([z.string(), z.number(), z.boolean()]).optional(),
            sensitive: z.boolean().optional(),
          })
          .strict(),
      )
      .optional(),
    mcpServers: z.record(z.string(), claudeMcpServer),
    commands: z.array(relative(".md")),
    skills: z.array(relative()),
    hooks: claudeHooks,
  })
  .strict();

export const marketplace = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    owner: z.object({ name: z.string().min(1), email: z.string().optional() }).strict(),
    plugins: z.array(
      z
        .object({
          name: z.string().min(1),
          description: z.string().optional(),
          version: z.string().optional(),
          source: relative(),
          category: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();
