/**
 * One reporting shape for every benchmark: the machine line first, then one PASS/MISS row per
 * target with the figure and the baseline measured in the same run. When `npm run bench`
 * (test/bench/run.ts) sets BENCH_RESULTS to a file, each row is also appended there as one JSON
 * line, so the runner can end with a single summary table of every target of every bench.
 */
import fs from 'node:fs';
import os from 'node:os';

/** One target of one bench, as measured in this run. */
export interface TargetRow {
  bench: string;
  /** What is measured, e.g. "request → offer p99, bursts of 50". */
  name: string;
  /** The figure measured, formatted with its unit. */
  figure: string;
  /** The same-run baseline it is compared with ("—" when the target is absolute). */
  baseline: string;
  /** The target as a reader would state it, e.g. "≤ 20 ms". */
  target: string;
  pass: boolean;
}

/** Cores, CPU model and Node version: figures mean little without them. */
export function machineLine(): string {
  const cpus = os.cpus();
  return `machine: ${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Prints the machine line under the bench's name; call once, first. */
export function announce(bench: string, what: string): void {
  console.log(`${bench}: ${what}`);
  console.log(machineLine());
}

/** Prints the rows aligned; used for the per-bench targets and the runner's summary. */
export function printRows(rows: readonly TargetRow[], withBench: boolean): void {
  const head = [...(withBench ? ['bench'] : []), 'target', 'figure', 'baseline (same run)', 'wanted', 'result'];
  const cells = rows.map((r) => [...(withBench ? [r.bench] : []), r.name, r.figure, r.baseline, r.target, r.pass ? 'PASS' : 'MISS']);
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  for (const row of [head, ...cells]) console.log('  ' + row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
}

/** Prints this bench's targets (PASS/MISS) and hands them to the runner's summary, if any. */
export function reportTargets(bench: string, rows: readonly Omit<TargetRow, 'bench'>[]): void {
  const full = rows.map((r) => ({ bench, ...r }));
  console.log(`\ntargets (${bench}):`);
  printRows(full, false);
  const file = process.env.BENCH_RESULTS;
  if (file) fs.appendFileSync(file, full.map((r) => JSON.stringify(r) + '\n').join(''));
}

/** Reads the rows the benches appended to `file` (one JSON object a line). */
export function readRows(file: string): TargetRow[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as TargetRow);
}

/** A fixed-seed generator (mulberry32): the same seed draws the same requests in every run and mode. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
