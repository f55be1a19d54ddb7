import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import pg from 'pg';
import {
  ageOn,
  isPastDate,
  isValidVitaleSerial,
  nirProblem,
  normalizeNir,
  normalizePhone,
  type NirProblem,
} from '../../../../shared/src/nir.js';
import { MAJORITY_AGE } from '../../../../shared/src/age.js';
import type { Platform } from '../../platform/platform.js';
import { operatorAccess } from '../../platform/access.js';
import { isSafeText } from '../../../../shared/src/input.js';
import { poolOf } from '../../platform/db.js';
import { copyFrom, copyField } from '../../platform/copy.js';
import { journalMany } from '../../platform/journal.js';
import { sendManyLater } from '../../platform/outbox.js';
import { codeHash, newProvisionalCode } from './codes.js';
import { csvRecords } from './csv.js';
import { lettersPdf, type Letter } from './documents.pdf.js';
import { OPPOSITION_WEEKS, PROVISIONAL_CODE_DAYS, provisionalCodeMessage } from './provisional.js';

/** The columns of an enrolment file, in order (README: "Enrolment file"). */
export const ENROL_COLUMNS = [
  'nir',
  'birth_name',
  'first_names',
  'used_first_name',
  'sex',
  'birth_date',
  'birth_place_insee',
  'vitale_serial',
  'email',
  'phone',
  'address_line',
  'postal_code',
  'city',
  'holder_nir',
] as const;

export interface EnrolRow {
  nir: string;
  birth_name: string;
  first_names: string;
  used_first_name: string;
  sex: 'M' | 'F';
  birth_date: string;
  birth_place_insee: string | null;
  vitale_serial: string | null;
  email: string | null;
  phone: string | null;
  postal_address: { line: string; postalCode: string; city: string } | null;
  holder_nir: string | null;
}

export interface LineError {
  line: number;
  reason: string;
}

const nirWords: Record<NirProblem, string> = {
  format: 'NIR mal formé (15 caractères attendus)',
  sex: 'NIR : le premier chiffre doit être 1 ou 2',
  month: 'NIR : mois de naissance impossible',
  temporary: 'NIR provisoire (commençant par 7 ou 8) : ce n’est pas un INS',
  key: 'NIR : la clé ne correspond pas',
};
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

function field(r: Record<string, string>, k: string): string {
  return (r[k] ?? '').trim();
}

/** Checks one record of the file; returns the row to import or the reason it is refused. */
export function validateRecord(r: Record<string, string>, today = new Date()): EnrolRow | string {
  for (const k of ENROL_COLUMNS)
    if (!isSafeText(r[k] ?? '')) return `caractère invalide (nul ou mal encodé) dans la colonne ${k}`;
  const nir = normalizeNir(field(r, 'nir'));
  const problem = nirProblem(nir);
  if (problem) return nirWords[problem];
  if (!field(r, 'birth_name')) return 'nom de naissance manquant';
  if (!field(r, 'first_names')) return 'prénoms manquants';
  const sex = field(r, 'sex').toUpperCase();
  if (sex !== 'M' && sex !== 'F') return 'sexe : M ou F attendu';
  if ((sex === 'M') !== nir.startsWith('1')) return 'le sexe ne correspond pas au NIR';
  const birth = field(r, 'birth_date');
  if (!isPastDate(birth, today)) return 'date de naissance invalide (AAAA-MM-JJ attendu, date passée)';
  if (birth.slice(2, 4) !== nir.slice(1, 3)) return "l'année de naissance ne correspond pas au NIR";
  const place = field(r, 'birth_place_insee').toUpperCase();
  if (place && !/^(\d{5}|2[AB]\d{3})$/.test(place)) return 'code INSEE du lieu de naissance invalide';
  const serial = field(r, 'vitale_serial').replace(/\s/g, '');
  if (serial && !isValidVitaleSerial(serial)) return 'numéro de série de carte Vitale invalide (8 à 13 chiffres)';
  const email = field(r, 'email').toLowerCase();
  if (email && (!EMAIL_RE.test(email) || email.length > 254)) return 'adresse e-mail invalide';
  const rawPhone = field(r, 'phone');
  const phone = rawPhone ? normalizePhone(rawPhone) : null;
  if (rawPhone && !phone) return 'numéro de téléphone invalide';
  const line = field(r, 'address_line'),
    postalCode = field(r, 'postal_code'),
    city = field(r, 'city');
  if ((line || postalCode || city) && !(line && /^\d{5}$/.test(postalCode) && city))
    return 'adresse postale incomplète (ligne, code postal à 5 chiffres, commune)';
  const holderRaw = field(r, 'holder_nir');
  const holder = holderRaw ? normalizeNir(holderRaw) : null;
  const age = ageOn(birth, today);
  if (holder) {
    if (nirProblem(holder)) return 'NIR du titulaire invalide';
    if (holder === nir) return 'une personne ne peut pas être son propre titulaire';
    if (age >= MAJORITY_AGE) return 'un ayant droit rattaché doit être mineur';
  } else {
    if (age < MAJORITY_AGE) return 'un mineur doit être rattaché à un titulaire (colonne holder_nir)';
    if (!email && !line) return 'ni adresse e-mail ni adresse postale : impossible d’envoyer le code provisoire';
  }
  return {
    nir,
    birth_name: field(r, 'birth_name').toUpperCase(),
    first_names: field(r, 'first_names'),
    used_first_name: field(r, 'used_first_name') || field(r, 'first_names').split(/\s+/)[0]!,
    sex,
    birth_date: birth,
    birth_place_insee: place || null,
    vitale_serial: serial || null,
    email: email || null,
    phone,
    postal_address: line ? { line, postalCode, city } : null,
    holder_nir: holder,
  };
}

export interface ImportReport {
  batch: string;
  read: number;
  imported: number;
  alreadyKnown: number;
  errors: LineError[];
}

const CHUNK = 20_000;
const IN_FLIGHT = 2;
const CODE_CHUNK = 1000;

/**
 * The rows of a chunk, as they reach PostgreSQL: COPY into this temporary table (one per connection, no
 * WAL, emptied at commit), then set-based inserts into profile from it, in the same transaction.
 */
const STAGE_COLUMNS = [
  'nir',
  'birth_name',
  'first_names',
  'used_first_name',
  'sex',
  'birth_date',
  'birth_place_insee',
  'vitale_serial',
  'email',
  'phone',
  'postal_address',
  'holder_nir',
] as const;
const STAGE = `create temp table if not exists enrolment_stage (${STAGE_COLUMNS.map((c) => `${c} text`).join(', ')})
  on commit delete rows`;

/** A row as one line of COPY's text format, in STAGE_COLUMNS' order. */
function stageLine(r: EnrolRow): string {
  return `${copyField(r.nir)}\t${copyField(r.birth_name)}\t${copyField(r.first_names)}\t${copyField(r.used_first_name)}\t${r.sex}\t${r.birth_date}\t${copyField(r.birth_place_insee)}\t${copyField(r.vitale_serial)}\t${copyField(r.email)}\t${copyField(r.phone)}\t${copyField(r.postal_address ? JSON.stringify(r.postal_address) : null)}\t${copyField(r.holder_nir)}\n`;
}

/**
 * Holders first, then the minors attached to them (a statement does not see its own rows), ordered by NIR
 * (neighbouring keys land on the same index pages). A known person whose code was never issued (an earlier
 * run killed before its codes) joins this batch, so that running the command again, under any batch name,
 * issues their code; other known NIRs are left as they are. Last, the minors whose holder is not in the
 * database (yet): the caller retries them once the whole file is in.
 */
function moveStatements(batch: string): string {
  const insert = (minors: boolean) => `
    with ins as (
      insert into profile (id, nir, birth_name, first_names, used_first_name, sex, birth_date, birth_place_insee, vitale_serial,
                           email, phone, postal_address, holder_id, code_channel, enrolment_batch)
      select enrolment_profile_id(), i.nir, i.birth_name, i.first_names, i.used_first_name, i.sex, i.birth_date::date, i.birth_place_insee, i.vitale_serial,
             i.email, i.phone, i.postal_address::jsonb, ${minors ? 'h.id' : 'null::uuid'},
             case when coalesce(i.email, ${minors ? 'h.email' : 'null'}) is not null then 'email' else 'letter' end, ${pg.escapeLiteral(batch)}
      from enrolment_stage i ${minors ? 'join profile h on h.nir = i.holder_nir::char(15) where i.holder_nir is not null' : 'where i.holder_nir is null'}
      order by i.nir
      on conflict (nir) do update set enrolment_batch = excluded.enrolment_batch
        where profile.code_sent_at is null and profile.status = 'enrolled'
          and profile.enrolment_batch is distinct from excluded.enrolment_batch
      returning (xmax = 0) as inserted)
    select count(*) filter (where inserted)::int as n from ins`;
  return `${insert(false)};${insert(true)};
    select i.nir from enrolment_stage i
    where i.holder_nir is not null and not exists (select 1 from profile h where h.nir = i.holder_nir::char(15))`;
}

/**
 * One chunk, one transaction on a connection of its own: COPY into the stage, the inserts, commit.
 * `lines` are the chunk's rows in COPY text; `minors` the rows with a holder (kept to be retried).
 */
async function insertChunk(
  pool: pg.Pool,
  lines: string[],
  minors: Map<string, EnrolRow>,
  batch: string,
): Promise<{ inserted: number; missingHolder: EnrolRow[] }> {
  if (!lines.length) return { inserted: 0, missingHolder: [] };
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`${STAGE}; begin`);
    await copyFrom(client, `copy enrolment_stage (${STAGE_COLUMNS.join(', ')}) from stdin`, lines);
    const results = (await client.query(moveStatements(batch))) as unknown as pg.QueryResult[];
    await client.query('commit');
    const inserted = (results[0]!.rows[0].n as number) + (results[1]!.rows[0].n as number);
    return { inserted, missingHolder: results[2]!.rows.map((r: { nir: string }) => minors.get(r.nir.trim())!) };
  } catch (err) {
    broken = err as Error;
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release(broken);
  }
}

/**
 * A checked NIR as a number (13-digit body, 2A/2B told apart from 19/18), unique per NIR: the key of the
 * duplicate check, 16 bytes where the NIR's string would keep the 64 kB of file text it was sliced from.
 */
function nirNumber(nir: string): number {
  const dep = nir.slice(5, 7);
  const flag = dep === '2A' ? 1 : dep === '2B' ? 2 : 0;
  return Number(flag ? nir.slice(0, 5) + '00' + nir.slice(7, 13) : nir.slice(0, 13)) * 4 + flag;
}

/** Fields of a line → the record validateRecord reads, one shape for every line (the header's order). */
function recordMaker(header: string[]): (fields: string[]) => Record<string, string> {
  // The last column of a name wins, as when the record was built key by key.
  const at = ENROL_COLUMNS.map((c) => header.lastIndexOf(c));
  return (f) => ({
    nir: f[at[0]!] ?? '',
    birth_name: f[at[1]!] ?? '',
    first_names: f[at[2]!] ?? '',
    used_first_name: f[at[3]!] ?? '',
    sex: f[at[4]!] ?? '',
    birth_date: f[at[5]!] ?? '',
    birth_place_insee: f[at[6]!] ?? '',
    vitale_serial: f[at[7]!] ?? '',
    email: f[at[8]!] ?? '',
    phone: f[at[9]!] ?? '',
    address_line: f[at[10]!] ?? '',
    postal_code: f[at[11]!] ?? '',
    city: f[at[12]!] ?? '',
    holder_nir: f[at[13]!] ?? '',
  });
}

/**
 * Imports an enrolment file (CSV, header line with ENROL_COLUMNS). Every line is checked; bad lines are
 * reported with their number and reason while the good ones are imported. Importing the same file again
 * changes nothing: a NIR already known is left as it is. Codes are issued afterwards (issueBatchCodes).
 */
export async function importEnrolment(
  platform: Pick<Platform, 'db'>,
  input: Readable,
  opts: { batch?: string; onProgress?: (read: number) => void } = {},
): Promise<ImportReport> {
  const batch = opts.batch ?? `lot-${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
  const pool = poolOf(platform.db);
  const report: ImportReport = { batch, read: 0, imported: 0, alreadyKnown: 0, errors: [] };
  // NIR (as a number: no string kept, nor the file's text it was cut from) → its first line.
  const seen = new Map<number, number>();
  // Only the minors keep their row and line number, until their chunk is in (a million rows must not stay
  // in memory): those whose holder was not found wait for the retry at the end.
  const lineOf = new Map<EnrolRow, number>();
  let pending: string[] = [];
  let pendingMinors = new Map<string, EnrolRow>();
  let deferred: EnrolRow[] = [];
  // Chunks in flight, each on its own connection: PostgreSQL inserts them while this process reads and
  // checks the next (the insert is most of the cost). A minor whose holder is in a chunk not yet committed
  // is not found and waits for the retry at the end, like a minor listed before their holder.
  const inFlight: Promise<void>[] = [];
  const insert = async (lines: string[], minors: Map<string, EnrolRow>) => {
    const { inserted, missingHolder } = await insertChunk(pool, lines, minors, batch);
    const waiting = new Set(missingHolder);
    for (const r of minors.values()) if (!waiting.has(r)) lineOf.delete(r);
    report.imported += inserted;
    report.alreadyKnown += lines.length - missingHolder.length - inserted;
    deferred = deferred.concat(missingHolder);
  };
  const flush = async () => {
    if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    const done = insert(pending, pendingMinors);
    // Caught here so that a failure does not go unhandled while it waits its turn; awaited below.
    done.catch(() => {});
    inFlight.push(done);
    pending = [];
    pendingMinors = new Map();
  };
  let header: string[] | null = null;
  let recordOf: (fields: string[]) => Record<string, string> = () => ({});
  const today = new Date();
  for await (const { fields, line } of csvRecords(input)) {
    if (!header) {
      header = fields.map((c) => c.trim().toLowerCase());
      const missing = ENROL_COLUMNS.filter((c) => !header!.includes(c));
      if (missing.length) throw new Error(`colonnes manquantes dans l'en-tête : ${missing.join(', ')}`);
      recordOf = recordMaker(header);
      continue;
    }
    report.read++;
    const row = validateRecord(recordOf(fields), today);
    const key = typeof row === 'string' ? 0 : nirNumber(row.nir);
    const first = typeof row === 'string' ? undefined : seen.get(key);
    if (typeof row === 'string') {
      report.errors.push({ line, reason: row });
    } else if (first !== undefined) {
      report.errors.push({ line, reason: `NIR déjà présent à la ligne ${first} du fichier` });
    } else {
      seen.set(key, line);
      pending.push(stageLine(row));
      if (row.holder_nir) {
        pendingMinors.set(row.nir, row);
        lineOf.set(row, line);
      }
      if (pending.length >= CHUNK) await flush();
    }
    if (report.read % 1000 === 0) opts.onProgress?.(report.read);
  }
  await flush();
  for (const done of inFlight.splice(0)) await done;
  if (deferred.length) {
    const retry = new Map(deferred.map((r) => [r.nir, r]));
    deferred = [];
    const { inserted, missingHolder } = await insertChunk(pool, [...retry.values()].map(stageLine), retry, batch);
    report.imported += inserted;
    report.alreadyKnown += retry.size - missingHolder.length - inserted;
    for (const r of missingHolder)
      report.errors.push({
        line: lineOf.get(r)!,
        reason: 'titulaire (holder_nir) inconnu : ni dans le fichier ni déjà inscrit',
      });
  }
  opts.onProgress?.(report.read);
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}

/**
 * Issues the provisional codes of an enrolment batch not yet sent: e-mails (to the person, or to the
 * holder for a minor) through the outbox, and one PDF of letters for the others, stored encrypted in
 * the blob store. Each chunk is one transaction: codes, outbox and journal lines commit together.
 */
export async function issueBatchCodes(
  platform: Pick<Platform, 'db' | 'queue' | 'codeKey' | 'blobs'>,
  batch: string,
  opts: { onProgress?: (done: number, total: number) => void; now?: Date } = {},
): Promise<{ emails: number; letters: number; lettersBlobKey: string | null }> {
  const now = opts.now ?? new Date();
  const total = Number(
    (
      await platform.db
        .selectFrom('profile')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('enrolment_batch', '=', batch)
        .where('code_sent_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const letters: Letter[] = [];
  let emails = 0,
    done = 0;
  // Two chunks at once, each in its own transaction (SKIP LOCKED keeps them apart): the database works on
  // one while this process prepares the other.
  const worker = async () => {
    for (;;) {
      const n = await platform.db.transaction().execute(async (trx) => {
        // One statement picks the chunk (locked, SKIP LOCKED keeps the workers apart), marks it sent and
        // returns what the messages need (was: a select, then an update by id).
        const due = new Date(now.getTime() + OPPOSITION_WEEKS * 7 * 86_400_000);
        const { rows: people } = await sql<{
          id: string;
          used_first_name: string;
          first_names: string;
          birth_name: string;
          email: string | null;
          postal_address: unknown;
          code_channel: string | null;
          holderEmail: string | null;
          holderFirstNames: string | null;
          holderBirthName: string | null;
          holderAddress: unknown;
        }>`
          update profile p set code_sent_at = ${now}, creation_due_at = ${due}
          from (select id, holder_id from profile
                where enrolment_batch = ${batch} and code_sent_at is null
                order by id limit ${CODE_CHUNK} for update skip locked) pick
            left join profile holder on holder.id = pick.holder_id
          where p.id = pick.id
          returning p.id, p.used_first_name, p.first_names, p.birth_name, p.email, p.postal_address, p.code_channel,
            holder.email as "holderEmail", holder.first_names as "holderFirstNames",
            holder.birth_name as "holderBirthName", holder.postal_address as "holderAddress"`.execute(trx);
        if (!people.length) return 0;
        people.sort((a, b) => (a.id < b.id ? -1 : 1)); // letters in the order of the chunk, as before
        const codes = people.map(() => newProvisionalCode());
        await sql`
          insert into provisional_code (profile_id, code_hash, channel, created_at, expires_at)
          select u.profile_id, u.code_hash, u.channel, ${now}, ${new Date(now.getTime() + PROVISIONAL_CODE_DAYS * 86_400_000)}
          from unnest(${people.map((p) => p.id)}::uuid[],
            ${codes.map((c) => codeHash(platform.codeKey, 'provisional', c.replace(/-/g, '')))}::bytea[],
            ${people.map((p) => (p.code_channel === 'email' ? 'email' : 'letter'))}::text[]) as u(profile_id, code_hash, channel)`.execute(
          trx,
        );
        const mails = [];
        for (const [i, p] of people.entries()) {
          const to = p.email ?? p.holderEmail;
          if (p.code_channel === 'email' && to)
            mails.push(provisionalCodeMessage('email', to, p.used_first_name, codes[i]!));
          else {
            const toHolder = !p.postal_address && p.holderAddress;
            letters.push({
              firstNames: toHolder ? p.holderFirstNames! : p.first_names,
              birthName: toHolder ? p.holderBirthName! : p.birth_name,
              forName: `${p.used_first_name} ${p.birth_name}`,
              address: (p.postal_address ?? p.holderAddress ?? null) as Letter['address'],
              code: codes[i]!,
              sentAt: now,
            });
          }
        }
        await sendManyLater(trx, platform.queue, mails);
        emails += mails.length;
        await journalMany(
          trx,
          people.map((p) => ({
            ctx: operatorAccess('enrolment', p.id),
            entry: {
              action: 'identity.code-sent',
              detail: { purpose: 'provisional', channel: p.code_channel === 'email' ? 'email' : 'letter', batch },
            },
          })),
        );
        return people.length;
      });
      if (!n) break;
      done += n;
      opts.onProgress?.(done, total);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  let lettersBlobKey: string | null = null;
  if (letters.length) {
    const stored = await platform.blobs.put(await lettersPdf(batch, letters));
    lettersBlobKey = stored.key;
    await platform.db
      .insertInto('letter_batch')
      .values({ id: batch, pages: letters.length, blob_key: stored.key, created_at: now })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ pages: sql`letter_batch.pages + excluded.pages`, blob_key: stored.key }),
      )
      .execute();
  }
  return { emails, letters: letters.length, lettersBlobKey };
}
