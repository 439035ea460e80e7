// LoopStore over real loop notes, through the loops API (listLoops, createLoops, updateLoop). The
// sync adds only what the loop format leaves open: frontmatter keys `due`, `priority`,
// `ticktick_list`, and a `## Clarified in TickTick` section holding what the user wrote there.

import { parseNote, stringifyNote } from "../frontmatter";
import { CLARIFIED_HEADING, createLoops, listLoops, updateLoop, type LoopPatch } from "../loops";
import type { Clock } from "../ports";
import type { DecpSettings } from "../settings";
import type { VaultPort } from "../vault";
import type { LoopPriority } from "./dates";
import type { LocalChange, LoopStore, NewLoop } from "./loop-store";
import type { SyncLoop } from "./mapping";

export { CLARIFIED_HEADING };
const PRIORITIES: LoopPriority[] = ["none", "low", "medium", "high"];

export function vaultLoopStore(vault: VaultPort, settings: DecpSettings, clock: Clock): LoopStore {
  return {
    async list() {
      const { loops, unreadable } = await listLoops(vault, settings);
      const synced: SyncLoop[] = [];
      for (const loop of loops) {
        const fm = parseNote(await vault.read(loop.path), loop.path).frontmatter;
        const due = typeof fm.due === "string" ? fm.due : undefined;
        const priority = PRIORITIES.includes(fm.priority as LoopPriority) ? (fm.priority as LoopPriority) : undefined;
        synced.push({
          id: loop.id,
          status: loop.status,
          title: loop.title,
          context: loop.context,
          question: loop.question,
          path: loop.path,
          ticktickId: loop.ticktickId,
          ...(loop.rejected ? { rejected: true } : {}),
          due,
          priority,
        });
      }
      return { loops: synced, unreadable };
    },

    async apply(loop: SyncLoop, change: LocalChange) {
      const patch: LoopPatch = {};
      if (change.title !== undefined) patch.title = change.title;
      if (change.status !== undefined) patch.status = change.status;
      if (change.status !== undefined && change.status !== "closed") patch.closed = undefined;
      if (change.closed !== undefined) patch.closed = change.closed;
      if (change.clarified !== undefined) patch.clarified = change.clarified;
      if (change.ticktickId !== undefined) patch.ticktickId = change.ticktickId;
      if (Object.keys(patch).length > 0) await updateLoop(vault, loop.path, patch);
      if (change.due !== undefined || change.priority !== undefined || change.list !== undefined) {
        await vault.processFrontMatter(loop.path, (fm) => {
          if (change.due !== undefined) setOrDelete(fm, "due", change.due);
          if (change.priority !== undefined)
            setOrDelete(fm, "priority", change.priority === "none" ? "" : change.priority);
          if (change.list !== undefined) setOrDelete(fm, "ticktick_list", change.list);
        });
      }
      if (change.clarifiedText !== undefined) {
        await vault.process(loop.path, (text) => setSection(text, CLARIFIED_HEADING, change.clarifiedText!, loop.path));
      }
    },

    async create(draft: NewLoop) {
      const { created } = await createLoops(
        vault,
        settings,
        [{ title: draft.title, question: draft.question, context: draft.context, captured: draft.captured }],
        { clock, status: "open" },
      );
      const loop = created[0];
      const synced: SyncLoop = {
        id: loop.id,
        status: "open",
        title: loop.title,
        context: loop.context,
        question: loop.question,
        path: loop.path,
      };
      await this.apply(synced, {
        ticktickId: draft.ticktickId,
        due: draft.due,
        priority: draft.priority,
        list: draft.list,
      });
      return { ...synced, ticktickId: draft.ticktickId, due: draft.due || undefined, priority: draft.priority };
    },
  };
}

function setOrDelete(fm: Record<string, unknown>, key: string, value: string): void {
  if (value === "") delete fm[key];
  else fm[key] = value;
}

/**
 * Replaces (or appends) one level-2 section of a note, leaving every other line as it was. Only
 * the sync's own section is touched; the loop format's sections stay with the loops module.
 */
export function setSection(text: string, heading: string, content: string, path: string): string {
  const note = parseNote(text, path);
  const lines = note.body.split("\n");
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  const block = [`## ${heading}`, content.trim(), ""];
  if (start < 0) {
    const body = note.body.replace(/\n*$/, "\n\n") + block.join("\n");
    return note.hasFrontmatter ? stringifyNote(note.frontmatter, body) : body;
  }
  let end = lines.findIndex((line, i) => i > start && /^##\s/.test(line));
  if (end < 0) end = lines.length;
  lines.splice(start, end - start, ...block);
  const body = lines.join("\n");
  return note.hasFrontmatter ? stringifyNote(note.frontmatter, body) : body;
}
