// A progress bar for long CLI work (import-dbt, tally, sync). It draws on stderr only when stdout is a
// terminal, so piped output, --json and the MCP server never see a single control character.

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  /** Advances by `step` (default 1), optionally naming the item being worked on. */
  tick(step?: number, item?: string): void;
  /** Sets the total when it becomes known after the bar was created. */
  setTotal(total: number): void;
  /** Clears the bar; call it before printing the result. */
  done(): void;
}

const SILENT: Progress = { tick: () => undefined, setTotal: () => undefined, done: () => undefined };
const BAR_WIDTH = 24;
// Redrawing on every tick of a 5,000-file tally would cost more than the work; 30 frames a second is plenty.
const MIN_FRAME_MS = 33;

export interface ProgressOptions {
  /** Where the bar is drawn (stderr). */
  stream?: ProgressStream;
  /** Whether stdout is a terminal; the bar appears only then. */
  interactive?: boolean;
  /** --json silences the bar even on a terminal. */
  json?: boolean;
  now?: () => number;
}

export function createProgress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const interactive = options.interactive ?? process.stdout.isTTY === true;
  if (!interactive || options.json) return SILENT;
  const now = options.now ?? Date.now;
  let done = 0;
  let max = total;
  let lastDraw = -Infinity;
  let drawn = false;

  const draw = (item: string | undefined, force: boolean): void => {
    const at = now();
    if (!force && at - lastDraw < MIN_FRAME_MS) return;
    lastDraw = at;
    const ratio = max > 0 ? Math.min(1, done / max) : 0;
    const filled = Math.round(ratio * BAR_WIDTH);
    const bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
    let line = `${label} [${bar}] ${done}/${max}${item ? ` ${item}` : ""}`;
    const width = stream.columns ?? 80;
    if (line.length > width - 1) line = line.slice(0, width - 1);
    stream.write(`\r${line}\u001b[K`);
    drawn = true;
  };

  return {
    tick(step = 1, item?: string) {
      done += step;
      draw(item, done >= max);
    },
    setTotal(next: number) {
      max = next;
      draw(undefined, true);
    },
    done() {
      if (drawn) stream.write("\r\u001b[K");
      drawn = false;
    },
  };
}
