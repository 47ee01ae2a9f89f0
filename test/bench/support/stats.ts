/** Small helpers shared by the benchmarks: percentiles and a side-by-side table. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function table(title: string, rows: [string, string, string, string][]): void {
  console.log(`\n${title}`);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log('  ' + r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
