// Connecting agents to a vault: the set-up plan for Claude Code, Cursor and VS Code, and the text
// edits it is made of (decp's managed region in Markdown, key-wise JSON config edits).

export {
  AGENT_NAMES,
  AGENTS,
  CLAUDE_COMMANDS,
  HOOK_ENTRY,
  hookCommand,
  planAgentSetup,
  rulesText,
  shellQuote,
  type AgentFile,
  type AgentKind,
  type AgentLaunch,
  type AgentSetupPlan,
} from "./setup";
export { AGENT_REGION_BEGIN, AGENT_REGION_END, splitCommandSource, upsertManagedRegion } from "./managed-text";
export { readJsonConfig, sameJson, setJsonValue, upsertHookGroup } from "./json-config";
