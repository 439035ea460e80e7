// Finds ref() and source() calls in a model's Jinja-SQL the way dbt sees them: only inside {{ }} and
// {% %} (so a ref in a `--` SQL comment still counts, because Jinja renders it), never inside {# #}.
// A call whose arguments are not plain literals (ref(var('x')), ref(name)) is reported, never guessed.

export interface RefCall {
  kind: "ref";
  name: string;
  package?: string;
  version?: string;
  line: number;
}

export interface SourceCall {
  kind: "source";
  sourceName: string;
  table: string;
  line: number;
}

export interface DynamicCall {
  kind: "dynamic";
  call: string;
  line: number;
}

export type JinjaCall = RefCall | SourceCall | DynamicCall;

export interface ScannedSql {
  calls: JinjaCall[];
  /** Literal config(materialized=..., tags=...) values, when present. */
  materialized?: string;
  tags: string[];
  /** `{% snapshot name %}`. */
  snapshotName?: string;
}

type Arg = { key?: string; value: string } | { key?: string; dynamic: true };

export function scanSql(sql: string): ScannedSql {
  const out: ScannedSql = { calls: [], tags: [] };
  const lineAt = lineIndex(sql);
  const blocks = /\{#[\s\S]*?(?:#\}|$)|\{\{([\s\S]*?)(?:\}\}|$)|\{%([\s\S]*?)(?:%\}|$)/g;
  for (let block = blocks.exec(sql); block; block = blocks.exec(sql)) {
    const inner = block[1] ?? block[2];
    if (inner === undefined) continue; // a {# comment #}
    const innerStart = block.index + 2;
    const snapshot = block[2] !== undefined ? /^\s*-?\s*snapshot\s+(\w+)/.exec(block[2]) : null;
    if (snapshot) out.snapshotName = snapshot[1];
    const calls = /\b(ref|source|config)\s*\(/g;
    for (let call = calls.exec(inner); call; call = calls.exec(inner)) {
      if (call.index > 0 && inner[call.index - 1] === ".") continue; // obj.ref(...) is not dbt's ref
      const argsStart = call.index + call[0].length;
      const parsed = parseArgs(inner, argsStart);
      const line = lineAt(innerStart + call.index);
      const text = inner
        .slice(call.index, parsed.end + 1)
        .replace(/\s+/g, " ")
        .trim();
      if (call[1] === "config") {
        readConfig(parsed.args, out);
        continue;
      }
      out.calls.push(toCall(call[1] as "ref" | "source", parsed.args, text, line));
      calls.lastIndex = parsed.end;
    }
  }
  return out;
}

function toCall(kind: "ref" | "source", args: Arg[], text: string, line: number): JinjaCall {
  const positional = args.filter((a) => a.key === undefined);
  const dynamic: DynamicCall = { kind: "dynamic", call: text, line };
  if (args.some((a) => "dynamic" in a)) return dynamic;
  const values = positional.map((a) => (a as { value: string }).value);
  if (kind === "source")
    return values.length === 2 && args.length === 2 ? { kind, sourceName: values[0], table: values[1], line } : dynamic;
  const versionArg = args.find((a) => a.key === "v" || a.key === "version") as { value: string } | undefined;
  if (args.some((a) => a.key !== undefined && a.key !== "v" && a.key !== "version")) return dynamic;
  if (values.length !== 1 && values.length !== 2) return dynamic;
  const ref: RefCall =
    values.length === 1 ? { kind, name: values[0], line } : { kind, package: values[0], name: values[1], line };
  if (versionArg) ref.version = versionArg.value;
  return ref;
}

function readConfig(args: Arg[], out: ScannedSql): void {
  for (const arg of args) {
    if (arg.key === "materialized" && "value" in arg) out.materialized = arg.value;
    if (arg.key === "tags" && "value" in arg) out.tags = arg.value.split("\u0000").filter((t) => t !== "");
  }
}

/**
 * Reads call arguments from `start` (just after the parenthesis) to the matching `)`: string or number
 * literals, `key=literal`, and lists of strings (for tags); anything else is marked dynamic.
 */
function parseArgs(text: string, start: number): { args: Arg[]; end: number } {
  const args: Arg[] = [];
  let i = start;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  for (;;) {
    ws();
    if (i >= text.length) return { args, end: text.length };
    if (text[i] === ")") return { args, end: i };
    let key: string | undefined;
    const keyMatch = /^(\w+)\s*=(?!=)/.exec(text.slice(i, i + 80));
    if (keyMatch) {
      key = keyMatch[1];
      i += keyMatch[0].length;
      ws();
    }
    const literal = readLiteral(text, i);
    if (literal) {
      i = literal.end;
      ws();
    }
    if (literal && (text[i] === "," || text[i] === ")")) args.push({ key, value: literal.value });
    else {
      args.push({ key, dynamic: true });
      i = skipExpression(text, i);
    }
    if (text[i] === ",") i++;
  }
}

function readLiteral(text: string, i: number): { value: string; end: number } | null {
  const quote = text[i];
  if (quote === "'" || quote === '"') {
    const close = text.indexOf(quote, i + 1);
    return close < 0 ? null : { value: text.slice(i + 1, close), end: close + 1 };
  }
  const number = /^\d+(\.\d+)?/.exec(text.slice(i, i + 20));
  if (number) return { value: number[0], end: i + number[0].length };
  if (text[i] === "[") {
    const items: string[] = [];
    let j = i + 1;
    for (;;) {
      while (/[\s,]/.test(text[j] ?? "")) j++;
      if (text[j] === "]") return { value: items.join("\u0000"), end: j + 1 };
      const item = readLiteral(text, j);
      if (!item || text[j] === "[") return null;
      items.push(item.value);
      j = item.end;
    }
  }
  return null;
}

/** Skips one argument expression (nested brackets and strings included) up to `,` or `)`. */
function skipExpression(text: string, i: number): number {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      i = close < 0 ? text.length : close;
    } else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) {
      if (depth === 0) return i;
      depth--;
    } else if (c === "," && depth === 0) return i;
  }
  return i;
}

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
