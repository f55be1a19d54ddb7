import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEALTH_TABLES } from './health-tables.js';

const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'db' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Places in `text` where a query names one of `tables` (Kysely's builders, or raw SQL). */
export function healthQueries(text: string, tables: readonly string[]): string[] {
  const names = tables.join('|');
  const builder = new RegExp(
    `\\b(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|with)\\(\\s*['"\`](${names})(\\s+as\\s+\\w+)?['"\`]`,
    'g',
  );
  const raw = new RegExp(`\\b(from|join|into|update)\\s+(${names})\\b(?!['"\`]?\\s*[:,])`, 'gi');
  const found: string[] = [];
  for (const m of text.matchAll(builder)) found.push(m[0]);
  // Raw SQL only inside sql`…` templates, so that prose in comments and strings is not taken for a query.
  for (const t of text.matchAll(/sql(<[^>]*>)?`([^`]*)`/g)) for (const m of t[2]!.matchAll(raw)) found.push(m[0]);
  return found;
}

describe('health data only through repositories (issue 9)', () => {
  it('no source file but *.repo.ts names a health table in a query', () => {
    const offenders = sources(root)
      .filter((f) => !f.endsWith('.repo.ts'))
      .flatMap((f) =>
        healthQueries(readFileSync(f, 'utf8'), HEALTH_TABLES).map((q) => `${path.relative(root, f)}: ${q}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the check sees what it must: builders, joins, raw SQL; not prose', () => {
    expect(healthQueries(`db.selectFrom('document').selectAll()`, HEALTH_TABLES)).toHaveLength(1);
    expect(healthQueries(`q.innerJoin("measure", 'a', 'b')`, HEALTH_TABLES)).toHaveLength(1);
    expect(healthQueries('sql`select * from care_event where x`', HEALTH_TABLES)).toHaveLength(1);
    expect(healthQueries('sql`update medical_item set data = 1`', HEALTH_TABLES)).toHaveLength(1);
    expect(healthQueries(`// the document from the patient`, HEALTH_TABLES)).toHaveLength(0);
    expect(healthQueries(`db.selectFrom('profile')`, HEALTH_TABLES)).toHaveLength(0);
  });
});
