/**
 * `npm run bench`: runs every benchmark under test/bench/ one after another (not part of
 * `npm test`; `npm run bench -- matching` runs those whose file name contains "matching"), then
 * prints one summary table of every target of every bench. Each bench appends its PASS/MISS rows
 * to the BENCH_RESULTS file (support/report.ts); a bench that ends without rows is listed too.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLine, printRows, readRows } from './support/report';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const benches = fs.readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run.ts' && (!only || f.includes(only)));
const results = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yinzhi-bench-')), 'results.jsonl');
const failures: string[] = [];
for (const file of benches) {
  console.log(`\n━━ ${file} ━━`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, file)], { stdio: 'inherit', env: { ...process.env, BENCH_RESULTS: results } });
  if (r.status !== 0) failures.push(`${file} exited with ${r.status ?? r.signal}`);
}
const rows = readRows(results);
fs.rmSync(path.dirname(results), { recursive: true, force: true });
for (const file of benches) if (!rows.some((r) => r.bench === file.replace(/\.ts$/, ''))) failures.push(`${file} reported no targets`);
console.log(`\n━━ summary ━━\n${machineLine()}`);
printRows(rows, true);
console.log(`  ${rows.filter((r) => r.pass).length} of ${rows.length} targets met${failures.length ? `; ${failures.join('; ')}` : ''}`);
process.exit(failures.length ? 1 : 0);
