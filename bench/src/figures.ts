// What a benchmark reports: named figures with a unit, an optional target and whether it holds, and
// the timing primitives every section shares (warm-ups, medians, figures paired with their floor,
// progress on stderr). A target is a ratio to a floor measured in the same run, interleaved with
// the figure, so machine load moves both alike; absolute times are reported for information.

export type Comparison = "<=" | ">=" | "==";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** "<= 1.3", "== 0"; null when the figure is reported without a target. */
  target: string | null;
  holds: boolean | null;
  note?: string;
  /** For a ratio: the figure's and the floor's median ms, and what the floor does. */
  ms?: number;
  floorMs?: number;
  floor?: string;
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

/** Medians of a measured figure and its floor, run alternately (floor first) `reps` times after one warm-up pair. */
export interface Paired {
  ms: number;
  floorMs: number;
  /** Median of the per-pair ratios: each pair ran back to back under the same load. */
  ratio: number;
}

export async function paired(
  measure: () => Promise<number> | number,
  floor: () => Promise<number> | number,
  reps: number,
  warmups = 1,
): Promise<Paired> {
  const values: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < warmups + reps; i++) {
    collectGarbage();
    const f = await floor();
    collectGarbage();
    const v = await measure();
    if (i < warmups) continue;
    floors.push(f);
    values.push(v);
  }
  return {
    ms: median(values),
    floorMs: median(floors),
    ratio: median(values.map((v, i) => v / Math.max(floors[i], 1e-6))),
  };
}

/** Wall time of one run of `work`, in ms. */
export async function timed(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** A ratio figure: value is measured / floor, with both medians and the floor's description beside it. */
export function ratio(name: string, measured: Paired, floor: string, limit: number, note?: string): Figure {
  return {
    ...figure(name, measured.ratio, "x floor", ["<=", limit], note),
    ms: round(measured.ms),
    floorMs: round(measured.floorMs),
    floor,
  };
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
    f.ms === undefined ? "" : `${f.ms} ms`,
    f.floorMs === undefined ? "" : `${f.floorMs} ms`,
    f.target ?? "",
    f.holds === null ? "" : f.holds ? "yes" : "NO",
    f.floor ?? f.note ?? "",
  ]);
  const head = ["figure", "value", "ms", "floor ms", "target", "holds", "floor / note"];
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
