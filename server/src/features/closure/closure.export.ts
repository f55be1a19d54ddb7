import { Readable } from 'node:stream';
import archiver from 'archiver';
import type { Platform } from '../../platform/platform.js';
import type { AccessContext } from '../../platform/access.js';
import { authorize } from '../../platform/profile-access.js';
import { journal, withJournal } from '../../platform/journal.js';
import { sendLater } from '../../platform/outbox.js';
import { accountLocale } from '../../platform/locale.js';
import { synthesisSections, type SynthesisSection } from '../../../../shared/src/medical.js';
import { synthesisPdf } from '../medical/synthesis.pdf.js';
import { bundleJson, documentRows, type ExportDeps } from '../fhir/fhir.export.js';
import * as repo from './closure.repo.js';
import { EXPORT_DAYS } from './closure.service.js';

/** Size of each encrypted part of an archive in the blob store (the store reads a blob whole). */
export const PART_BYTES = 8 * 1024 * 1024;

/** Unique, safe names inside the ZIP for the documents' original names. */
export function zipNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw) => {
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    const clean = raw.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 180) || 'document';
    const n = seen.get(clean.toLowerCase()) ?? 0;
    seen.set(clean.toLowerCase(), n + 1);
    if (!n) return clean;
    const dot = clean.lastIndexOf('.');
    return dot > 0 ? `${clean.slice(0, dot)} (${n + 1})${clean.slice(dot)}` : `${clean} (${n + 1})`;
  });
}

const readme = (firstName: string, at: Date) =>
  `Données du profil Mon espace santé de ${firstName}, préparées le ${at.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}.\r\n\r\n` +
  `documents/        chaque document, avec son nom d'origine\r\n` +
  `documents-administratifs/  les pièces administratives\r\n` +
  `synthese-profil-medical.pdf  la synthèse de tout le profil médical\r\n` +
  `journal-des-acces.csv  qui a consulté ou modifié le profil, et quand\r\n` +
  `messages/         les messages échangés\r\n` +
  `fhir/bundle.json  tout l'espace au format FHIR R4 (Bundle), lisible par les logiciels de santé\r\n`;

async function* journalCsv(db: Platform['db'], ctx: AccessContext): AsyncGenerator<string> {
  yield 'date;acteur;identifiant_acteur;pour_le_compte_de;action;ressource;motif\r\n';
  for (let after = 0; ;) {
    const page = await repo.journalPage(db, ctx, after);
    if (!page.length) return;
    for (const j of page)
      yield (
        [
          j.at.toISOString(),
          j.actor_kind,
          j.actor_id ?? '',
          j.on_behalf_of ?? '',
          j.action,
          j.resource_type ?? '',
          j.reason,
        ].join(';') + '\r\n'
      );
    after = Number(page[page.length - 1]!.seq);
  }
}

/** Appends one entry and waits until the archiver has written it, so that only one source is open at a time. */
function add(zip: archiver.Archiver, source: Buffer | Readable, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onEntry = () => {
      zip.off('error', reject);
      resolve();
    };
    zip.once('entry', onEntry);
    zip.once('error', reject);
    zip.append(source, { name });
  });
}

/**
 * Writes the ZIP of the space into the blob store in encrypted parts of PART_BYTES and returns their keys
 * and the total size. Memory stays flat: entries are added one by one, each document read from the store
 * only at its turn, the output cut into parts as it comes.
 */
export async function writeSpaceZip(
  deps: ExportDeps & Pick<Platform, 'db'>,
  ctx: AccessContext,
  onProgress: (pct: number) => Promise<void>,
) {
  const zip = archiver('zip', { zlib: { level: 6 }, highWaterMark: 1024 * 1024 });
  const keys: string[] = [];
  let size = 0;
  const writer = (async () => {
    let part: Buffer[] = [];
    let partSize = 0;
    const flush = async () => {
      if (!partSize) return;
      const stored = await deps.blobs.put(Buffer.concat(part, partSize));
      keys.push(stored.key);
      part = [];
      partSize = 0;
    };
    for await (const chunk of zip as AsyncIterable<Buffer>) {
      part.push(chunk);
      partSize += chunk.length;
      size += chunk.length;
      if (partSize >= PART_BYTES) await flush();
    }
    await flush();
  })();
  try {
    const person = await deps.db
      .selectFrom('profile')
      .select('used_first_name')
      .where('id', '=', ctx.profileId!)
      .executeTakeFirstOrThrow();
    await add(zip, Buffer.from(readme(person.used_first_name, new Date()), 'utf8'), 'LISEZMOI.txt');
    const all = Object.keys(synthesisSections) as SynthesisSection[];
    await add(zip, await synthesisPdf(deps.db, ctx, all), 'synthese-profil-medical.pdf');
    const docs = await documentRows(deps.db, ctx);
    const names = zipNames(docs.map((d) => d.file_name));
    // Documents are half of the work, the FHIR bundle (which holds them again, as Binary) the other half.
    const total = Math.max(1, docs.length * 2);
    let done = 0;
    for (const [i, d] of docs.entries()) {
      const folder = d.space === 'admin' ? 'documents-administratifs' : 'documents';
      await add(zip, await deps.blobs.get(d.blob_key), `${folder}/${names[i]}`);
      if (++done % 20 === 0) await onProgress(Math.floor((done / total) * 95));
    }
    await add(zip, Readable.from(journalCsv(deps.db, ctx)), 'journal-des-acces.csv');
    await add(
      zip,
      Buffer.from('Les messages de la messagerie sécurisée figurent ici quand il y en a.\r\n', 'utf8'),
      'messages/LISEZMOI.txt',
    );
    const bundle = Readable.from(
      bundleJson(deps, ctx, (n) => {
        if (n % 20 === 0) void onProgress(Math.floor(((docs.length + n) / total) * 95));
      }),
    );
    await add(zip, bundle, 'fhir/bundle.json');
    await zip.finalize();
    await writer;
  } catch (err) {
    zip.abort();
    await writer.catch(() => {});
    for (const k of keys) await deps.blobs.delete(k).catch(() => {});
    throw err;
  }
  return { keys, size };
}

/**
 * The export job: re-decides the access with the one policy for the account that asked (it may have lost
 * the right since), writes the ZIP, marks the archive ready for EXPORT_DAYS and e-mails the requester.
 */
export async function runExport(platform: Platform, archiveId: string, profileId: string): Promise<void> {
  const job = await repo.archiveForJob(platform.db, archiveId, profileId);
  if (!job || job.status === 'ready' || job.status === 'expired') return;
  const ctx = await authorize(
    platform.db,
    { sessionId: 'export-job', accountId: job.accountId, profileId: job.requesterProfileId },
    profileId,
    'space:download',
  );
  await repo.setArchiveProgress(platform.db, ctx, archiveId, 1);
  try {
    const deps = { ...platform, fhirBase: `${platform.config.PUBLIC_URL}/fhir/R4` };
    const { keys, size } = await writeSpaceZip(deps, ctx, (pct) =>
      repo.setArchiveProgress(platform.db, ctx, archiveId, Math.max(1, pct)),
    );
    await withJournal(
      platform.db,
      ctx,
      { action: 'closure.export-ready', resourceType: 'export', resourceId: archiveId, detail: { bytes: size } },
      async (trx) => {
        await repo.finishArchive(trx, ctx, archiveId, keys, size, new Date(Date.now() + EXPORT_DAYS * 86_400_000));
        if (job.email) {
          const where = `${platform.config.PUBLIC_URL}/parametres/cloture`;
          const en = (await accountLocale(trx, job.accountId)) === 'en';
          await sendLater(trx, platform.queue, {
            channel: 'email',
            to: job.email,
            ...(en
              ? {
                  subject: 'Your Mon espace santé data is ready',
                  text: `Hello,\n\nThe download of the data you asked for is ready. Sign in at ${where} to get it: you will be asked for your password.\nIt stays available for ${EXPORT_DAYS} days.\n`,
                }
              : {
                  subject: 'Vos données Mon espace santé sont prêtes',
                  text: `Bonjour,\n\nLe téléchargement des données que vous avez demandé est prêt. Connectez-vous à ${where} pour le récupérer : votre mot de passe vous sera demandé.\nIl reste disponible ${EXPORT_DAYS} jours.\n`,
                }),
            kind: 'export-ready',
          });
        }
      },
    );
  } catch (err) {
    await platform.db.transaction().execute(async (trx) => {
      await repo.setArchiveProgress(trx, ctx, archiveId, 0, 'failed');
      await journal(trx, ctx, { action: 'closure.export-failed', resourceType: 'export', resourceId: archiveId });
    });
    throw err;
  }
}

/** The ready archive's bytes, part after part (one part in memory at a time). */
export function archiveStream(platform: Pick<Platform, 'blobs'>, keys: string[]): Readable {
  return Readable.from(
    (async function* () {
      for (const k of keys) yield await platform.blobs.get(k);
    })(),
  );
}
