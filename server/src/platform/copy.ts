import type pg from 'pg';

/**
 * `COPY … FROM STDIN` on a pg client, from text already in COPY's text format (one line per row, fields
 * separated by tabs, `\N` for null: see copyField). The node-postgres "submittable" protocol (the one the
 * pg-copy-streams package uses, which is not a dependency here): the client hands us its connection when
 * the statement's turn comes, PostgreSQL answers CopyInResponse, we send the data and CopyDone, and the
 * promise settles on ReadyForQuery with the number of rows copied (or rejects with PostgreSQL's error).
 * The whole chunk is in memory: the caller bounds it.
 */
export function copyFrom(client: pg.PoolClient | pg.Client, statement: string, data: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    let error: Error | null = null;
    let rows = 0;
    interface Connection {
      query(text: string): void;
      sendCopyFromChunk(chunk: Buffer): void;
      endCopyFrom(): void;
    }
    const submittable = {
      submit(connection: Connection) {
        connection.query(statement);
      },
      handleCopyInResponse(connection: Connection) {
        // A few large messages rather than one per row (each CopyData message has a 5-byte header).
        let batch = '';
        for (const part of data) {
          batch += part;
          if (batch.length >= 1 << 16) {
            connection.sendCopyFromChunk(Buffer.from(batch));
            batch = '';
          }
        }
        if (batch) connection.sendCopyFromChunk(Buffer.from(batch));
        connection.endCopyFrom();
      },
      handleCommandComplete(msg: { text?: string }) {
        rows = Number(/\d+$/.exec(msg.text ?? '')?.[0] ?? 0);
      },
      handleError(err: Error) {
        // Also called when the connection dies, with no ReadyForQuery after it.
        error = err;
        reject(err);
      },
      handleReadyForQuery() {
        if (error) reject(error);
        else resolve(rows);
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    };
    (client as unknown as { query(s: unknown): void }).query(submittable);
  });
}

const NEEDS_ESCAPE = /[\\\n\r\t]/;

/** One field in COPY's text format: null as `\N`, backslash, newline, carriage return and tab escaped. */
export function copyField(value: string | null): string {
  if (value === null) return '\\N';
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}
