import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../test/harness.js';
import { adult, csv, enrol, makeNir } from '../../../test/identity.js';
import { ENROL_COLUMNS, importEnrolment, validateRecord } from './enrol.service.js';
import { verifyJournal } from '../../platform/journal.js';
import { nirKey } from '../../../../shared/src/nir.js';

describe('enrolment import', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform();
  });
  afterAll(async () => p.close());

  it('reports each bad line with its number and reason, and imports the good ones', async () => {
    const good = adult();
    const kid = adult({
      nir: makeNir('1', '2015-04-01'),
      sex: 'M',
      birth_date: '2015-04-01',
      first_names: 'Tom',
      used_first_name: '',
      email: '',
      phone: '',
      address_line: '',
      postal_code: '',
      city: '',
      holder_nir: good.nir,
      vitale_serial: '',
    });
    const rows = [
      good,
      adult({ nir: good.nir.slice(0, 13) + '00' }), // line 3: wrong key
      adult({ email: 'pas-une-adresse' }), // line 4
      adult({ birth_date: '2031-01-01' }), // line 5
      kid, // line 6: a minor attached to line 2
      adult({ nir: makeNir('1', '2016-01-01'), sex: 'M', birth_date: '2016-01-01' }), // line 7: minor without holder
      adult({ nir: good.nir }), // line 8: duplicate within the file
      adult({ phone: '12' }), // line 9
    ];
    const report = await importEnrolment(p, Readable.from([csv(rows)]));
    expect(report.read).toBe(8);
    expect(report.imported).toBe(2);
    expect(report.errors.map((e) => e.line)).toEqual([3, 4, 5, 7, 8, 9]);
    expect(report.errors[0]!.reason).toMatch(/clé/);
    expect(report.errors[1]!.reason).toMatch(/e-mail/);
    expect(report.errors[3]!.reason).toMatch(/mineur/);
    expect(report.errors[4]!.reason).toMatch(/ligne 2/);
    const child = await p.db
      .selectFrom('profile')
      .select(['holder_id', 'used_first_name', 'code_channel'])
      .where('nir', '=', kid.nir)
      .executeTakeFirstOrThrow();
    const holder = await p.db
      .selectFrom('profile')
      .select(['id', 'status'])
      .where('nir', '=', good.nir)
      .executeTakeFirstOrThrow();
    expect(child.holder_id).toBe(holder.id);
    expect(child.used_first_name).toBe('Tom');
    expect(child.code_channel).toBe('email'); // the holder's e-mail
    expect(holder.status).toBe('enrolled');
  });

  it('is idempotent: importing the same file again changes nothing and sends nothing', async () => {
    const rows = [adult(), adult()];
    const first = await enrol(p, rows);
    expect(first.report.imported).toBe(2);
    expect(first.codes.emails).toBe(2);
    const before = await p.db
      .selectFrom('provisional_code')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const again = await enrol(p, rows);
    expect(again.report.imported).toBe(0);
    expect(again.report.alreadyKnown).toBe(2);
    expect(again.codes.emails).toBe(0);
    const after = await p.db
      .selectFrom('provisional_code')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('accepts a minor listed before their holder, and sends letters when there is no e-mail', async () => {
    const parent = adult({ email: '' });
    const kid = adult({
      nir: makeNir('2', '2019-09-09'),
      birth_date: '2019-09-09',
      first_names: 'Lina',
      email: '',
      phone: '',
      holder_nir: parent.nir,
      address_line: '',
      postal_code: '',
      city: '',
    });
    const { report, codes } = await enrol(p, [kid, parent]);
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(2);
    expect(codes.letters).toBe(2);
    expect(codes.lettersBlobKey).not.toBeNull();
    const pdf = await p.blobs.get(codes.lettersBlobKey!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const batch = await p.db
      .selectFrom('letter_batch')
      .selectAll()
      .where('id', '=', report.batch)
      .executeTakeFirstOrThrow();
    expect(batch.pages).toBe(2);
    const sent = await p.db
      .selectFrom('profile')
      .select(['code_sent_at', 'creation_due_at'])
      .where('nir', '=', parent.nir)
      .executeTakeFirstOrThrow();
    expect(sent.creation_due_at!.getTime() - sent.code_sent_at!.getTime()).toBe(42 * 86_400_000);
  });

  it('stores codes only as hashes: no code in the database outside the outbox', async () => {
    const row = adult();
    await enrol(p, [row]);
    const codes = await p.db
      .selectFrom('provisional_code')
      .innerJoin('profile', 'profile.id', 'provisional_code.profile_id')
      .select('code_hash')
      .where('profile.nir', '=', row.nir)
      .execute();
    expect(codes).toHaveLength(1);
    expect(codes[0]!.code_hash).toHaveLength(32);
    // The sending is a security event on the person's own journal, and the chains stay valid.
    const id = (await p.db.selectFrom('profile').select('id').where('nir', '=', row.nir).executeTakeFirstOrThrow()).id;
    const lines = await p.db
      .selectFrom('journal')
      .select(['action', 'actor_kind'])
      .where('chain_id', '=', id)
      .execute();
    expect(lines).toEqual([{ action: 'identity.code-sent', actor_kind: 'operator' }]);
    expect((await verifyJournal(p.db)).problems).toEqual([]);
  });

  it('reports a minor whose holder is neither in the file nor enrolled, with its line number', async () => {
    const kidBirth = '2018-05-05';
    const orphan = adult({
      nir: makeNir('2', kidBirth),
      birth_date: kidBirth,
      email: '',
      phone: '',
      holder_nir: makeNir('1', '1970-01-01'),
      address_line: '',
      postal_code: '',
      city: '',
    });
    const report = await importEnrolment(p, Readable.from([csv([adult(), adult(), orphan])]));
    expect(report.imported).toBe(2);
    expect(report.errors).toEqual([{ line: 4, reason: expect.stringMatching(/titulaire .* inconnu/) }]);
  });

  it('tells Corsican NIRs from those of départements 18 and 19 in the duplicate check, and reads quoted fields', async () => {
    const nirOf = (dep: string) => {
      const b = `28405${dep}004777`;
      return b + String(nirKey(b)).padStart(2, '0');
    };
    const rows = ['2A', '19', '2B', '18'].map((dep) =>
      adult({ nir: nirOf(dep), birth_name: 'Name, with "quotes"\tand\\ tab', city: 'Paris\nCedex' }),
    );
    const quoted = (r: Record<string, string>) =>
      ENROL_COLUMNS.map((c) => `"${(r[c] ?? '').replace(/"/g, '""')}"`).join(',');
    const file = [ENROL_COLUMNS.join(','), ...[...rows, rows[0]!].map(quoted)].join('\r\n');
    const report = await importEnrolment(p, Readable.from([file]));
    expect(report.imported).toBe(4);
    // A record is numbered by the line it ends on (the city's line break makes each one two lines).
    expect(report.errors).toEqual([{ line: 11, reason: 'NIR déjà présent à la ligne 3 du fichier' }]);
    const stored = await p.db
      .selectFrom('profile')
      .select(['birth_name', 'postal_address'])
      .where('nir', '=', rows[1]!.nir)
      .executeTakeFirstOrThrow();
    expect(stored.birth_name).toBe('NAME, WITH "QUOTES"\tAND\\ TAB');
    expect(stored.postal_address).toEqual({ line: '3 rue des Lilas', postalCode: '75011', city: 'Paris\nCedex' });
  });

  it('refuses a file without the expected header', async () => {
    await expect(importEnrolment(p, Readable.from(['a,b,c\n1,2,3\n']))).rejects.toThrow(/colonnes manquantes/);
  });

  it('checks NIR against sex and birth year, and Corsican departments', () => {
    const ok = adult();
    expect(typeof validateRecord(ok)).toBe('object');
    expect(validateRecord({ ...ok, sex: 'M' })).toMatch(/sexe/);
    expect(validateRecord({ ...ok, birth_date: '1990-05-12' })).toMatch(/année/);
    const corsican = adult({ nir: makeNir('2', '1984-05-12', '2A', '004') });
    expect(typeof validateRecord(corsican)).toBe('object');
    // The text rule of issue 14.7: a NUL in any column is a refused line, not a failed batch.
    expect(validateRecord({ ...ok, first_names: 'Ju\u0000lie' })).toMatch(/caractère invalide.*first_names/);
  });
});
