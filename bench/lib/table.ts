import type { ResultRow } from './types.js';

/** A table line: one measurement of a scenario, with the process RSS around that scenario. */
export interface PrintedRow extends ResultRow {
  scenario: string;
  rssBefore: number;
  rssAfter: number;
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

function rate(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
}

/** Milliseconds; a dash when the measurement has no latency (a bulk job timed as a whole: NaN). */
function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** The results as a Markdown table (readable in a terminal, pasted as is into bench/README.md). */
export function formatTable(rows: PrintedRow[]): string {
  const header = [
    'scenario',
    'measured',
    'rate',
    'p50 ms',
    'p99 ms',
    'ratio',
    'ratio to',
    'non-2xx / errors',
    'RSS MiB before → after',
  ];
  const body = rows.map((r) => [
    r.scenario,
    r.measurement.label,
    rate(r.measurement.rate, r.measurement.unit),
    ms(r.measurement.p50Ms),
    ms(r.measurement.p99Ms),
    r.ratio === undefined ? '' : Number.isNaN(r.ratio) ? 'n/a' : r.ratio.toFixed(2),
    r.versus ?? '',
    `${r.measurement.non2xx} / ${r.measurement.errors}`,
    `${mib(r.rssBefore)} → ${mib(r.rssAfter)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => line[i]!.length)));
  const numeric = new Set([2, 3, 4, 5]);
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}
