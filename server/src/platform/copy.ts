import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyStream } from 'pg-copy-streams';

/**
 * `COPY … FROM STDIN` on a pg client (pg-copy-streams), from text already in COPY's text format (one line per
 * row, fields separated by tabs, `\N` for null: see copyField). Resolves with the number of rows copied, or
 * rejects with PostgreSQL's error. The whole chunk is in memory: the caller bounds it.
 */
export async function copyFrom(client: pg.PoolClient | pg.Client, statement: string, data: string[]): Promise<number> {
  const copy = client.query(copyStream(statement));
  await pipeline(Readable.from(batches(data)), copy);
  return copy.rowCount;
}

/** A few large chunks rather than one per row (each CopyData message has a 5-byte header). */
function* batches(data: string[]): Generator<Buffer> {
  let batch = '';
  for (const part of data) {
    batch += part;
    if (batch.length >= 1 << 16) {
      yield Buffer.from(batch);
      batch = '';
    }
  }
  if (batch) yield Buffer.from(batch);
}

const NEEDS_ESCAPE = /[\\\n\r\t]/;

/** One field in COPY's text format: null as `\N`, backslash, newline, carriage return and tab escaped. */
export function copyField(value: string | null): string {
  if (value === null) return '\\N';
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}
