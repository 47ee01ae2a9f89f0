/** `npm run bench`: runs every benchmark under test/bench/ one after another (not part of `npm test`). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const benches = fs.readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run.ts' && (!only || f.includes(only)));
let failed = 0;
for (const file of benches) {
  console.log(`\n━━ ${file} ━━`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, file)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
