import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalActions } from '../../../../shared/src/professionals/journal-actions.js';

const root = path.resolve(import.meta.dirname, '../../..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** The actions the code journals: `action: '…'` (and both arms of a conditional), and the medical helper's. */
function actionsInCode(): Set<string> {
  const found = new Set<string>();
  for (const f of files(root)) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!/action: |action = |journalIn\(/.test(line)) continue;
      for (const m of line.matchAll(/'([a-z]+\.[a-z0-9.-]+)'/g)) found.add(m[1]!);
    }
  }
  return found;
}

describe('the journal actions catalog (« Historique d’activité »)', () => {
  it('has a French label for every action the code journals', () => {
    const found = actionsInCode();
    expect(found.size).toBeGreaterThan(40);
    const missing = [...found].filter((a) => !journalActions[a]).sort();
    expect(missing).toEqual([]);
  });
});
