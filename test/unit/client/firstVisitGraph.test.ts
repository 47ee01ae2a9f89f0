/**
 * What the first visit may pull in, read from the source's static imports (what a bundler must
 * put in the entry and the board's chunks; `import()` and `import type` are not followed).
 * The byte figures are in test/bench/first-load.ts; this test names the modules that the
 * budget was won by keeping out, so a stray import fails here instead of silently adding KBs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/** Static value imports of a file (type-only imports and dynamic `import()` are skipped). */
function importsOf(file: string): string[] {
  let text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.vue')) text = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  const specs: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    const typeOnly = m[2] !== undefined || (m[3] !== undefined && /^\s*{\s*}\s*from\s*$/.test(m[3]));
    if (!typeOnly && !(m[1] === 'export' && m[3] === undefined)) specs.push(m[4]!);
  }
  return specs;
}

function resolveLocal(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.vue`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every local file and package specifier reachable from `entries` through static imports. */
function graph(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = entries.map((e) => path.join(REPO, e));
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of importsOf(file)) {
      if (!spec.startsWith('.')) packages.add(spec);
      else {
        const target = resolveLocal(file, spec);
        if (target && /\.(ts|vue)$/.test(target)) queue.push(target);
      }
    }
  }
  return { files, packages };
}

const rel = (files: Set<string>) => [...files].map((f) => path.relative(REPO, f));

describe('the first visit (entry + board) imports', () => {
  const firstVisit = graph(['client/main.ts', 'client/views/BoardView.vue']);

  it('finds the modules it walks (the walker itself works)', () => {
    expect(rel(firstVisit.files)).toContain('client/stores/board.ts');
    expect(firstVisit.packages).toContain('vue-i18n');
  });

  it('no zod: the client never validates with it, the constants it needs live in zod-free modules', () => {
    const zodUsers = rel(firstVisit.files).filter((f) => importsOf(path.join(REPO, f)).includes('zod'));
    expect(zodUsers).toEqual([]);
  });

  it('no English messages (loaded when chosen) and no Element Plus English strings', () => {
    expect(rel(firstVisit.files)).not.toContain('client/i18n/en.ts');
    expect([...firstVisit.packages].filter((p) => p.includes('locale/lang/en'))).toEqual([]);
  });

  it('neither the industry picker (cascader + the full tree) nor the notification bell', () => {
    expect(rel(firstVisit.files)).not.toContain('client/components/IndustryPicker.vue');
    expect(rel(firstVisit.files)).not.toContain('client/components/NotificationBell.vue');
  });
});

describe('no client module at all', () => {
  it('imports zod, directly or through shared/', () => {
    const all = fs.readdirSync(path.join(REPO, 'client'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|vue)$/.test(f));
    const reached = graph(all.map((f) => path.join('client', f)));
    const zodUsers = rel(reached.files).filter((f) => importsOf(path.join(REPO, f)).includes('zod'));
    expect(zodUsers).toEqual([]);
  });
});
