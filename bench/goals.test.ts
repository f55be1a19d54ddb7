import { describe, expect, it } from 'vitest';
import { goalsMarkdown, rowsFromTable, fromPrinted } from './lib/goals.js';
import { withGoals } from './lib/markdown.js';
import { formatTable, type PrintedRow } from './lib/table.js';

const row = (
  scenario: string,
  label: string,
  rate: number,
  unit: string,
  p99Ms: number,
  ratio?: number,
): PrintedRow => ({
  scenario,
  measurement: { label, count: 1, seconds: 1, rate, unit, p50Ms: p99Ms / 2, p99Ms, non2xx: 0, errors: 0 },
  ratio,
  versus: ratio === undefined ? undefined : 'x',
  rssBefore: 0,
  rssAfter: 0,
});

describe('bench goals (issue 13), read from the rows of a run', () => {
  const rows = [
    row('read', 'GET /api/health', 9697, 'req/s', 2.66, 0.19),
    row('read', 'GET measure history, 1 profile', 6000, 'req/s', 27, 0.62),
    row('read', 'same, paced at 80 % of its peak (518 req/s)', 517, 'req/s', 41.63, 0.05),
    row('web', 'JS before first paint, first page (/, /connexion)', 149.9, 'kB gzip', Number.NaN),
    row('scale', 'read at 10,000 profiles (100 req/s)', 100, 'req/s', 40, 1),
    row('scale', 'read at 1,000,000 profiles (100 req/s)', 100, 'req/s', 47, 1.175),
    row('enrol', 'enrolment import (1,000,000 rows)', 40000, 'rows/s', Number.NaN),
  ];

  it('says met or not met from the row, and "not in this run" for a goal whose row is missing', () => {
    const goals = goalsMarkdown(fromPrinted(rows))!;
    const line = (goal: string) => goals.split('\n').find((l) => l.startsWith(`| ${goal} |`))!;
    expect(line('GET /api/health against the bare route')).toMatch(/0\.19 × \| \*\*not met\*\* \|$/);
    expect(line('Authenticated read, one profile')).toMatch(/0\.62 × \| met \|$/);
    expect(line('Authenticated read at 80 % of its peak rate')).toMatch(/p99 41\.63 ms \| \*\*not met\*\* \|$/);
    expect(line('JS of the first page, before its first paint')).toMatch(/150 kB \| met \|$/);
    expect(line('Scale: authenticated read')).toMatch(/40\.00 ms → 47\.00 ms .*\| met \|$/);
    expect(line('Enrolment of 1,000,000 people')).toMatch(/25\.0 s .*\| \*\*not met\*\* \|$/);
    expect(line('Provisional codes issued')).toMatch(/not in this run \| — \|$/);
  });

  it('reads the same goals back from the printed table, and replaces the section of a file in place', () => {
    const table = formatTable(rows);
    expect(goalsMarkdown(rowsFromTable(table))).toBe(goalsMarkdown(fromPrinted(rows)));
    // A second run's table further down (pasted in the notes) is not read with the first.
    const other = formatTable([row('web', '/connexion usable in Chromium, slow 4G', 3.08, 's', 3184)]);
    expect(goalsMarkdown(rowsFromTable(`${table}\n\nnotes\n\n${other}\n`))).toBe(goalsMarkdown(fromPrinted(rows)));
    const file = `# Benchmarks\n\n${table}\n\n## Scale flatness\n\nchart\n`;
    const once = withGoals(file, 'GOALS A');
    expect(once).toBe(`# Benchmarks\n\n${table}\n\n## Goals\n\nGOALS A\n\n## Scale flatness\n\nchart\n`);
    expect(withGoals(once, 'GOALS B')).toBe(once.replace('GOALS A', 'GOALS B'));
  });
});
