import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { isoDate, text } from '../../../../shared/src/input.js';
import type { Db } from '../../platform/db.js';
import { operatorAccess } from '../../platform/access.js';
import * as repo from './medical.repo.js';
import { journal } from '../../platform/journal.js';
import type { Runtime } from '../../platform/runtime.js';

export interface CareImportReport {
  read: number;
  imported: number;
  alreadyThere: number;
  refused: { line: number; reason: string }[];
}

const euros = z
  .string()
  .trim()
  .regex(/^\d{1,7}([.,]\d{1,2})?$/, 'montant invalide (ex. 26,50)')
  .transform((s) => Math.round(Number(s.replace(',', '.')) * 100));
const CareLine = z.object({
  nir: text().trim().min(1, 'NIR manquant'),
  date: isoDate({ shape: 'date invalide (AAAA-MM-JJ)', invalid: 'date inexistante' }),
  kind: text().trim().min(1, 'nature des soins manquante').max(120),
  professional: text().trim().max(160).optional(),
  amount: euros.optional().or(z.literal('').transform(() => undefined)),
  reimbursed: euros.optional().or(z.literal('').transform(() => undefined)),
  ref: text().trim().min(1, 'référence (ref) manquante').max(100),
});

/**
 * Operator import of reimbursed care (R6.4): CSV with the columns nir, date, kind, professional, amount,
 * reimbursed, ref (comma or semicolon). Idempotent: a (profile, ref) already imported is skipped. Each line
 * imported writes a journal line on the person's chain, with the operator as actor.
 */
export async function importCare(db: Db, csv: Buffer, operatorId = 'care-import'): Promise<CareImportReport> {
  let rows: Record<string, string>[];
  // One delimiter per file, read from the header: amounts written « 26,50 » need ';' between columns.
  const header = csv.toString('utf8', 0, 500).split(/\r?\n/)[0] ?? '';
  try {
    rows = parse(csv, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      delimiter: header.includes(';') ? ';' : ',',
    }) as Record<string, string>[];
  } catch (err) {
    throw new Error(`CSV illisible : ${(err as Error).message}`);
  }
  const report: CareImportReport = { read: rows.length, imported: 0, alreadyThere: 0, refused: [] };
  for (const [i, raw] of rows.entries()) {
    const line = i + 2;
    const parsed = CareLine.safeParse(raw);
    if (!parsed.success) {
      report.refused.push({ line, reason: parsed.error.issues.map((x) => x.message).join(', ') });
      continue;
    }
    const r = parsed.data;
    if (Number.isNaN(Date.parse(`${r.date}T00:00:00Z`))) {
      report.refused.push({ line, reason: 'date invalide' });
      continue;
    }
    const profile = await db.selectFrom('profile').select('id').where('nir', '=', r.nir).executeTakeFirst();
    if (!profile) {
      report.refused.push({ line, reason: 'NIR inconnu' });
      continue;
    }
    const ctx = operatorAccess(operatorId, profile.id);
    await db.transaction().execute(async (trx) => {
      const id = await repo.insertCareEvent(trx, ctx, {
        care_date: r.date,
        kind: r.kind,
        professional: r.professional || null,
        amount_cents: r.amount ?? null,
        reimbursed_cents: r.reimbursed ?? null,
        import_ref: r.ref,
      });
      if (!id) {
        report.alreadyThere++;
        return;
      }
      await journal(trx, ctx, { action: 'care.import', resourceType: 'care_event', resourceId: id });
      report.imported++;
    });
  }
  return report;
}

/** `npm run carnet -- care:import <soins.csv>`. */
export async function careImportCommand(runtime: Runtime, args: string[]): Promise<number> {
  if (!args[0]) {
    console.error('usage: npm run carnet -- care:import <soins.csv>');
    return 64;
  }
  const report = await importCare(runtime.db, await readFile(path.resolve(args[0])));
  console.log(
    `${report.read} ligne(s) lue(s), ${report.imported} soin(s) importé(s), ${report.alreadyThere} déjà présent(s), ${report.refused.length} refusé(s)`,
  );
  for (const r of report.refused) console.log(`  ligne ${r.line} : ${r.reason}`);
  return report.refused.length ? 1 : 0;
}
