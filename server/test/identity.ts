import { Readable } from 'node:stream';
import { nirKey } from '../../shared/src/nir.js';
import type { Db } from '../src/platform/db.js';
import type { Platform } from '../src/platform/platform.js';
import { ENROL_COLUMNS, importEnrolment, issueBatchCodes } from '../src/features/identity/enrol.service.js';

let order = 100;

/** A valid NIR for a person born in `birthDate` (sex 1 = man, 2 = woman), unique within the run. */
export function makeNir(sex: '1' | '2', birthDate: string, dep = '75', commune = '056'): string {
  order = (order + 1) % 1000;
  const body = `${sex}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${dep}${commune}${String(order).padStart(3, '0')}`;
  return body + String(nirKey(body)).padStart(2, '0');
}

export type Person = Partial<Record<(typeof ENROL_COLUMNS)[number], string>>;

/** A valid adult row of an enrolment file; override any column. */
export function adult(over: Person = {}): Record<(typeof ENROL_COLUMNS)[number], string> {
  const birth = over.birth_date ?? '1984-05-12';
  const sex = over.sex ?? 'F';
  return {
    nir: makeNir(sex === 'M' ? '1' : '2', birth),
    birth_name: 'Martin',
    first_names: 'Julie Anne',
    used_first_name: 'Julie',
    sex,
    birth_date: birth,
    birth_place_insee: '75056',
    vitale_serial: '98765432109',
    email: `julie.${Math.random().toString(36).slice(2, 8)}@example.org`,
    phone: '06 11 22 33 44',
    address_line: '3 rue des Lilas',
    postal_code: '75011',
    city: 'Paris',
    holder_nir: '',
    ...over,
  };
}

export function csv(rows: Record<string, string>[]): string {
  return (
    [ENROL_COLUMNS.join(','), ...rows.map((r) => ENROL_COLUMNS.map((c) => r[c] ?? '').join(','))].join('\n') + '\n'
  );
}

/** Enrols the rows and issues their codes, as the operator's command does. */
export async function enrol(platform: Platform, rows: Record<string, string>[], batch?: string) {
  const report = await importEnrolment(platform, Readable.from([csv(rows)]), { batch });
  const codes = await issueBatchCodes(platform, report.batch);
  return { report, codes };
}

/** The text of the latest message sent to `to` (from the outbox, as the dev mailbox shows it). */
export async function lastMessage(db: Db, to: string): Promise<string> {
  const m = await db
    .selectFrom('outbox_message')
    .select('body')
    .where('recipient', '=', to)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!m) throw new Error(`no message to ${to}`);
  return m.body;
}

export async function provisionalCodeOf(db: Db, to: string): Promise<string> {
  const m = /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(await lastMessage(db, to));
  if (!m) throw new Error(`no provisional code in the last message to ${to}`);
  return m[0];
}

export async function otpOf(db: Db, to: string): Promise<string> {
  const m = /\b(\d{6})\b/.exec(await lastMessage(db, to));
  if (!m) throw new Error(`no one-time code in the last message to ${to}`);
  return m[1]!;
}

export const csrf = { 'x-carnet-csrf': '1' };

/**
 * An enrolled adult with a minor attached at enrolment ("ayant droit"); the adult is activated with an
 * account (username `<first name>-<id>`), the child is not yet represented. Names are the caller's.
 */
export async function enrolParentWithChild(
  platform: Platform,
  names: { lastName: string; parent: string; child: string; childAge: number },
) {
  const year = new Date().getUTCFullYear();
  const parentRow = adult({ first_names: names.parent, used_first_name: names.parent, birth_name: names.lastName });
  const kidBirth = `${year - names.childAge}-03-10`;
  const kidRow = adult({
    nir: makeNir('1', kidBirth),
    sex: 'M',
    birth_date: kidBirth,
    first_names: names.child,
    used_first_name: names.child,
    birth_name: names.lastName,
    email: '',
    phone: '',
    holder_nir: parentRow.nir,
    address_line: '',
    postal_code: '',
    city: '',
    vitale_serial: '',
  });
  await enrol(platform, [parentRow, kidRow]);
  const parent = await platform.db
    .updateTable('profile')
    .set({ status: 'activated' })
    .where('nir', '=', parentRow.nir)
    .returning('id')
    .executeTakeFirstOrThrow();
  const kid = await platform.db
    .selectFrom('profile')
    .select('id')
    .where('nir', '=', kidRow.nir)
    .executeTakeFirstOrThrow();
  const account = await platform.db
    .insertInto('account')
    .values({
      profile_id: parent.id,
      username: `${names.parent.toLowerCase()}-${parent.id.slice(0, 8)}`,
      password_hash: 'x',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { parentRow, kidRow, parentId: parent.id, kidId: kid.id, accountId: account.id };
}
