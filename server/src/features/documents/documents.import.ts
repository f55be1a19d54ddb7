import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { operatorAccess } from '../../platform/access.js';
import { hasImportRef } from './documents.repo.js';
import { AppError } from '../../platform/errors.js';
import type { Runtime } from '../../platform/runtime.js';
import { Category, MAX_DOCUMENT_BYTES, typeCodes } from '../../../../shared/src/documents.js';
import { cleanFileName, inspectDocument } from './documents.inspect.js';
import { storeInspected, type Deps } from './documents.service.js';

export interface ImportReport {
  imported: number;
  alreadyThere: number;
  refused: { line: number; reason: string }[];
}

/**
 * Operator import of documents from a previous record: a CSV manifest (nir, file, title, category,
 * document_date, type_code, import_ref) next to the files. Each file goes through the same content rules
 * and store as an upload; author « import ». Idempotent: a (profile, import_ref) already there is skipped.
 */
export async function importDocuments(deps: Deps, manifest: string): Promise<ImportReport> {
  const rows = parse(await readFile(manifest), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
    delimiter: [',', ';'],
  }) as Record<string, string>[];
  const report: ImportReport = { imported: 0, alreadyThere: 0, refused: [] };
  for (const [i, r] of rows.entries()) {
    const line = i + 2;
    try {
      const profile = await deps.db
        .selectFrom('profile')
        .select('id')
        .where('nir', '=', r.nir ?? '')
        .executeTakeFirst();
      if (!profile) throw new Error('NIR inconnu');
      if (!r.import_ref) throw new Error('import_ref manquant');
      const ctx = operatorAccess('documents-import', profile.id);
      if (await hasImportRef(deps.db, ctx, r.import_ref)) {
        report.alreadyThere++;
        continue;
      }
      const typeCode = r.type_code || null;
      const category = Category.safeParse(r.category || (typeCode ? typeCodes[typeCode]?.category : 'AUTR_DOC'));
      if (!category.success) throw new Error('catégorie inconnue');
      // The manifest names files in its own folder only: no absolute path, no way out of it.
      const file = path.join(path.dirname(manifest), path.basename(r.file ?? ''));
      if ((await stat(file)).size > MAX_DOCUMENT_BYTES) throw new AppError('DOCUMENT_TOO_LARGE');
      const inspected = await inspectDocument(await readFile(file));
      const fileName = cleanFileName(r.file, inspected.extension);
      await storeInspected(deps, ctx, inspected.data, {
        title: r.title || fileName,
        category: category.data,
        space: category.data === 'DOC_ADM' ? 'admin' : 'health',
        document_date: r.document_date || null,
        author_kind: 'import',
        file_name: fileName,
        mime_type: inspected.mimeType,
        type_code: typeCode,
        import_ref: r.import_ref,
      });
      report.imported++;
    } catch (err) {
      report.refused.push({ line, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return report;
}

/** `npm run carnet -- documents:import <manifeste.csv>`. */
export async function documentsImportCommand(runtime: Runtime, args: string[]): Promise<number> {
  if (!args[0]) {
    console.error('usage: npm run carnet -- documents:import <manifeste.csv>');
    return 64;
  }
  const report = await importDocuments(runtime, path.resolve(args[0]));
  console.log(
    `${report.imported} document(s) importé(s), ${report.alreadyThere} déjà présent(s), ${report.refused.length} refusé(s)`,
  );
  for (const r of report.refused) console.log(`  ligne ${r.line} : ${r.reason}`);
  return report.refused.length ? 1 : 0;
}
