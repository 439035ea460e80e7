// Progress for long CLI work (import-dbt, tally, sync): a bar when the total is known, a status line
// when the work reports messages. Drawn on stderr only when stdout is a terminal, so piped output,
// --json and the MCP server never see a single control character.

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Where the line is drawn (stderr). */
  stream?: ProgressStream;
  /** Whether stdout is a terminal; progress appears only then. */
  interactive?: boolean;
  /** --json silences progress even on a terminal. */
  json?: boolean;
  now?: () => number;
}

export interface Progress {
  /** Advances by `step` (default 1), optionally naming the item being worked on. */
  tick(step?: number, item?: string): void;
  /** Sets the total when it becomes known after the bar was created. */
  setTotal(total: number): void;
  /** Clears the line; call it before printing the result. */
  done(): void;
}

export interface StatusLine {
  /** Replaces the line with `message` (e.g. the sync engine's "Syncing LOOP-003 (3/7)"). */
  show(message: string): void;
  done(): void;
}

const BAR_WIDTH = 24;
// Redrawing on every tick of a 5,000-file tally would cost more than the work; 30 frames a second is plenty.
const MIN_FRAME_MS = 33;

/** One redrawable line on a terminal, throttled; null when progress must stay silent. */
function terminalLine(options: ProgressOptions): { draw(text: string, force: boolean): void; clear(): void } | null {
  const stream = options.stream ?? process.stderr;
  const interactive = options.interactive ?? process.stdout.isTTY === true;
  if (!interactive || options.json) return null;
  const now = options.now ?? Date.now;
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    draw(text, force) {
      const at = now();
      if (!force && at - lastDraw < MIN_FRAME_MS) return;
      lastDraw = at;
      const width = stream.columns ?? 80;
      stream.write(`\r${text.length > width - 1 ? text.slice(0, width - 1) : text}\u001b[K`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write("\r\u001b[K");
      drawn = false;
    },
  };
}

export function createProgress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const line = terminalLine(options);
  if (!line) return { tick: () => undefined, setTotal: () => undefined, done: () => undefined };
  let done = 0;
  let max = total;
  const render = (item?: string): string => {
    const ratio = max > 0 ? Math.min(1, done / max) : 0;
    const filled = Math.round(ratio * BAR_WIDTH);
    return `${label} [${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${max}${item ? ` ${item}` : ""}`;
  };
  return {
    tick(step = 1, item?: string) {
      done += step;
      line.draw(render(item), done >= max);
    },
    setTotal(next: number) {
      max = next;
      line.draw(render(), true);
    },
    done: () => line.clear(),
  };
}

export function createStatusLine(options: ProgressOptions = {}): StatusLine {
  const line = terminalLine(options);
  if (!line) return { show: () => undefined, done: () => undefined };
  return { show: (message) => line.draw(message, false), done: () => line.clear() };
}
