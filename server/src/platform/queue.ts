import PgBoss from 'pg-boss';
import { CompiledQuery } from 'kysely';
import type { Executor } from './db.js';

/** The outbox's delivery queue (declared here so that every process can enqueue, workers or not). */
export const DELIVER_QUEUE = 'deliver-message';
export const DELIVER_POLICY = { retryLimit: 5, retryDelay: 5, retryBackoff: true } as const;

/**
 * Background work on pg-boss (jobs in PostgreSQL, taken with FOR UPDATE SKIP LOCKED by any number of
 * workers, retried with backoff). `enqueue` writes the job inside the caller's transaction: the job
 * exists if and only if the change that caused it is committed.
 */
export class Queue {
  readonly boss: PgBoss;
  private readonly queues = new Set<string>();

  constructor(connectionString: string) {
    this.boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4, application_name: 'carnet-queue' });
    this.boss.on('error', () => {});
  }

  /** Starts pg-boss and declares the platform's own queues: a job sent to an undeclared queue is dropped. */
  async start(): Promise<void> {
    await this.boss.start();
    await this.declare(DELIVER_QUEUE, DELIVER_POLICY);
  }

  /** Creates the queue once per process, with the retry policy every job of it gets. */
  async declare(name: string, options: Omit<PgBoss.Queue, 'name'> = {}): Promise<void> {
    if (this.queues.has(name)) return;
    await this.boss.createQueue(name, { retryLimit: 5, retryDelay: 5, retryBackoff: true, ...options, name });
    this.queues.add(name);
  }

  /** Enqueues a job on `db`'s connection: pass an open transaction to make it part of that transaction. */
  async enqueue(db: Executor, name: string, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
    const id = await this.boss.send(name, data, { ...options, db: this.adapter(db) });
    // pg-boss answers null, silently, for a queue that does not exist: never lose a job that way.
    if (!id && !options.singletonKey) throw new Error(`job not enqueued: queue ${name} is not declared`);
    return id;
  }

  /** Enqueues many jobs in one statement on `db`'s connection (bulk work: enrolment codes). */
  async enqueueMany(db: Executor, name: string, data: object[], options: Omit<PgBoss.JobInsert, 'name' | 'data'> = {}): Promise<void> {
    if (!data.length) return;
    if (!this.queues.has(name)) throw new Error(`jobs not enqueued: queue ${name} is not declared`);
    await this.boss.insert(
      data.map((d) => ({ ...options, name, data: d })),
      { db: this.adapter(db) },
    );
  }

  private adapter(db: Executor): PgBoss.Db {
    return { executeSql: async (text, values) => db.executeQuery(CompiledQuery.raw(text, values)) as Promise<{ rows: unknown[] }> };
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => {});
  }
}
