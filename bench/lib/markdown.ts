import type { PrintedRow } from './table.js';

/** The scale rows as an SVG line chart: p99 (ms) of each measured path against the number of profiles. */
export function scaleChart(rows: PrintedRow[]): string | null {
  const series = new Map<string, { size: number; p99: number }[]>();
  for (const r of rows) {
    const m = /^(read|journal page) at ([\d,]+) profiles/.exec(r.measurement.label);
    if (r.scenario !== 'scale' || !m || !Number.isFinite(r.measurement.p99Ms)) continue;
    const points = series.get(m[1]!) ?? [];
    points.push({ size: Number(m[2]!.replace(/,/g, '')), p99: r.measurement.p99Ms });
    series.set(m[1]!, points);
  }
  if (!series.size) return null;
  const all = [...series.values()].flat();
  const sizes = [...new Set(all.map((p) => p.size))].sort((a, b) => a - b);
  const maxY = Math.max(...all.map((p) => p.p99)) * 1.15 || 1;
  const W = 640,
    H = 320,
    L = 60,
    R = 20,
    T = 30,
    B = 50;
  const x = (size: number) =>
    sizes.length === 1 ? L + (W - L - R) / 2 : L + ((W - L - R) * sizes.indexOf(size)) / (sizes.length - 1);
  const y = (v: number) => T + (H - T - B) * (1 - v / maxY);
  const colours = ['#000091', '#e1000f', '#18753c'];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<title>p99 latency against the number of profiles</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${L}" y="18" font-weight="bold">p99 (ms) against the number of profiles (log steps)</text>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#333"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#333"/>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = (maxY * i) / 4;
    parts.push(`<text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(v < 10 ? 1 : 0)}</text>`);
    parts.push(`<line x1="${L}" y1="${y(v)}" x2="${W - R}" y2="${y(v)}" stroke="#ddd"/>`);
  }
  for (const s of sizes)
    parts.push(`<text x="${x(s)}" y="${H - B + 18}" text-anchor="middle">${s.toLocaleString('en')}</text>`);
  [...series].forEach(([name, points], i) => {
    const c = colours[i % colours.length]!;
    const sorted = points.sort((a, b) => a.size - b.size);
    parts.push(
      `<polyline fill="none" stroke="${c}" stroke-width="2" points="${sorted.map((p) => `${x(p.size)},${y(p.p99)}`).join(' ')}"/>`,
    );
    for (const p of sorted)
      parts.push(
        `<circle cx="${x(p.size)}" cy="${y(p.p99)}" r="4" fill="${c}"><title>${name}: ${p.p99.toFixed(2)} ms</title></circle>`,
      );
    parts.push(
      `<rect x="${L + 10 + i * 160}" y="${H - 20}" width="12" height="12" fill="${c}"/><text x="${L + 28 + i * 160}" y="${H - 10}">${name} p99</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** BENCHMARKS.md: how it was made, the machine and its load, the table, the chart. */
export function benchmarksMarkdown(
  header: string,
  table: string,
  chart: string | null,
  loadLines: { before: string; after: string },
  goals: string | null = null,
  failedScenarios: string[] = [],
): string {
  return [
    '# Benchmarks',
    '',
    'Made by `npm run bench -- --markdown` (every scenario, one run; bench/README.md says how it measures and',
    'what each column means). Every ratio compares two rows of this same run: the machine is shared, and its',
    'load, printed below, moves absolute numbers by a factor of two or more.',
    '',
    `Load (1, 5, 15 min) before: ${loadLines.before}; after: ${loadLines.after}.`,
    '',
    '```',
    header.trim(),
    '```',
    '',
    table,
    '',
    ...(failedScenarios.length
      ? [`Scenarios that failed in this run, without rows: ${failedScenarios.join('; ')}.`, '']
      : []),
    ...(goals ? [GOALS_HEADING, '', goals, ''] : []),
    ...(chart ? ['## Scale flatness', '', '![p99 against the number of profiles](bench/scale-chart.svg)', ''] : []),
  ].join('\n');
}

export const GOALS_HEADING = '## Goals';

/** `markdown` with its goals section (up to the next heading) replaced by `goals`, or put after the first table. */
export function withGoals(markdown: string, goals: string): string {
  const lines = markdown.split('\n');
  const section = [GOALS_HEADING, '', goals, ''];
  const at = lines.indexOf(GOALS_HEADING);
  if (at >= 0) {
    const next = lines.findIndex((l, i) => i > at && l.startsWith('## '));
    return [...lines.slice(0, at), ...section, ...(next >= 0 ? lines.slice(next) : [])].join('\n');
  }
  const first = lines.findIndex((l) => l.startsWith('|'));
  if (first < 0) return [...lines, '', ...section].join('\n');
  let end = first;
  while (end < lines.length && lines[end]!.startsWith('|')) end++;
  const after = lines.slice(end);
  while (after[0] === '') after.shift();
  return [...lines.slice(0, end), '', ...section, ...after].join('\n');
}
