import { randomBytes } from 'node:crypto';
import { defineScenario, type ResultRow } from '../lib/types.js';
import type { Measurement } from '../lib/measure.js';
import { createPerson, sessionCookie } from '../../server/test/sessions.js';
import { multipartBody } from '../../server/test/documents.js';

const MB = 1024 * 1024;
const SIZE = 5 * MB;

/**
 * 5 MB uploads over HTTP (multipart parsing, content rules, upload intent, encrypted blob with fsync, row
 * and journal line) against the raw hash + encrypt + fsync pipeline (blobs.put) measured in the same run,
 * then the peak resident memory of the process per upload in flight, at 1, 4 and 8 at once.
 * Text files are used so that the content rules cost what they cost for every non-image file.
 */
export default defineScenario({
  name: 'documents',
  description: '5 MB uploads/s vs raw blobs.put (hash+encrypt+fsync); peak RSS per concurrent upload',
  async run(ctx) {
    const { db, blobs } = ctx.platform;
    const person = await createPerson(db);
    const cookie = await sessionCookie(db, person.accountId);
    // Printable random text: accepted as TXT, and not compressible by anything on the way.
    const bytes = Buffer.from(
      randomBytes((SIZE * 3) / 4)
        .toString('base64')
        .slice(0, SIZE),
    );
    const body = multipartBody('bench.txt', bytes);
    const raw = await ctx.rate('blobs.put 5 MB (raw hash+encrypt+fsync)', () => blobs.put(bytes), { unit: 'files/s' });
    const rows: ResultRow[] = [{ measurement: raw }];
    for (const concurrency of [1, 4, 8]) {
      global.gc?.();
      const before = process.memoryUsage.rss();
      let peak = before;
      // memoryUsage.rss() only: memoryUsage() walks the heap spaces, 5 % of the main thread at this pace (profile).
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
      // The uploads come from autocannon's worker thread, as every HTTP row's load: a client in the
      // server's own event loop (fetch copying 5 MB bodies) would be counted as the server's time.
      const http = {
        ...(await ctx.http({
          label: `POST documents 5 MB, ${concurrency} at once`,
          path: `/api/profiles/${person.profileId}/documents`,
          method: 'POST',
          headers: { ...body.headers, cookie },
          // A string: a Buffer reaches the worker as a plain Uint8Array, which autocannon refuses. The
          // payload is ASCII (base64 text inside an ASCII multipart envelope), so its bytes are unchanged.
          body: body.payload.toString('latin1'),
          connections: concurrency,
        })),
        unit: 'files/s',
      };
      clearInterval(sampler);
      rows.push({ measurement: http, ratio: ctx.ratio(http, raw), versus: 'raw blobs.put' });
      rows.push({
        measurement: memoryRow(
          `peak RSS per upload in flight (${concurrency} at once)`,
          (peak - before) / concurrency / MB,
          concurrency,
        ),
      });
      ctx.log(
        `${concurrency} at once: ${(http.rate * 5).toFixed(1)} MB/s, RSS ${(before / MB).toFixed(0)} → ${(peak / MB).toFixed(0)} MB`,
      );
    }
    return rows;
  },
});

/** A memory figure shown as a line of the table: `rate` holds the value in MB. */
function memoryRow(label: string, mb: number, count: number): Measurement {
  return { label, count, seconds: 0, rate: Math.max(0, mb), unit: 'MB', p50Ms: NaN, p99Ms: NaN, non2xx: 0, errors: 0 };
}
