import { createReadStream, existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import cliProgress from 'cli-progress';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Runtime } from '../../platform/runtime.js';
import { professionLabels } from '../../../../shared/src/professionals/access-matrix.js';

export interface DirectoryReport {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: { line: number; reason: string }[];
}

const blankToNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);
const optional = (max: number) => z.string().max(max, `au plus ${max} caractères`).optional().transform(blankToNull);

/** One line of the directory file (columns of docs/examples/professionals.csv). */
export const DirectoryLine = z.object({
  rpps: z
    .string()
    .trim()
    .regex(/^\d{11}$/, 'RPPS invalide (11 chiffres)'),
  last_name: z.string().trim().min(1, 'nom manquant').max(100),
  first_name: z.string().trim().min(1, 'prénom manquant').max(100),
  profession_code: z
    .string()
    .trim()
    .refine((c) => c in professionLabels, 'code profession inconnu (TRE_G15)'),
  specialty: optional(120),
  structure_name: optional(200),
  structure_id: z
    .string()
    .trim()
    .optional()
    .transform(blankToNull)
    .refine(
      (v) => v === null || /^\d{14}$/.test(v) || /^[0-9]{2}[0-9AB][0-9]{6}$/.test(v),
      'identifiant de structure invalide (FINESS 9 caractères ou SIRET 14 chiffres)',
    ),
  mssante_address: z
    .string()
    .trim()
    .optional()
    .transform(blankToNull)
    .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'adresse MSSanté invalide'),
  regulator: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => v ?? '')
    .refine((v) => ['', 'true', 'false', '1', '0', 'oui', 'non'].includes(v), 'regulator : true ou false')
    .transform((v) => ['true', '1', 'oui'].includes(v)),
});
export type DirectoryLine = z.infer<typeof DirectoryLine>;

/**
 * Imports professionals from a CSV stream (comma or semicolon; header row): each line checked alone (a bad
 * line is reported with its number, the others go on), then upserted on its RPPS, so importing the same
 * file again changes nothing. Streams the file: memory does not grow with its size.
 */
export async function importDirectory(
  db: Db,
  input: Readable,
  onProgress?: (lines: number) => void,
): Promise<DirectoryReport> {
  const report: DirectoryReport = { read: 0, created: 0, updated: 0, unchanged: 0, errors: [] };
  const parser = input.pipe(
    parse({
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      delimiter: [',', ';'],
      info: true,
      relax_column_count: true,
    }),
  );
  let batch: { line: number; row: DirectoryLine }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const seen = new Map<string, { line: number; row: DirectoryLine }>();
    for (const b of batch) seen.set(b.row.rpps, b); // the last line of one RPPS in a batch wins, as it would one by one
    const rows = [...seen.values()].map(({ row }) => ({
      ...row,
      structure_id_kind: row.structure_id
        ? row.structure_id.length === 14
          ? ('SIRET' as const)
          : ('FINESS' as const)
        : null,
      import_ref: 'directory-import',
    }));
    const changedSet = {
      last_name: sql<string>`excluded.last_name`,
      first_name: sql<string>`excluded.first_name`,
      profession_code: sql<string>`excluded.profession_code`,
      specialty: sql<string>`excluded.specialty`,
      structure_name: sql<string>`excluded.structure_name`,
      structure_id: sql<string>`excluded.structure_id`,
      structure_id_kind: sql<'FINESS' | 'SIRET'>`excluded.structure_id_kind`,
      mssante_address: sql<string>`excluded.mssante_address`,
      regulator: sql<boolean>`excluded.regulator`,
      updated_at: sql<Date>`now()`,
    };
    const out = await db
      .insertInto('professional')
      .values(rows)
      .onConflict((oc) =>
        oc
          .column('rpps')
          .doUpdateSet(changedSet)
          .where(
            sql<boolean>`(professional.last_name, professional.first_name, professional.profession_code, professional.specialty,
            professional.structure_name, professional.structure_id, professional.mssante_address, professional.regulator)
            is distinct from (excluded.last_name, excluded.first_name, excluded.profession_code, excluded.specialty,
            excluded.structure_name, excluded.structure_id, excluded.mssante_address, excluded.regulator)`,
          ),
      )
      .returning(sql<boolean>`xmax = 0`.as('inserted'))
      .execute();
    const created = out.filter((r) => r.inserted).length;
    report.created += created;
    report.updated += out.length - created;
    report.unchanged += rows.length - out.length;
    report.unchanged += batch.length - rows.length;
    batch = [];
  };
  try {
    for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      report.read++;
      const parsed = DirectoryLine.safeParse(record.record);
      if (!parsed.success)
        report.errors.push({
          line: record.info.lines,
          reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'ligne'} : ${i.message}`).join(', '),
        });
      else batch.push({ line: record.info.lines, row: parsed.data });
      if (batch.length >= 500) await flush();
      if (report.read % 1000 === 0) onProgress?.(report.read);
    }
  } catch (err) {
    throw new Error(`CSV illisible : ${(err as Error).message}`);
  }
  await flush();
  onProgress?.(report.read);
  return report;
}

/** `npm run carnet -- professionals:import <fichier.csv>`: the directory import, with a progress bar on a terminal. */
export async function directoryImportCommand(runtime: Runtime, args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npm run carnet -- professionals:import <fichier.csv>');
    return 64;
  }
  if (!existsSync(file)) {
    console.error(`fichier introuvable : ${file}`);
    return 66;
  }
  const tty = process.stdout.isTTY === true;
  const bar = tty
    ? new cliProgress.SingleBar(
        { format: 'annuaire {bar} {value} lignes | {rate} lignes/s' },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const started = Date.now();
  bar?.start(0, 0, { rate: 0 });
  const report = await importDirectory(runtime.db, createReadStream(file), (n) => {
    bar?.setTotal(n);
    bar?.update(n, { rate: Math.round(n / ((Date.now() - started) / 1000 || 1)) });
  });
  bar?.stop();
  console.log(
    `annuaire : ${report.read} lignes lues, ${report.created} professionnels ajoutés, ${report.updated} mis à jour, ${report.unchanged} inchangés, ${report.errors.length} lignes refusées`,
  );
  for (const e of report.errors.slice(0, 200)) console.log(`  ligne ${e.line} : ${e.reason}`);
  if (report.errors.length > 200) console.log(`  … et ${report.errors.length - 200} autres lignes refusées`);
  return report.errors.length ? 1 : 0;
}
