import { spawnSync } from 'node:child_process';

/**
 * The long runs of the reliability suites (the short ones run in `npm test`): the same test files,
 * with larger counts passed through the environment.
 *
 *   npm run crash -- [rounds]     kill -9 during uploads (default 1000 rounds), messaging (a tenth), enrolment,
 *                                 SMTP, PostgreSQL
 *   npm run fuzz -- [requests]    the route contract fuzzed (default 100,000 requests)
 *   npm run soak -- [minutes]     200 simulated people for 30 minutes (2 for the short version)
 */
const suites: Record<string, { files: string[]; env: (n: number) => Record<string, string>; fallback: number }> = {
  crash: {
    files: [
      'server/test/reliability/crash-uploads.test.ts',
      'server/test/reliability/crash-messaging.test.ts',
      'server/test/reliability/crash-enrolment.test.ts',
      'server/test/reliability/faults.test.ts',
    ],
    fallback: 1000,
    env: (n) => ({
      CARNET_CRASH_ROUNDS: String(n),
      // A messaging round sends through the portal and SMTP and restarts the server: a tenth of the rounds.
      CARNET_CRASH_MSG_ROUNDS: String(Math.max(3, Math.round(n / 10))),
      CARNET_CRASH_ENROL_ROUNDS: String(Math.max(2, Math.round(n / 50))),
      CARNET_CRASH_ENROL_PEOPLE: '3000',
      CARNET_FAULT_MESSAGES: String(Math.max(40, Math.round(n / 2))),
      CARNET_FAULT_PG_RESTARTS: String(Math.max(2, Math.round(n / 100))),
    }),
  },
  fuzz: {
    files: ['server/test/reliability/fuzz.test.ts'],
    fallback: 100_000,
    env: (n) => ({ CARNET_FUZZ_REQUESTS: String(n) }),
  },
  soak: {
    files: ['server/test/reliability/soak.test.ts'],
    fallback: 30,
    env: (n) => ({ CARNET_SOAK_MINUTES: String(n) }),
  },
};

const [name, count] = process.argv.slice(2);
const suite = name ? suites[name] : undefined;
if (!suite) {
  console.error(`usage: tsx scripts/reliability.ts ${Object.keys(suites).join('|')} [count]`);
  process.exit(64);
}
const n = count ? Number(count) : suite.fallback;
if (!Number.isFinite(n) || n <= 0) {
  console.error(`not a count: ${count}`);
  process.exit(64);
}
const env = { ...process.env, ...suite.env(n), CARNET_RELIABILITY_LONG: n >= suite.fallback ? '1' : '0' };
console.log(`[reliability] ${name}: ${JSON.stringify(suite.env(n))}`);
// One file at a time: each starts real servers, and the machine is shared.
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--maxWorkers=1', '--testTimeout=0', '--hookTimeout=600000', ...suite.files],
  { env, stdio: 'inherit' },
);
process.exit(run.status ?? 1);
