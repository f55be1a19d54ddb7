import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensurePackages } from './cluster/packages.js';
import { PgCluster } from './cluster/postgres.js';
import { AppNodes } from './cluster/apps.js';
import { startNginx, stopNginx } from './cluster/nginx.js';
import { Load, signedInPeople, type Sample } from './cluster/load.js';
import { sleep, until, type Member } from './cluster/processes.js';
import { createDb } from '../server/src/platform/db.js';
import { record } from '../server/test/reliability/figures.js';

/**
 * Carnet past one machine, on loopback (issue 14 §1):
 *
 *   npm run cluster             nginx :3160 → app nodes :3161-3163 → pg_auto_failover (monitor :56410,
 *                               nodes :56411 primary and :56412 synchronous replica); Ctrl-C stops it all
 *   npm run cluster -- --test   the same, fresh, then the failure test under load, its figures, and exit
 *   npm run cluster -- --test --nodes 2   the two-node version
 *
 * The test takes about 80 s here (2 cores), so `npm test` runs the whole three-node one.
 *
 * Data under /tmp/carnet-cluster (CARNET_CLUSTER_DIR). Packages from Debian, installed when missing.
 */
const args = process.argv.slice(2);
const TEST = args.includes('--test');
const APP_COUNT = Number(args[args.indexOf('--nodes') + 1] ?? 0) || 3;
const ROOT = process.env.CARNET_CLUSTER_DIR ?? '/tmp/carnet-cluster';
const NGINX_PORT = 3160;
const APP_PORTS = [3161, 3162, 3163].slice(0, APP_COUNT);
const PG = { monitorPort: 56410, nodePorts: [56411, 56412], db: 'carnet' };
const PUBLIC_URL = `http://127.0.0.1:${NGINX_PORT}`;

const say = (m: string) => console.log(`[cluster] ${m}`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function main(): Promise<number> {
  if (!ensurePackages(say)) return 1;
  for (const p of [NGINX_PORT, ...APP_PORTS, PG.monitorPort, ...PG.nodePorts])
    if (!(await portFree(p))) {
      say(`port ${p} is taken: is a cluster already running? (data under ${ROOT})`);
      return 1;
    }
  if (TEST && existsSync(ROOT)) rmSync(ROOT, { recursive: true, force: true });
  mkdirSync(path.join(ROOT, 'logs'), { recursive: true });

  const t0 = Date.now();
  const pg = new PgCluster({ root: ROOT, ...PG }, say);
  const apps = new AppNodes(
    { root: ROOT, publicUrl: PUBLIC_URL, ports: APP_PORTS, databaseUrl: pg.appUrl },
    TEST ? { SEED_DEMO: 'false', RATE_LIMIT_PER_MINUTE: '100000' } : {},
  );
  let nginx: Member | null = null;
  const shutdown = async () => {
    if (nginx) await stopNginx(nginx, 3000);
    await apps.down();
    await pg.down();
  };
  try {
    say(`PostgreSQL ${process.env.CARNET_PG_MAJOR ?? '15'} with pg_auto_failover: monitor and two nodes`);
    await pg.up();
    say(`database ready in ${secs(Date.now() - t0)}: ${JSON.stringify(await pg.states())}`);
    say(`replication: ${JSON.stringify(await pg.replicationSettings())}`);
    say(`the monitor's URI for applications: ${pg.formationUri()}`);
    await apps.start(0); // migrations and demo data once, then the others
    await Promise.all(APP_PORTS.slice(1).map((_, i) => apps.start(i + 1)));
    nginx = await startNginx(ROOT, NGINX_PORT, APP_PORTS);
    say(`${APP_PORTS.length} app nodes behind nginx on ${PUBLIC_URL} (ready in ${secs(Date.now() - t0)})`);
    say(`logs: ${path.join(ROOT, 'logs')}`);
    if (!TEST) {
      say('Ctrl-C stops the cluster (the data stays for the next start)');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      return 0;
    }
    return await failureTest(pg, apps);
  } finally {
    say('stopping');
    await shutdown();
  }
}

interface Figures {
  appNodes: number;
  requests: number;
  acknowledgedWrites: { measures: number; documents: number };
  appKill: { inFlightFailed: number; otherFailed: number; rejoinedAfterMs: number; servedAfterRejoin: number };
  dbFailover: {
    promotedAfterMs: number;
    writesResumedAfterMs: number;
    failedWrites: number;
    oldPrimaryRejoinedAfterMs: number;
  };
  lost: { measures: number; documents: number; blobs: number; journalLines: number };
  journalVerify: string;
  replicaInSync: boolean;
}

async function failureTest(pg: PgCluster, apps: AppNodes): Promise<number> {
  const { db } = createDb(pg.appUrl, 2);
  const people = await signedInPeople(PUBLIC_URL, db, 6);
  say(`${people.length} people signed in through nginx`);
  const load = new Load(PUBLIC_URL, people, 8);
  load.start();
  await sleep(8000);

  // 1. kill -9 of an app node under load; restarted; must serve again.
  const victim = APP_PORTS.length - 1;
  await apps.kill(victim);
  const killAt = Date.now(); // the process is gone: what it had accepted before was in flight
  say(`app${victim + 1} killed (kill -9)`);
  await sleep(3000);
  await apps.start(victim);
  const rejoinedAt = Date.now();
  say(`app${victim + 1} restarted and answering after ${secs(rejoinedAt - killAt)}`);
  await sleep(8000);
  const appPhase = load.samples.filter((s) => s.start < rejoinedAt && s.end >= killAt);
  const failedApp = appPhase.filter((s) => !ok(s));
  const inFlight = failedApp.filter((s) => s.start <= killAt);
  for (const s of failedApp.filter((x) => x.start > killAt))
    say(`failed after the kill: ${s.kind} ${s.status} from ${s.node || 'nginx'} at +${s.start - killAt} ms`);
  const servedAfter = load.samples.filter(
    (s) => s.start > rejoinedAt && ok(s) && s.node.endsWith(`:${APP_PORTS[victim]}`),
  ).length;

  // 2. The primary lost (kill -9 of its keeper and PostgreSQL): the replica is promoted.
  const primary = (await pg.primary())!;
  const dbKillAt = Date.now();
  await pg.kill(primary.name);
  say(`PostgreSQL primary ${primary.name} killed (kill -9 of pg_autoctl and postgres)`);
  let promotedAt = 0;
  await until(
    'the replica to be promoted',
    async () => {
      const p = await pg.primary();
      if (p && p.name !== primary.name) promotedAt ||= Date.now();
      return !!promotedAt;
    },
    120_000,
    200,
  );
  say(`promoted after ${secs(promotedAt - dbKillAt)}`);
  await until('writes to resume', async () => firstWriteAfter(load.samples, dbKillAt) > 0, 120_000, 200);
  const resumedAt = firstWriteAfter(load.samples, dbKillAt);
  say(`writes resumed after ${secs(resumedAt - dbKillAt)}`);
  pg.startNode(primary.name, primary.port);
  await until('the old primary to rejoin as secondary', () => pg.healthy(), 180_000, 500);
  const rejoinedDbAt = Date.now();
  say(`${primary.name} rejoined as secondary after ${secs(rejoinedDbAt - dbKillAt)}`);
  await sleep(3000);
  await load.stop();
  const failedWrites = load.samples.filter(
    (s) => s.kind !== 'read' && !ok(s) && s.end >= dbKillAt && s.start <= resumedAt,
  ).length;

  // 3. Every acknowledged write is there: rows, blobs, journal lines; the journal chains verify.
  const lost = await lostWrites(db, load);
  const verify = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'journal:verify'], {
    env: apps.env(0),
    encoding: 'utf8',
  });
  const journalVerify = `${verify.status === 0 ? 'ok' : `failed (${verify.status})`}: ${lastLine(verify.stdout + verify.stderr)}`;
  const replicaInSync = await replicaHasEverything(pg, load);
  await db.destroy();

  const figures: Figures = {
    appNodes: APP_PORTS.length,
    requests: load.samples.length,
    acknowledgedWrites: {
      measures: load.acks.filter((a) => a.kind === 'measure').length,
      documents: load.acks.filter((a) => a.kind === 'document').length,
    },
    appKill: {
      inFlightFailed: inFlight.length,
      otherFailed: failedApp.length - inFlight.length,
      rejoinedAfterMs: rejoinedAt - killAt,
      servedAfterRejoin: servedAfter,
    },
    dbFailover: {
      promotedAfterMs: promotedAt - dbKillAt,
      writesResumedAfterMs: resumedAt - dbKillAt,
      failedWrites,
      oldPrimaryRejoinedAfterMs: rejoinedDbAt - dbKillAt,
    },
    lost,
    journalVerify,
    replicaInSync,
  };
  writeFileSync(path.join(ROOT, 'figures.json'), JSON.stringify(figures, null, 2));
  record(APP_COUNT === 3 ? 'cluster' : `cluster.${APP_COUNT}-nodes`, { ...figures });
  printFigures(figures);
  const lostCount = Object.values(lost).reduce((a, b) => a + b, 0);
  const passed =
    lostCount === 0 &&
    figures.appKill.otherFailed === 0 &&
    servedAfter > 0 &&
    verify.status === 0 &&
    replicaInSync &&
    figures.acknowledgedWrites.measures > 0 &&
    figures.acknowledgedWrites.documents > 0;
  console.log(`cluster: ${passed ? 1 : 0} passed, ${passed ? 0 : 1} failed`);
  return passed ? 0 : 1;
}

const ok = (s: Sample) => s.status >= 200 && s.status < 300;
const lastLine = (s: string) => s.trim().split('\n').pop() ?? '';

/** When the first write sent after `t` was acknowledged (0: none yet). */
function firstWriteAfter(samples: Sample[], t: number): number {
  const after = samples.filter((s) => s.kind !== 'read' && s.start >= t && ok(s)).map((s) => s.end);
  return after.length ? Math.min(...after) : 0;
}

async function lostWrites(db: ReturnType<typeof createDb>['db'], load: Load) {
  const measureIds = load.acks.filter((a) => a.kind === 'measure').map((a) => a.id);
  const documentIds = load.acks.filter((a) => a.kind === 'document').map((a) => a.id);
  const measures = await db.selectFrom('measure').select('id').where('id', 'in', measureIds).execute();
  const documents = await db.selectFrom('document').select(['id', 'blob_key']).where('id', 'in', documentIds).execute();
  let blobs = 0;
  for (const d of documents) if (!existsSync(path.join(ROOT, 'blobs', d.blob_key.slice(0, 2), d.blob_key))) blobs++;
  const ids = [...measureIds, ...documentIds];
  const journaled = await db
    .selectFrom('journal')
    .select('resource_id')
    .distinct()
    .where('resource_id', 'in', ids)
    .execute();
  return {
    measures: measureIds.length - measures.length,
    documents: documentIds.length - documents.length,
    blobs,
    journalLines: ids.length - journaled.length,
  };
}

/** The replica (the old primary, rejoined) has every acknowledged row too once it has replayed. */
async function replicaHasEverything(pg: PgCluster, load: Load): Promise<boolean> {
  const secondary = (await pg.states()).find((s) => s.reported === 'secondary');
  if (!secondary) return false;
  const { db } = createDb(pg.nodeUrl(secondary.port), 1);
  try {
    const ids = load.acks.filter((a) => a.kind === 'measure').map((a) => a.id);
    let found = 0;
    for (let i = 0; i < 50; i++) {
      found = (await db.selectFrom('measure').select('id').where('id', 'in', ids).execute()).length;
      if (found === ids.length) return true;
      await sleep(200);
    }
    return false;
  } finally {
    await db.destroy();
  }
}

function printFigures(f: Figures): void {
  const w = f.acknowledgedWrites;
  console.log(`
Cluster test — nginx, ${f.appNodes} app nodes, pg_auto_failover (primary + synchronous replica), loopback
  requests sent through nginx           ${f.requests}
  acknowledged writes                   ${w.measures} measures, ${w.documents} documents
  app node kill -9
    failed requests in flight           ${f.appKill.inFlightFailed}
    other failed requests               ${f.appKill.otherFailed}
    node answering again after          ${secs(f.appKill.rejoinedAfterMs)}
    requests it served after rejoining  ${f.appKill.servedAfterRejoin}
  PostgreSQL primary kill -9
    replica promoted after              ${secs(f.dbFailover.promotedAfterMs)}
    writes resumed after                ${secs(f.dbFailover.writesResumedAfterMs)}
    writes refused meanwhile            ${f.dbFailover.failedWrites} (never acknowledged)
    old primary rejoined as replica     ${secs(f.dbFailover.oldPrimaryRejoinedAfterMs)}
  acknowledged writes lost              ${f.lost.measures} measures, ${f.lost.documents} documents, ${f.lost.blobs} blobs, ${f.lost.journalLines} journal lines
  replica holds every acknowledged row  ${f.replicaInSync ? 'yes' : 'NO'}
  journal:verify                        ${f.journalVerify}
`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[cluster] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
