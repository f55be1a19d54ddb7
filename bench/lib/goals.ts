import type { PrintedRow } from './table.js';

/** What a goal reads of a row of the table. */
export interface GoalRow {
  scenario: string;
  label: string;
  rate: number;
  unit: string;
  p99Ms: number;
  ratio: number;
}

export function fromPrinted(rows: PrintedRow[]): GoalRow[] {
  return rows.map((r) => ({
    scenario: r.scenario,
    label: r.measurement.label,
    rate: r.measurement.rate,
    unit: r.measurement.unit,
    p99Ms: r.measurement.p99Ms,
    ratio: r.ratio ?? Number.NaN,
  }));
}

const number = (cell: string) => Number(cell.replace(/,/g, '').split(' ')[0]);

/**
 * The rows of the first table printed by formatTable in `markdown` (BENCHMARKS.md's run), read back; later
 * tables (another run pasted in the notes) are not this run's.
 */
export function rowsFromTable(markdown: string): GoalRow[] {
  const rows: GoalRow[] = [];
  const lines = markdown.split('\n');
  const first = lines.findIndex((l) => l.startsWith('| scenario'));
  for (const line of lines.slice(first < 0 ? lines.length : first)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length < 9 || cells[0] === 'scenario' || /^-+$/.test(cells[0]!)) continue;
    const [scenario, label, rate, , p99, ratio] = cells as [string, string, string, string, string, string];
    rows.push({
      scenario,
      label,
      rate: number(rate),
      unit: rate.split(' ').slice(1).join(' '),
      p99Ms: p99 === '—' ? Number.NaN : number(p99),
      ratio: ratio === '' ? Number.NaN : number(ratio),
    });
  }
  return rows;
}

interface Goal {
  goal: string;
  target: string;
  /** The measured value as printed, and whether it meets the target; null when the run has no such row. */
  check(rows: GoalRow[]): { measured: string; met: boolean } | null | undefined;
}

const find = (rows: GoalRow[], scenario: string, prefix: string) =>
  rows.find((r) => r.scenario === scenario && r.label.startsWith(prefix));
const fixed = (v: number, digits = 2) => v.toFixed(digits);

function ratioGoal(goal: string, scenario: string, prefix: string, min: number, versus: string): Goal {
  return {
    goal,
    target: `≥ ${min} × ${versus}`,
    check(rows) {
      const r = find(rows, scenario, prefix);
      return r && { measured: `${fixed(r.ratio)} ×`, met: r.ratio >= min };
    },
  };
}

/** From the first size to the largest one, each p99 within `max` × the first size's. */
function flatGoal(goal: string, path: 'read' | 'journal page', max: number): Goal {
  return {
    goal,
    target: `p99 within ${max} × from 10,000 to 1,000,000 profiles`,
    check(rows) {
      const points = rows
        .filter((r) => r.scenario === 'scale' && r.label.startsWith(`${path} at `))
        .map((r) => ({ size: number(r.label.slice(`${path} at `.length)), ratio: r.ratio, p99: r.p99Ms }));
      if (points.length < 2) return null;
      const last = points[points.length - 1]!;
      const worst = Math.max(...points.map((p) => p.ratio));
      return {
        measured:
          `${points.map((p) => `${fixed(p.p99)} ms`).join(' → ')} (up to ${fixed(worst)} ×, at ` +
          `${points.map((p) => p.size.toLocaleString('en')).join(' / ')}${last.size < 1_000_000 ? '; 1,000,000 not in this run' : ''})`,
        met: worst <= max && last.size >= 1_000_000,
      };
    },
  };
}

/** Issue 13's goals, each read from its row of the run. */
const GOALS: Goal[] = [
  ratioGoal('GET /api/health against the bare route', 'read', 'GET /api/health', 0.5, 'bare Fastify'),
  ratioGoal('Authenticated read, one profile', 'read', 'GET measure history, 1 profile', 0.5, 'GET /api/health'),
  ratioGoal(
    'Authenticated read, 1,000 profiles',
    'read',
    'GET measure history, 1,000 profiles',
    0.5,
    'GET /api/health',
  ),
  {
    goal: 'Authenticated read at 80 % of its peak rate',
    target: 'p99 < 20 ms',
    check(rows) {
      const r = find(rows, 'read', 'same, paced at 80 %');
      return r && { measured: `p99 ${fixed(r.p99Ms)} ms`, met: r.p99Ms < 20 };
    },
  },
  ratioGoal('Authenticated write (add a weight)', 'read', 'POST a weight', 0.3, 'GET /api/health'),
  ratioGoal(
    'Upload of 5 MB, 1 in flight',
    'documents',
    'POST documents 5 MB, 1 at once',
    0.5,
    'raw hash+encrypt+fsync',
  ),
  {
    goal: 'Peak memory per upload in flight (5 MB files)',
    target: '≤ 10 MB (2 × the file)',
    check(rows) {
      const all = rows.filter((r) => r.scenario === 'documents' && r.label.startsWith('peak RSS per upload'));
      if (!all.length) return null;
      return {
        measured: all.map((r) => `${fixed(r.rate, 1)} MB (${/\((.*)\)/.exec(r.label)?.[1] ?? ''})`).join(', '),
        met: all.every((r) => r.rate <= 10),
      };
    },
  },
  {
    goal: 'JS of the first page, before its first paint',
    target: '≤ 150 kB gzip',
    check(rows) {
      const r = find(rows, 'web', 'JS before first paint, first page');
      return r && { measured: `${fixed(r.rate, 0)} kB`, met: r.rate <= 150 };
    },
  },
  {
    goal: 'JS of the heaviest page, before its first paint',
    target: '≤ 250 kB gzip',
    check(rows) {
      const r = find(rows, 'web', 'JS before first paint, heaviest page');
      return r && { measured: `${fixed(r.rate, 0)} kB (${/\((.*)\)/.exec(r.label)?.[1] ?? ''})`, met: r.rate <= 250 };
    },
  },
  {
    goal: 'Login page usable in Chromium, slow 4G, cold cache',
    target: 'printed',
    check(rows) {
      const r = find(rows, 'web', '/connexion usable');
      return r && { measured: `${fixed(r.rate)} s`, met: true };
    },
  },
  flatGoal('Scale: authenticated read', 'read', 1.2),
  flatGoal('Scale: journal page of one profile', 'journal page', 1.2),
  {
    goal: 'Scale: database size per million profiles',
    target: 'reported, with what dominates it',
    check(rows) {
      const all = rows.filter((r) => r.scenario === 'scale' && r.label.startsWith('growth per million'));
      const r = all[all.length - 1];
      return r && { measured: `${fixed(r.rate, 1)} GiB (${/\(GiB: (.*)\)/.exec(r.label)?.[1] ?? ''})`, met: true };
    },
  },
  {
    goal: 'Enrolment of 1,000,000 people',
    target: '< 20 s',
    check(rows) {
      const r = find(rows, 'enrol', 'enrolment import (1,000,000 rows)');
      return (
        r && {
          measured: `${fixed(1e6 / r.rate, 1)} s (${Math.round(r.rate).toLocaleString('en')} rows/s)`,
          met: 1e6 / r.rate < 20,
        }
      );
    },
  },
  {
    goal: 'Provisional codes issued',
    target: '≥ 20,000 codes/s',
    check(rows) {
      const r = find(rows, 'enrol', 'provisional codes');
      return r && { measured: `${Math.round(r.rate).toLocaleString('en')} codes/s`, met: r.rate >= 20_000 };
    },
  },
];

/** The goals as a Markdown table read from this run's rows; null when the run holds none of them. */
export function goalsMarkdown(rows: GoalRow[]): string | null {
  const lines = GOALS.map((g) => {
    const c = g.check(rows);
    return `| ${g.goal} | ${g.target} | ${c ? c.measured : 'not in this run'} | ${c ? (c.met ? 'met' : '**not met**') : '—'} |`;
  });
  if (lines.every((l) => l.endsWith('| — |'))) return null;
  return ['| goal (issue 13) | target | measured in this run | |', '|---|---|---|---|', ...lines].join('\n');
}
