import { randomBytes } from 'node:crypto';
import archiver from 'archiver';
import { defineScenario, type ResultRow } from '../lib/types.js';
import type { Measurement } from '../lib/measure.js';
import { createPerson } from '../../server/test/sessions.js';
import { accountAccess } from '../../server/src/platform/access.js';
import { storeUpload } from '../../server/src/features/documents/documents.service.js';
import { writeSpaceZip } from '../../server/src/features/closure/closure.export.js';

const MB = 1024 * 1024;
const DOCS = Number(process.env.BENCH_EXPORT_DOCS ?? 500);
const SIZE = Number(process.env.BENCH_EXPORT_DOC_BYTES ?? 512 * 1024);

/**
 * « Télécharger mes données » for a space of DOCS documents: the whole export (documents, synthesis, journal,
 * streamed FHIR bundle with Binary, encrypted parts in the blob store) against a raw zip of the same files
 * (decrypt each blob, archiver, output discarded) in the same run; MB/s of documents and peak RSS of each.
 */
export default defineScenario({
  name: 'export',
  description: `ZIP export of a ${DOCS}-document space (MB/s, peak RSS) vs raw zip-of-files`,
  async run(ctx) {
    const { db, blobs } = ctx.platform;
    const person = await createPerson(db);
    const access = accountAccess({ accountId: person.accountId, profileId: person.profileId });
    ctx.log(`storing ${DOCS} documents of ${(SIZE / 1024).toFixed(0)} KB…`);
    for (let i = 0; i < DOCS; i++) {
      // Text lines (judged TXT by the content rules; random base64 can look like another format's magic bytes).
      const bytes = Buffer.from(
        `Compte rendu ${i}\n` +
          Array.from({ length: SIZE / 48 }, (_, n) => `ligne ${n} ${randomBytes(18).toString('hex')}\n`).join(''),
      ).subarray(0, SIZE);
      await storeUpload({ db, blobs }, access, { bytes, name: `doc-${i}.txt`, space: 'health' });
    }
    const keys = (
      await db.selectFrom('document').select('blob_key').where('profile_id', '=', person.profileId).execute()
    ).map((r) => r.blob_key);
    const totalMb = (DOCS * SIZE) / MB;

    const measure = async (label: string, fn: () => Promise<void>): Promise<{ m: Measurement; peakMb: number }> => {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const t0 = performance.now();
      await fn();
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      ctx.log(
        `${label}: ${(totalMb / seconds).toFixed(1)} MB/s, RSS ${(before / MB).toFixed(0)} → ${(peak / MB).toFixed(0)} MB`,
      );
      return {
        m: {
          label,
          count: 1,
          seconds,
          rate: totalMb / seconds,
          unit: 'MB/s',
          p50Ms: NaN,
          p99Ms: NaN,
          non2xx: 0,
          errors: 0,
        },
        peakMb: (peak - before) / MB,
      };
    };

    const raw = await measure(`raw zip of ${DOCS} files (decrypt + archiver)`, async () => {
      const zip = archiver('zip', { zlib: { level: 6 } });
      const drained = (async () => {
        for await (const chunk of zip as AsyncIterable<Buffer>) void chunk;
      })();
      for (const [i, k] of keys.entries()) {
        await new Promise<void>((resolve) => {
          zip.once('entry', () => resolve());
          void blobs.get(k).then((b) => zip.append(b, { name: `doc-${i}.txt` }));
        });
      }
      await zip.finalize();
      await drained;
    });
    let parts: string[] = [];
    const full = await measure(`export of the space (${DOCS} documents + FHIR bundle, encrypted parts)`, async () => {
      parts = (await writeSpaceZip({ db, blobs }, access, async () => {})).keys;
    });
    for (const k of parts) await blobs.delete(k);
    const rows: ResultRow[] = [
      { measurement: raw.m },
      { measurement: full.m, ratio: ctx.ratio(full.m, raw.m), versus: 'raw zip-of-files' },
      { measurement: mem('peak RSS growth, raw zip', raw.peakMb) },
      { measurement: mem('peak RSS growth, export', full.peakMb) },
    ];
    return rows;
  },
});

function mem(label: string, mb: number): Measurement {
  return {
    label,
    count: 1,
    seconds: 0,
    rate: Math.max(0, mb),
    unit: 'MB',
    p50Ms: NaN,
    p99Ms: NaN,
    non2xx: 0,
    errors: 0,
  };
}
