import type { Config } from '../config.js';
import type { Db } from './db.js';
import type { Queue } from './queue.js';
import type { BlobStore } from './blobs.js';

/** What every feature receives: settings and the platform's pieces. */
export interface Platform {
  config: Config;
  db: Db;
  queue: Queue;
  blobs: BlobStore;
  /** HMAC key for provisional and one-time codes, derived from the master key. */
  codeKey: Buffer;
  /** Wraps the per-message keys of messages and drafts (HKDF of the master key, purpose 'messages'). */
  messageKey: Buffer;
}
