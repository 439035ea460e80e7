// An in-memory LoopStore for engine tests that do not need real notes; sync tests over notes use
// the vault store on FsVault.

import type { LocalChange, LoopStore, NewLoop, SyncLoop } from "../../src/core/ticktick";

export interface MemoryLoop extends SyncLoop {
  closed?: string;
  clarified?: string;
  clarifiedText?: string;
}

export class MemoryLoopStore implements LoopStore {
  loops: MemoryLoop[] = [];
  unreadable: { path: string; error: string }[] = [];

  add(loop: Partial<MemoryLoop> & { id: string }): MemoryLoop {
    const full: MemoryLoop = {
      status: "open",
      title: `Title of ${loop.id}`,
      context: "Why it came up",
      question: `Question of ${loop.id}?`,
      path: `Copilot/Loops/${loop.id}.md`,
      ...loop,
    };
    this.loops.push(full);
    return full;
  }

  get(id: string): MemoryLoop {
    const loop = this.loops.find((l) => l.id === id);
    if (!loop) throw new Error(`no loop ${id}`);
    return loop;
  }

  async list(): Promise<{ loops: SyncLoop[]; unreadable: { path: string; error: string }[] }> {
    return { loops: this.loops.map((l) => ({ ...l })), unreadable: this.unreadable };
  }

  async apply(loop: SyncLoop, change: LocalChange): Promise<void> {
    const target = this.get(loop.id);
    const { list, ...rest } = change;
    Object.assign(target, rest, list !== undefined ? { list } : {});
  }

  async create(loop: NewLoop): Promise<SyncLoop> {
    const next = Math.max(0, ...this.loops.map((l) => Number(l.id.slice(5)))) + 1;
    return {
      ...this.add({
        id: `LOOP-${String(next).padStart(3, "0")}`,
        title: loop.title,
        question: loop.question,
        context: loop.context,
        ticktickId: loop.ticktickId,
        due: loop.due,
        priority: loop.priority,
      }),
    };
  }
}
