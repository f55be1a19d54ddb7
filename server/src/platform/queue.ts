import { PgBoss, fromKysely, type Db, type JobInsert, type Queue as QueueOptions, type SendOptions } from 'pg-boss';
import type { Executor } from './db.js';
import { pgSettings } from './pg-hosts.js';
import { SCHEMA, carryOverLegacyJobs, setAsideLegacySchema } from './queue-upgrade.js';

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

  constructor(private readonly connectionString: string) {
    this.boss = new PgBoss({
      ...pgSettings(connectionString),
      schema: SCHEMA,
      max: 4,
      application_name: 'carnet-queue',
    });
    this.boss.on('error', () => {});
  }

  /**
   * Starts pg-boss and declares the platform's own queues (a job sent to an undeclared queue is refused).
   * A database last used by pg-boss 10 has its schema set aside first and its pending deliveries carried over.
   */
  async start(): Promise<void> {
    await setAsideLegacySchema(this.connectionString);
    await this.boss.start();
    await this.declare(DELIVER_QUEUE, DELIVER_POLICY);
    await carryOverLegacyJobs(this.connectionString, this.boss, this.queues);
  }

  /** Creates the queue once per process, with the retry policy every job of it gets. */
  async declare(name: string, options: Omit<QueueOptions, 'name'> = {}): Promise<void> {
    if (this.queues.has(name)) return;
    await this.boss.createQueue(name, { retryLimit: 5, retryDelay: 5, retryBackoff: true, ...options });
    this.queues.add(name);
  }

  /** Enqueues a job on `db`'s connection: pass an open transaction to make it part of that transaction. */
  async enqueue(db: Executor, name: string, data: object, options: SendOptions = {}): Promise<string | null> {
    // pg-boss 12 refuses a queue that does not exist before any statement runs (10 answered null, silently).
    const id = await this.boss.send(name, data, { ...options, db: this.adapter(db) }).catch((err: unknown) => {
      if ((err as { code?: string }).code !== 'PGBOSS_QUEUE_NOT_FOUND') throw err;
      throw new Error(`job not enqueued: queue ${name} is not declared`, { cause: err });
    });
    if (!id && !options.singletonKey) throw new Error(`job not enqueued on queue ${name}`);
    return id;
  }

  /** Enqueues many jobs in one statement on `db`'s connection (bulk work: enrolment codes). */
  async enqueueMany(db: Executor, name: string, data: object[], options: Omit<JobInsert, 'data'> = {}): Promise<void> {
    if (!data.length) return;
    if (!this.queues.has(name)) throw new Error(`jobs not enqueued: queue ${name} is not declared`);
    await this.boss.insert(
      name,
      data.map((d) => ({ ...options, data: d })),
      { db: this.adapter(db) },
    );
  }

  /** pg-boss's own Kysely adapter: its statements run on `db`'s connection (the caller's transaction). */
  private adapter(db: Executor): Db {
    return fromKysely(db);
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 5000 }).catch(() => {});
  }
}
