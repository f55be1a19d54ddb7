import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { nirKey } from '../../shared/src/nir.js';
import { ENROL_COLUMNS, importEnrolment, issueBatchCodes } from '../../server/src/features/identity/enrol.service.js';
import { defineScenario } from '../lib/types.js';
import type { Measurement } from '../lib/measure.js';

/** `count` generated insured adults with valid NIRs, as an enrolment file, produced as it is read. */
export function generatedEnrolmentFile(count: number, offset = 0): Readable {
  const header = `${ENROL_COLUMNS.join(',')}\n`;
  function* lines() {
    yield header;
    let chunk = '';
    for (let n = offset; n < offset + count; n++) {
      const year = 1940 + (n % 60);
      const month = String(1 + (n % 12)).padStart(2, '0');
      const dep = String(1 + (n % 19)).padStart(2, '0'); // 01–19: no Corsica, no 20
      const commune = String(Math.floor(n / 19) % 1000).padStart(3, '0');
      const order = String(Math.floor(n / 19000) % 1000).padStart(3, '0');
      const sex = n % 2 ? '2' : '1';
      const body = `${sex}${String(year).slice(2)}${month}${dep}${commune}${order}`;
      const nir = body + String(nirKey(body)).padStart(2, '0');
      chunk += `${nir},Nom${n},Prenom${n},,${sex === '1' ? 'M' : 'F'},${year}-${month}-15,75056,${10_000_000_000 + n},p${n}@example.org,,,,,\n`;
      if (chunk.length > 64_000) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  return Readable.from(lines());
}

function measurement(label: string, count: number, seconds: number, unit: string): Measurement {
  return {
    label,
    count,
    seconds,
    rate: count / seconds,
    unit,
    p50Ms: Number.NaN,
    p99Ms: Number.NaN,
    non2xx: 0,
    errors: 0,
  };
}

/**
 * The operator's enrolment import: BENCH_ENROL_ROWS generated people (default 1,000,000; the target is
 * under 2 minutes on the project's machine) parsed, checked and inserted into PostgreSQL; then the
 * provisional codes of BENCH_ENROL_CODES of them (default 50,000) issued by e-mail through the outbox.
 */
export default defineScenario({
  name: 'enrol',
  description: 'enrolment import rows/s (1,000,000 people by default) and provisional codes issued/s',
  async run(ctx) {
    const rows = Number(process.env.BENCH_ENROL_ROWS ?? 1_000_000);
    const codes = Math.min(rows, Number(process.env.BENCH_ENROL_CODES ?? 50_000));
    ctx.log(`  importing ${rows.toLocaleString('en')} generated people`);
    let started = performance.now();
    const report = await importEnrolment(ctx.platform, generatedEnrolmentFile(rows), {
      batch: 'bench-import',
      onProgress: (n) => n % 100_000 === 0 && ctx.log(`    ${n.toLocaleString('en')} rows`),
    });
    const importSeconds = (performance.now() - started) / 1000;
    if (report.errors.length || report.imported !== rows)
      throw new Error(
        `import: ${report.imported} imported, ${report.errors.length} refused (first: ${report.errors[0]?.reason})`,
      );
    ctx.log(`  ${rows.toLocaleString('en')} rows in ${importSeconds.toFixed(1)} s`);
    // Codes for a separate batch of `codes` people.
    await importEnrolment(ctx.platform, generatedEnrolmentFile(codes, rows), { batch: 'bench-codes' });
    ctx.log(`  issuing ${codes.toLocaleString('en')} provisional codes`);
    started = performance.now();
    const issued = await issueBatchCodes(ctx.platform, 'bench-codes');
    const codeSeconds = (performance.now() - started) / 1000;
    return [
      {
        measurement: measurement(`enrolment import (${rows.toLocaleString('en')} rows)`, rows, importSeconds, 'rows/s'),
      },
      {
        measurement: measurement(
          `provisional codes by e-mail (${issued.emails.toLocaleString('en')})`,
          issued.emails,
          codeSeconds,
          'codes/s',
        ),
      },
    ];
  },
});
