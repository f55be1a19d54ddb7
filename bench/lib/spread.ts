import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchPerson } from './people.js';

const spreader = path.join(import.meta.dirname, 'spread-request.cjs');

/** One measure's history: the authenticated read of the bench (session, access, two selects, journal line). */
export const historyPath = (p: BenchPerson) => `/api/profiles/${p.profileId}/medical/measures/weight`;

/** autocannon options that send each request to a random person of `people` (see spread-request.cjs). */
export function spread(
  people: BenchPerson[],
  name: string,
  request: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  const file = path.join(os.tmpdir(), `carnet-bench-${process.pid}-${name}.json`);
  writeFileSync(file, JSON.stringify(people.map((p) => ({ path: historyPath(p), cookie: p.cookie }))));
  // autocannon's worker inherits the environment as it is when the worker starts.
  process.env.BENCH_SPREAD_FILE = file;
  return { requests: [{ ...request, setupRequest: spreader }] as never };
}
