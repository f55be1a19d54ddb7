import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDb } from '../src/platform/embedded-db.js';
import { createDb } from '../src/platform/db.js';
import { migrate } from '../src/platform/migrate.js';
import { Queue } from '../src/platform/queue.js';

let server: EmbeddedDb | null = null;

/**
 * Starts one real PostgreSQL for the whole run (the embedded one, or the server named by DATABASE_URL)
 * and prepares a template database with every migration and pg-boss's schema applied; each test file
 * then clones it into a database of its own (see harness.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl = process.env.DATABASE_URL ?? '';
  if (!adminUrl) {
    const dir = path.resolve('.test-db', String(process.pid));
    await rm(dir, { recursive: true, force: true });
    const port = 55000 + (process.pid % 5000);
    server = await startEmbeddedPostgres(dir, port);
    adminUrl = server.url('postgres');
  }
  const template = `carnet_tpl_${process.pid}`;
  const admin = createDb(adminUrl, 1);
  await admin.pool.query(`drop database if exists ${template}`);
  await admin.pool.query(`create database ${template}`);
  const tplUrl = withDatabase(adminUrl, template);
  const tpl = createDb(tplUrl, 2);
  await migrate(tpl.pool);
  await tpl.db.destroy();
  const queue = new Queue(tplUrl);
  await queue.start();
  await queue.stop();
  // pg-boss closes its pool lazily; the template must have no session left to be cloned.
  await admin.pool.query(
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
    [template],
  );
  await admin.pool.query(`update pg_database set datistemplate = true where datname = '${template}'`);
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  return async () => {
    await admin.pool
      .query(`update pg_database set datistemplate = false where datname = '${template}'`)
      .catch(() => {});
    await admin.pool.query(`drop database if exists ${template} with (force)`).catch(() => {});
    await admin.db.destroy();
    await server?.stop();
    if (server) await rm(path.resolve('.test-db', String(process.pid)), { recursive: true, force: true });
  };
}

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}
