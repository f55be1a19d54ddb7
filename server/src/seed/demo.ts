import { hash } from '@node-rs/argon2';
import PDFDocument from 'pdfkit';
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Platform } from '../platform/platform.js';
import { importEnrolment, issueBatchCodes } from '../features/identity/enrol.service.js';
import { systemAccess } from '../platform/access.js';
import { insertDocument } from '../features/documents/documents.repo.js';
import { journal } from '../platform/journal.js';
import { argon2Options } from '../platform/passwords.js';
import { importDirectory } from '../features/professionals/directory.import.js';

/** The demo accounts, printed at start and written in the README. Demo only: never in production. */
export const demoCredentials = [
  { who: 'Marie Dupont (patiente, mère de Léo)', username: 'marie.dupont', password: 'Carnet-demo-2026!' },
] as const;

/** Fictitious NIRs with a valid key (97 − body mod 97). */
export const demoPeople = {
  marie: {
    nir: '285067510804626',
    birth_name: 'DUPONT',
    first_names: 'Marie Claire',
    used_first_name: 'Marie',
    sex: 'F' as const,
    birth_date: '1985-06-14',
    birth_place_insee: '75108',
    vitale_serial: '12345678901',
    email: 'marie.dupont@example.org',
    phone: '+33612345678',
  },
  leo: {
    nir: null,
    birth_name: 'DUPONT',
    first_names: 'Léo',
    used_first_name: 'Léo',
    sex: 'M' as const,
    birth_date: '2016-03-02',
    birth_place_insee: '75114',
    vitale_serial: null,
    email: null,
    phone: null,
  },
};

/** The demo directory (docs/examples/professionals.csv, imported at seed like any directory file). */
export const demoProfessionals = [
  {
    rpps: '10101010101',
    profession_code: '10',
    first_name: 'Paul',
    last_name: 'Martin',
    specialty: 'Médecine générale',
  },
  { rpps: '10202020202', profession_code: '21', first_name: 'Sophie', last_name: 'Bernard', specialty: null },
  { rpps: '10303030303', profession_code: '60', first_name: 'Karim', last_name: 'Haddad', specialty: null },
  { rpps: '10404040404', profession_code: '80', first_name: 'Anne', last_name: 'Lefèvre', specialty: null },
  {
    rpps: '10505050505',
    profession_code: '10',
    first_name: 'Claire',
    last_name: 'Rousseau',
    specialty: "Médecine d'urgence",
    regulator: true,
  },
];
export const demoDirectoryFile = path.join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'docs',
  'examples',
  'professionals.csv',
);

function samplePdf(title: string, lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(title).moveDown();
    doc.fontSize(11);
    for (const l of lines) doc.text(l);
    doc.end();
  });
}

/**
 * Seeds the demo data once (a marker row in schema_seed says it was done): a patient with an account,
 * her child, four professionals and two sample documents. Returns false when already seeded.
 */
export async function seedDemo(
  { db, blobs, queue, codeKey }: Pick<Platform, 'db' | 'blobs' | 'queue' | 'codeKey'>,
  lettersDir?: string,
): Promise<boolean> {
  await db.schema
    .createTable('schema_seed')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .execute();
  const done = await db
    .selectFrom('schema_seed' as never)
    .select('name' as never)
    .where('name' as never, '=', 'demo' as never)
    .executeTakeFirst();
  if (done) return false;
  const passwordHash = await hash(demoCredentials[0].password, argon2Options);
  const prescription = await blobs.put(
    await samplePdf('Ordonnance', [
      'Dr Paul Martin — Médecine générale',
      'Paracétamol 1 g : 1 comprimé 3 fois par jour pendant 5 jours.',
    ]),
  );
  const bilan = await blobs.put(
    await samplePdf('Compte rendu de biologie', [
      'Laboratoire — Hémogramme',
      'Résultats dans les valeurs de référence.',
    ]),
  );
  await importDirectory(db, createReadStream(demoDirectoryFile));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('schema_seed' as never)
      .values({ name: 'demo' } as never)
      .execute();
    const now = new Date();
    const marie = await trx
      .insertInto('profile')
      .values({
        ...demoPeople.marie,
        status: 'activated',
        activated_at: now,
        email_verified_at: now,
        phone_verified_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const leo = await trx
      .insertInto('profile')
      .values({ ...demoPeople.leo, holder_id: marie.id, status: 'activated', activated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const account = await trx
      .insertInto('account')
      .values({ profile_id: marie.id, username: demoCredentials[0].username, password_hash: passwordHash })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('representation')
      .values({ representative_id: marie.id, profile_id: leo.id, status: 'validated' })
      .execute();
    const martin = await trx
      .selectFrom('professional')
      .select('id')
      .where('rpps', '=', '10101010101')
      .executeTakeFirstOrThrow();
    const docs = [
      {
        title: 'Ordonnance du Dr Martin',
        category: 'ORD_SOIN',
        blob: prescription,
        author_kind: 'professional' as const,
        author_professional_id: martin.id,
        type_code: '57833-6',
        file_name: 'ordonnance.pdf',
      },
      {
        title: 'Bilan sanguin',
        category: 'BIOLOGIE',
        blob: bilan,
        author_kind: 'import' as const,
        author_professional_id: null,
        type_code: '11502-2',
        file_name: 'bilan-sanguin.pdf',
      },
    ];
    const system = systemAccess('demo-seed', marie.id);
    for (const d of docs) {
      const id = await insertDocument(trx, system, {
        title: d.title,
        category: d.category,
        document_date: '2026-10-02',
        mime_type: 'application/pdf',
        size_bytes: d.blob.size,
        sha256: d.blob.sha256,
        blob_key: d.blob.key,
        author_kind: d.author_kind,
        author_professional_id: d.author_professional_id,
        type_code: d.type_code,
        file_name: d.file_name,
      });
      await journal(trx, system, { action: 'document.create', resourceType: 'document', resourceId: id });
    }
    await journal(trx, systemAccess('demo-seed', null), { action: 'demo.seed', detail: { account: account.id } });
  });
  // People enrolled but not yet activated: their provisional codes land in the dev mailbox (Jean Petit
  // and his daughter Emma, by e-mail) or in a letters PDF (Lucie Moreau, who has no e-mail).
  const report = await importEnrolment({ db }, createReadStream(demoEnrolmentFile), { batch: 'lot-demo' });
  const codes = await issueBatchCodes({ db, queue, codeKey, blobs }, report.batch);
  if (codes.lettersBlobKey && lettersDir) {
    await mkdir(lettersDir, { recursive: true, mode: 0o700 });
    await writeFile(path.join(lettersDir, `${report.batch}.pdf`), await blobs.get(codes.lettersBlobKey), {
      mode: 0o600,
    });
  }
  return true;
}

/** The example enrolment file of the README, also the demo's enrolled people. */
export const demoEnrolmentFile = path.join(import.meta.dirname, '..', '..', '..', 'docs', 'examples', 'enrolment.csv');

/** What the start banner says about trying activation with the demo data. */
export const demoActivationHint = [
  "Essayer l'activation : Jean Petit — NIR 178046912304503, né le 12/04/1978, carte Vitale 11223344556 ;",
  '  son code provisoire est dans la boîte de développement (/dev/mailbox), comme celui de sa fille Emma (NIR 215096912304615).',
];
