// What a benchmark reports: named figures with a unit, an optional target and whether it holds, and
// the timing primitives every section shares (warm-ups, medians, progress on stderr).

export type Comparison = "<=" | ">=" | "==";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** "<= 1.3", "== 0"; null when the figure is reported without a target. */
  target: string | null;
  holds: boolean | null;
  note?: string;
}

export function figure(
  name: string,
  value: number,
  unit: string,
  target?: [Comparison, number],
  note?: string,
): Figure {
  if (!target) return { name, value: round(value), unit, target: null, holds: null, ...(note ? { note } : {}) };
  const [op, limit] = target;
  const holds = op === "<=" ? value <= limit : op === ">=" ? value >= limit : value === limit;
  return { name, value: round(value), unit, target: `${op} ${limit}`, holds, ...(note ? { note } : {}) };
}

/** A yes/no figure (value 1 or 0) that must be yes. */
export function check(name: string, ok: boolean, note?: string): Figure {
  return { name, value: ok ? 1 : 0, unit: "bool", target: "== 1", holds: ok, ...(note ? { note } : {}) };
}

function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const digits = Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 1 ? 2 : 4;
  return Number(value.toFixed(digits));
}

export function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Median wall time (ms) of `reps` runs after `warmups` unmeasured runs; GC before each run. */
export async function timeMedian(
  run: () => unknown,
  options: { reps: number; warmups?: number; before?: () => unknown },
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < (options.warmups ?? 1) + options.reps; i++) {
    await options.before?.();
    collectGarbage();
    const start = performance.now();
    await run();
    const elapsed = performance.now() - start;
    if (i >= (options.warmups ?? 1)) times.push(elapsed);
  }
  return median(times);
}

export function renderTable(size: string, figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${f.value} ${f.unit}`,
    f.target ?? "",
    f.holds === null ? "" : f.holds ? "yes" : "NO",
  ]);
  const head = ["figure", "value", "target", "holds"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const missed = figures.filter((f) => f.holds === false).length;
  return [
    `decp benchmarks (size ${size})`,
    "",
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    missed === 0 ? "Every target holds." : `${missed} target(s) missed.`,
    "",
  ].join("\n");
}
