import { randomBytes } from 'node:crypto';
import type { Db } from '../src/platform/db.js';
import { createPerson } from './sessions.js';
import { makeNir } from './identity.js';

let n = 0;

/** A professional of the directory (a physician unless told), with an MSSanté address. */
export async function createProfessional(
  db: Db,
  over: { firstName?: string; lastName?: string; profession?: string; mssante?: string | null } = {},
) {
  n++;
  const rpps = `1${String(Date.now() % 1e6).padStart(6, '0')}${String(n).padStart(4, '0')}`.slice(0, 11);
  const last = over.lastName ?? `Medecin${n}`;
  return db
    .insertInto('professional')
    .values({
      rpps,
      profession_code: over.profession ?? '10',
      first_name: over.firstName ?? 'Claire',
      last_name: last,
      mssante_address:
        over.mssante === undefined
          ? `${last.toLowerCase()}.${randomBytes(2).toString('hex')}@medecin.mssante.fr`
          : over.mssante,
    })
    .returning(['id', 'rpps', 'first_name', 'last_name', 'mssante_address'])
    .executeTakeFirstOrThrow();
}

/** An activated person with an NIR (their INS matricule) and a confirmed e-mail. */
export async function createPatient(db: Db, over: Parameters<typeof createPerson>[1] = {}) {
  const p = await createPerson(db, over);
  const birth = over.birthDate ?? '1980-01-01';
  const nir = makeNir('2', birth);
  const email = `${p.username}@example.org`;
  await db
    .updateTable('profile')
    .set({ nir, email, email_verified_at: new Date() })
    .where('id', '=', p.profileId)
    .execute();
  return { ...p, nir, birthDate: birth, email };
}

/** A multipart body of a send: the `fields` part (JSON) and any files. */
export function sendForm(fields: unknown, files: { name: string; bytes: Buffer; type?: string }[] = []) {
  const boundary = `----carnet${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="fields"\r\n\r\n${JSON.stringify(fields)}\r\n`,
      'utf8',
    ),
  ];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
        'utf8',
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-carnet-csrf': '1' },
  };
}
