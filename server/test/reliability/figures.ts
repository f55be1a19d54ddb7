import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where each reliability suite leaves its figures for `npm run reliability:report` (docs/reliability.md). */
export const FIGURES_DIR = path.resolve('test-results', 'reliability');

/** Writes one suite's counts (and when it ran, and the machine's load) as JSON, and prints them. */
export function record(suite: string, figures: Record<string, unknown>): void {
  // The long runs (`npm run crash`, `fuzz`, `soak` at their full counts) keep their own section.
  if (process.env.CARNET_RELIABILITY_LONG === '1' && !suite.endsWith('.long')) suite = `${suite}.long`;
  mkdirSync(FIGURES_DIR, { recursive: true });
  const entry = { suite, at: new Date().toISOString(), load: loadLine(), ...figures };
  writeFileSync(path.join(FIGURES_DIR, `${suite}.json`), `${JSON.stringify(entry, null, 2)}\n`);
  console.log(`[reliability] ${suite}: ${JSON.stringify(figures)}`);
}

/** The load average as `uptime` shows it (1, 5, 15 minutes), and the cores. */
function loadLine(): string {
  return `${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(', ')} on ${os.cpus().length} cores`;
}
