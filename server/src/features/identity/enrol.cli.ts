import { createReadStream, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Runtime } from '../../platform/runtime.js';
import { importEnrolment, issueBatchCodes } from './enrol.service.js';

/**
 * `npm run carnet -- enrol <file.csv> [--batch NAME]`: imports the file, reports bad lines, then issues
 * the provisional codes (e-mails into the outbox, letters as one PDF written to DATA_DIR/letters/).
 * Progress bars with rate and ETA on a terminal.
 */
export async function enrolCommand(runtime: Runtime, args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  const batchAt = args.indexOf('--batch');
  const batch = batchAt >= 0 ? args[batchAt + 1] : undefined;
  if (!file) {
    console.error('usage: npm run carnet -- enrol <fichier.csv> [--batch NOM]');
    return 64;
  }
  if (!existsSync(file)) {
    console.error(`fichier introuvable : ${file}`);
    return 66;
  }
  const tty = process.stdout.isTTY === true;
  const bar = tty
    ? new cliProgress.SingleBar(
        { format: 'lecture  {bar} {value} lignes | {rate} lignes/s | reste {eta_formatted}', etaBuffer: 50 },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const started = Date.now();
  const lines = tty ? await countLines(file) : 0;
  bar?.start(Math.max(lines - 1, 1), 0, { rate: 0 });
  const report = await importEnrolment(runtime, createReadStream(file), {
    batch,
    onProgress: (n) => bar?.update(n, { rate: Math.round(n / ((Date.now() - started) / 1000 || 1)) }),
  });
  bar?.stop();
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `lot ${report.batch} : ${report.read} lignes lues, ${report.imported} personnes inscrites, ${report.alreadyKnown} déjà connues, ${report.errors.length} lignes refusées (${Math.round(report.read / (seconds || 1))} lignes/s)`,
  );
  for (const e of report.errors.slice(0, 200)) console.log(`  ligne ${e.line} : ${e.reason}`);
  if (report.errors.length > 200) console.log(`  … et ${report.errors.length - 200} autres lignes refusées`);

  const codesBar = tty
    ? new cliProgress.SingleBar(
        { format: 'codes    {bar} {value}/{total} | reste {eta_formatted}' },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started2 = false;
  const codes = await issueBatchCodes(runtime, report.batch, {
    onProgress: (done, total) => {
      if (!started2) codesBar?.start(total, 0);
      started2 = true;
      codesBar?.update(done);
    },
  });
  codesBar?.stop();
  console.log(`codes provisoires : ${codes.emails} par e-mail (file d'envoi), ${codes.letters} par courrier`);
  if (codes.lettersBlobKey) {
    const dir = path.join(runtime.config.DATA_DIR, 'letters');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const out = path.join(dir, `${report.batch}.pdf`);
    await writeFile(out, await runtime.blobs.get(codes.lettersBlobKey), { mode: 0o600 });
    console.log(`courriers à imprimer : ${out}`);
  }
  return report.errors.length ? 1 : 0;
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file)) for (const b of chunk as Buffer) if (b === 10) n++;
  return n;
}
