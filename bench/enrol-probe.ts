import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '../server/src/config.js';
import { startRuntime } from '../server/src/platform/runtime.js';
import { generatedEnrolmentFile } from './scenarios/enrol.js';

/**
 * `npx tsx bench/enrol-probe.ts <postgres-url-of-a-server> [rows] [codes]`: the enrol scenario alone, on a
 * fresh database of an existing server (bench/pg-probe.ts: pg_stat_statements loaded), with the load
 * average beside every figure, peak RSS sampled during each phase and the statements that took the most
 * database time. For profiling (add `node --cpu-prof`), not for BENCHMARKS.md.
 */
// ENROL_ROOT: another checkout's enrolment code on this one's runtime (A/B against main, back to back).
const root = process.env.ENROL_ROOT ?? path.join(import.meta.dirname, '..');
const { importEnrolment, issueBatchCodes } = (await import(
  path.join(root, 'server/src/features/identity/enrol.service.ts')
)) as typeof import('../server/src/features/identity/enrol.service.js');
const [server, rowsArg = '1000000', codesArg = '50000'] = process.argv.slice(2);
if (!server) throw new Error('usage: enrol-probe.ts <postgres://…/db> [rows] [codes]');
const rows = Number(rowsArg);
const codes = Number(codesArg);
const load = () => os.loadavg()[0]!.toFixed(2);
const name = `enrol_probe_${Date.now()}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`create database ${name}`);
const url = server.replace(/\/[^/]*$/, `/${name}`);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'enrol-probe-'));
const runtime = await startRuntime(
  loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    WORKERS: 'false',
  }),
);
// The other checkout's journal module signs heads with this runtime's key too (else its codes skip the
// Ed25519 signature of every head and look cheaper than they are).
const ownJournal = await import('../server/src/platform/journal.js');
const theirJournal = (await import(
  path.join(root, 'server/src/platform/journal.ts')
)) as typeof import('../server/src/platform/journal.js');
theirJournal.useJournalSigningKey(ownJournal.journalSigningKey());
const probe = new pg.Client({ connectionString: url });
await probe.connect();
await probe.query('create extension if not exists pg_stat_statements').catch(() => {});
// PROBE_SQL: statements run before the import (an index or a default tried without a migration).
if (process.env.PROBE_SQL) await probe.query(process.env.PROBE_SQL);
await probe.query('select pg_stat_statements_reset()').catch(() => {});
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const mib = (b: number) => Math.round(b / 2 ** 20);
/** CPU seconds of the database server's processes (PGDATA from the server, children of its postmaster). */
const pgDir = (await probe.query('show data_directory')).rows[0].data_directory as string;
const postmaster = readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]!;
const tick = 100;
const pgCpu = () => {
  const out = new Map<string, number>();
  for (const line of execSync(`ps -o pid= --ppid ${postmaster}`).toString().trim().split('\n')) {
    const pid = line.trim().split(/\s+/)[0]!;
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) / tick);
    } catch {
      // gone
    }
  }
  return out;
};
const cpuSince = (before: Map<string, number>, nodeBefore: NodeJS.CpuUsage) => {
  let pgs = 0;
  for (const [pid, t] of pgCpu()) pgs += t - (before.get(pid) ?? 0);
  const n = process.cpuUsage(nodeBefore);
  return `cpu node ${((n.user + n.system) / 1e6).toFixed(1)} s + postgres ${pgs.toFixed(1)} s`;
};

console.log(`${root}: load ${load()} before; rss ${mib(process.memoryUsage().rss)} MiB`);
let pg0 = pgCpu();
let n0 = process.cpuUsage();
let t = performance.now();
const report = await importEnrolment(runtime, generatedEnrolmentFile(rows), { batch: 'bench-import' });
let s = (performance.now() - t) / 1000;
console.log(
  `import ${rows} rows: ${s.toFixed(1)} s, ${Math.round(rows / s)} rows/s (imported ${report.imported}, errors ${report.errors.length}); load ${load()}; peak rss ${mib(peak)} MiB; ${cpuSince(pg0, n0)}`,
);
peak = 0;
await importEnrolment(runtime, generatedEnrolmentFile(codes, rows), { batch: 'bench-codes' });
pg0 = pgCpu();
n0 = process.cpuUsage();
t = performance.now();
const issued = await issueBatchCodes(runtime, 'bench-codes');
s = (performance.now() - t) / 1000;
console.log(
  `codes ${issued.emails}: ${s.toFixed(2)} s, ${Math.round(issued.emails / s)} codes/s; load ${load()}; peak rss ${mib(peak)} MiB; ${cpuSince(pg0, n0)}`,
);
clearInterval(sampler);
const top = await probe
  .query(
    `select calls, round(total_exec_time)::int as ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as q
     from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
     order by total_exec_time desc limit 12`,
  )
  .catch(() => ({ rows: [] }));
for (const r of top.rows) console.log(`  ${String(r.ms).padStart(7)} ms ${String(r.calls).padStart(6)} calls  ${r.q}`);
await probe.end();
await runtime.close();
await admin.query(`drop database ${name} with (force)`);
await admin.end();
execSync(`rm -rf ${dataDir}`);
console.log(`load ${load()} after`);
