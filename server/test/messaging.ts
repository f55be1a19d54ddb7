import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Database } from '../src/db/schema.js';
import { sealMessage } from '../src/features/messaging/messaging.seal.js';
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

/**
 * An inbox of `conversations` × `perConversation` messages for `profileId`, written set-based (one statement
 * per table and 2,000 messages): a professional per conversation (last names `<prefix>000`, `<prefix>001`…),
 * messages alternating to and from the patient a minute apart, sealed like real ones, one unread each; the
 * list's columns of the conversation set as the service sets them. Every `confidentialEvery`-th conversation
 * (0: none) is marked confidential. Returns the conversation ids, latest first.
 */
export async function seedInbox(
  db: Db,
  messageKey: Buffer,
  profileId: string,
  opts: { conversations: number; perConversation: number; confidentialEvery?: number; prefix?: string },
): Promise<string[]> {
  const { conversations, perConversation, confidentialEvery = 0, prefix = 'Boite' } = opts;
  const tag = randomBytes(3).toString('hex');
  // RPPS numbers are 11 digits: 8, four of this batch, the conversation's six.
  const batch = String(randomInt(10_000)).padStart(4, '0');
  const pros = await db
    .insertInto('professional')
    .values(
      Array.from({ length: conversations }, (_, c) => ({
        rpps: `8${batch}${String(c).padStart(6, '0')}`,
        profession_code: '10',
        first_name: 'Claire',
        last_name: `${prefix}${String(c).padStart(3, '0')}`,
        mssante_address: `${prefix.toLowerCase()}${c}.${tag}@medecin.mssante.fr`,
      })),
    )
    .returning('id')
    .execute();
  const start = Date.now() - conversations * perConversation * 60_000;
  const convs = pros.map((p, c) => {
    const lastAt = new Date(start + ((c + 1) * perConversation - 1) * 60_000);
    return {
      id: randomUUID(),
      profile_id: profileId,
      professional_id: p.id,
      confidential: confidentialEvery > 0 && c % confidentialEvery === 0,
      patient_last_message_id: randomUUID(),
      patient_last_at: lastAt,
      patient_unread: 1,
      pro_last_at: lastAt,
    };
  });
  await db.insertInto('conversation').values(convs).execute();
  let rows: Insertable<Database['message']>[] = [];
  for (const [c, conv] of convs.entries()) {
    for (let m = 0; m < perConversation; m++) {
      const last = m === perConversation - 1;
      const id = last ? conv.patient_last_message_id : randomUUID();
      const at = new Date(start + (c * perConversation + m) * 60_000);
      const toPatient = m % 2 === 0;
      rows.push({
        id,
        conversation_id: conv.id,
        profile_id: profileId,
        direction: toPatient ? 'to_patient' : 'to_professional',
        ...sealMessage(messageKey, id, `Objet ${c}-${m}`, `Corps du message ${c}-${m} `.repeat(20)),
        sent_at: at,
        // The latest message to the patient is unread (the one before the last, or the last).
        read_at: toPatient && m < perConversation - 2 ? at : null,
        source: 'portal',
        author_name: toPatient ? null : 'Titulaire BOITE',
      });
      if (rows.length === 2000) {
        await db.insertInto('message').values(rows).execute();
        rows = [];
      }
    }
  }
  if (rows.length) await db.insertInto('message').values(rows).execute();
  return convs.map((c) => c.id).reverse();
}
