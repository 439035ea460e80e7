// Plans, then effects: core computes the writes, an applier executes them only when the plan is valid.
// An update remembers the text it was planned against, so a file edited meanwhile is never clobbered.

import { UserError } from "./errors";
import { checkWritablePath } from "./names";
import { normalizeVaultPath, type VaultPort } from "./vault";

export interface PlannedWrite {
  path: string;
  content: string;
  reason: string;
  /** Text the plan was computed from; undefined means the file must not exist yet. */
  expected?: string;
}

export interface WritePlan {
  writes: PlannedWrite[];
  /** Files looked at and left alone because nothing changed. */
  unchanged: string[];
  /**
   * The paths of `writes` up to `indexed`, so the duplicate check stays O(1) over thousands of writes.
   * planWrite brings it up to date, so writes pushed by other code count too.
   */
  plannedPaths: { paths: Set<string>; indexed: number };
}

export function emptyPlan(): WritePlan {
  return { writes: [], unchanged: [], plannedPaths: { paths: new Set(), indexed: 0 } };
}

/** Adds a write unless the content is identical to what is there (then it counts as unchanged). */
export function planWrite(plan: WritePlan, path: string, content: string, reason: string, existing?: string): void {
  const normalized = normalizeVaultPath(path);
  checkWritablePath(normalized);
  if (existing !== undefined && existing === content) {
    plan.unchanged.push(normalized);
    return;
  }
  refuseTwice(plan, normalized);
  plan.writes.push({ path: normalized, content, reason, expected: existing });
}

/**
 * Adds the creation of a file whose text is rendered when the write reads it (`content` is a getter,
 * rendering anew on each read), so a plan of thousands of new notes holds none of their texts. The
 * path is checked now, like planWrite's; `render` must be pure and must not fail.
 */
export function planCreate(plan: WritePlan, path: string, render: () => string, reason: string): void {
  const normalized = normalizeVaultPath(path);
  checkWritablePath(normalized);
  refuseTwice(plan, normalized);
  const write = { path: normalized, reason } as PlannedWrite;
  Object.defineProperty(write, "content", { get: render, enumerable: true });
  plan.writes.push(write);
}

function refuseTwice(plan: WritePlan, normalized: string): void {
  if (plannedPaths(plan).has(normalized)) {
    throw new UserError(
      `Two writes planned for "${normalized}"`,
      { file: normalized },
      "Two items map to the same note; rename one of them",
    );
  }
}

/** The plan's planned paths, brought up to date; a writes list that shrank is indexed afresh. */
function plannedPaths(plan: WritePlan): Set<string> {
  if (plan.plannedPaths.indexed > plan.writes.length) plan.plannedPaths = { paths: new Set(), indexed: 0 };
  const index = plan.plannedPaths;
  for (; index.indexed < plan.writes.length; index.indexed++) index.paths.add(plan.writes[index.indexed].path);
  return index.paths;
}

export interface ApplyResult {
  written: string[];
}

export interface ApplyOptions {
  /** Called after each file is written, for progress. */
  onWritten?: (path: string) => void;
}

/**
 * Applies a plan. Before writing anything it checks every target: a create must not find a file,
 * an update must find exactly the text it was planned from. Then it writes in plan order.
 */
export async function applyPlan(vault: VaultPort, plan: WritePlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  for (const write of plan.writes) {
    const exists = await vault.exists(write.path);
    if (write.expected === undefined && exists) {
      throw new UserError(
        `"${write.path}" already exists`,
        { file: write.path },
        "Nothing was written; rename or move the existing note and run again",
      );
    }
    if (write.expected !== undefined) {
      const current = exists ? await vault.read(write.path) : undefined;
      if (current !== write.expected) {
        throw new UserError(
          `"${write.path}" changed while the plan was being made`,
          { file: write.path },
          "Nothing was written; run the command again",
        );
      }
    }
  }
  const written: string[] = [];
  for (const write of plan.writes) {
    if (write.expected === undefined) {
      // Another writer (a CLI process, the MCP server) may have created it since the check above.
      if (!(await vault.createExclusive(write.path, write.content)))
        throw new UserError(
          `"${write.path}" was created by another writer meanwhile`,
          { file: write.path },
          `${written.length ? `Wrote ${written.length} of ${plan.writes.length} notes before it; run` : "Nothing was written; run"} the command again`,
        );
    } else {
      const expected = write.expected;
      await vault.process(write.path, (current) => {
        if (current !== expected) {
          throw new UserError(
            `"${write.path}" changed while being written`,
            { file: write.path },
            "Run the command again",
          );
        }
        return write.content;
      });
    }
    written.push(write.path);
    options.onWritten?.(write.path);
  }
  return { written };
}
