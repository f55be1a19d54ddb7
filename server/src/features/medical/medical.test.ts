import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { createPerson, sessionCookie } from '../../../test/sessions.js';
import { pdfText } from '../../../test/pdf-text.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Runtime } from '../../platform/runtime.js';
import { careImportCommand, importCare } from './care.import.js';

type T = Awaited<ReturnType<typeof testApp>>;
const TOKEN = 'o'.repeat(40);

describe('medical profile (R6)', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp({ OPERATOR_TOKEN: TOKEN });
  });
  afterAll(async () => t.close());

  async function person(over: { birthDate?: string; firstName?: string; lastName?: string } = {}) {
    const p = await createPerson(t.db, over);
    return { ...p, cookie: await sessionCookie(t.db, p.accountId) };
  }
  const call = (who: { cookie: string }, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: who.cookie, ...(method === 'GET' ? {} : { 'x-carnet-csrf': '1' }) },
      payload: payload as object,
    });
  const base = (p: { profileId: string }) => `/api/profiles/${p.profileId}/medical`;
  const fieldsOf = (res: { json(): unknown }) =>
    (res.json() as { error: { fields?: { path: string; message: string }[] } }).error.fields ?? [];

  it('conditions, treatments, allergies, vaccinations and contacts: add, list, edit, delete, each journaled', async () => {
    const p = await person();
    const condition = await call(p, 'POST', `${base(p)}/conditions`, {
      name: 'Asthme',
      since: '2010-05-01',
      note: 'léger',
    });
    expect(condition.statusCode).toBe(201);
    const conditionId = condition.json().item.id;
    const created = {
      treatments: { name: 'Ventoline', dose: '100 µg', frequency: 'asNeeded', startDate: '2010-05-02', conditionId },
      allergies: { substance: 'Pénicilline', reaction: 'Urticaire', severity: 'severe' },
      vaccinations: { vaccine: 'Grippe', date: '2024-10-15', doseNumber: 1, batch: 'AB123', vaccinator: 'Dr Martin' },
      contacts: {
        role: 'emergency',
        name: 'Paul Durand',
        relation: 'Frère',
        phone: '06 12 34 56 78',
        email: 'paul@example.org',
      },
    };
    for (const [kind, body] of Object.entries(created)) {
      const res = await call(p, 'POST', `${base(p)}/${kind}`, body);
      expect(res.statusCode, kind).toBe(201);
      expect(res.json().item.data).toMatchObject(body);
      const list = await call(p, 'GET', `${base(p)}/${kind}`);
      expect(list.json().items).toHaveLength(1);
    }
    const edit = await call(
      p,
      'PUT',
      `${base(p)}/allergies/${(await call(p, 'GET', `${base(p)}/allergies`)).json().items[0].id}`,
      { substance: 'Amoxicilline', severity: 'moderate' },
    );
    expect(edit.statusCode).toBe(200);
    expect(edit.json().item.data).toEqual({ substance: 'Amoxicilline', severity: 'moderate' });

    const summary = (await call(p, 'GET', base(p))).json();
    expect(summary.counts).toEqual({ conditions: 1, treatments: 1, allergies: 1, vaccinations: 1, contacts: 1 });
    expect(summary.latest.vaccinations[0].data.vaccine).toBe('Grippe');

    // Deleting a condition unlinks the treatments that named it.
    expect((await call(p, 'DELETE', `${base(p)}/conditions/${conditionId}`)).statusCode).toBe(204);
    expect((await call(p, 'GET', `${base(p)}/treatments`)).json().items[0].data.conditionId).toBeUndefined();
    expect((await call(p, 'DELETE', `${base(p)}/conditions/${conditionId}`)).statusCode).toBe(404);

    const actions = (
      await t.db
        .selectFrom('journal')
        .select(['action', 'resource_type', 'actor_kind'])
        .where('chain_id', '=', p.profileId)
        .execute()
    ).map((r) => `${r.action}:${r.resource_type}`);
    for (const a of [
      'medical.create:conditions',
      'medical.create:treatments',
      'medical.update:allergies',
      'medical.delete:conditions',
      'medical.list:vaccinations',
      'medical.summary:medical',
    ])
      expect(actions).toContain(a);
  });

  it('refuses invalid entries with French messages on the fields', async () => {
    const p = await person({ birthDate: '1990-06-01' });
    const other = await person();
    const otherCondition = (await call(other, 'POST', `${base(other)}/conditions`, { name: 'Diabète' })).json().item.id;
    const future = `${new Date().getUTCFullYear() + 1}-01-01`;
    const cases: [string, unknown, string, RegExp][] = [
      ['conditions', { name: '' }, 'body.name', /Saisissez le nom/],
      ['conditions', { name: 'x'.repeat(201) }, 'body.name', /200 caractères/],
      ['conditions', { name: 'Asthme', since: future }, 'body.since', /futur/],
      ['conditions', { name: 'Asthme', since: '1980-01-01' }, 'body.since', /naissance/],
      ['conditions', { name: 'Asthme', since: '2020-02-30' }, 'body.since', /n’existe pas/],
      ['conditions', { name: 'Asthme', extra: 1 }, 'body', /./],
      ['treatments', { name: 'Doliprane', startDate: '2020-02-01', endDate: '2020-01-01' }, 'body.endDate', /précéder/],
      ['treatments', { name: 'Doliprane', frequency: 'hourly' }, 'body.frequency', /./],
      ['treatments', { name: 'Doliprane', conditionId: otherCondition }, 'body.conditionId', /ne figure pas/],
      ['allergies', { substance: 'Arachide', severity: 'fatal' }, 'body.severity', /./],
      ['allergies', { reaction: 'Œdème' }, 'body.substance', /Saisissez la substance/],
      ['vaccinations', { vaccine: 'Vaccin inventé', date: '2020-01-01' }, 'body.vaccine', /Choisissez un vaccin/],
      ['vaccinations', { vaccine: 'BCG', date: future }, 'body.date', /futur/],
      ['vaccinations', { vaccine: 'BCG', date: '2020-01-01', doseNumber: 0 }, 'body.doseNumber', /1 à 10/],
      ['vaccinations', { vaccine: 'BCG' }, 'body.date', /Saisissez une date/],
      ['contacts', { role: 'trusted', name: 'Léa' }, 'body.phone', /au moins un téléphone/],
      ['contacts', { role: 'trusted', name: 'Léa', phone: 'abc' }, 'body.phone', /Numéro de téléphone invalide/],
      ['contacts', { role: 'trusted', name: 'Léa', email: 'pas-une-adresse' }, 'body.email', /e-mail invalide/],
      ['contacts', { role: 'boss', name: 'Léa', phone: '0612345678' }, 'body.role', /type de contact/],
    ];
    for (const [kind, body, path, message] of cases) {
      const res = await call(p, 'POST', `${base(p)}/${kind}`, body);
      expect(res.statusCode, `${kind} ${JSON.stringify(body)}`).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      const f = fieldsOf(res);
      expect(
        f.some((x) => x.path === path && message.test(x.message)),
        `${kind} ${JSON.stringify(body)} → ${JSON.stringify(f)}`,
      ).toBe(true);
    }
    expect((await call(p, 'GET', `${base(p)}/conditions`)).json().items).toEqual([]);
  });

  it('measures: every kind stored with its LOINC code and UCUM unit, ranges enforced, BMI never typed', async () => {
    const p = await person();
    const at = '2025-03-01T08:30';
    const good: Record<string, object> = {
      weight: { value: 72.5 },
      height: { value: 1.75 },
      waist: { value: 82 },
      temperature: { value: 37.2 },
      glucose: { value: 95, moment: 'fasting' },
      bloodPressure: { systolic: 120, diastolic: 80 },
      pain: { value: 3 },
      heartRate: { value: 64 },
      steps: { value: 8500 },
      headCircumference: { value: 56 },
    };
    const codes: Record<string, [string, string]> = {
      weight: ['29463-7', 'kg'],
      height: ['8302-2', 'cm'],
      waist: ['8280-0', 'cm'],
      temperature: ['8310-5', 'Cel'],
      glucose: ['2345-7', 'mg/dL'],
      bloodPressure: ['85354-9', 'mm[Hg]'],
      pain: ['72514-3', '{score}'],
      heartRate: ['8867-4', '/min'],
      steps: ['41950-7', '/(24.h)'],
      headCircumference: ['8287-5', 'cm'],
    };
    for (const [kind, body] of Object.entries(good)) {
      const res = await call(p, 'POST', `${base(p)}/measures/${kind}`, { measuredAt: at, ...body });
      expect(res.statusCode, kind).toBe(201);
      expect(res.json().value).toMatchObject({ kind, measuredAt: at, loinc: codes[kind]![0], ucum: codes[kind]![1] });
    }
    // Height typed in m, stored in cm.
    const stored = await t.db
      .selectFrom('measure')
      .select(['value', 'ucum', 'loinc'])
      .where('profile_id', '=', p.profileId)
      .where('kind', '=', 'height')
      .executeTakeFirstOrThrow();
    expect([Number(stored.value), stored.ucum, stored.loinc]).toEqual([175, 'cm', '8302-2']);
    const bp = await t.db
      .selectFrom('measure')
      .select(['value', 'value2'])
      .where('profile_id', '=', p.profileId)
      .where('kind', '=', 'bloodPressure')
      .executeTakeFirstOrThrow();
    expect([Number(bp.value), Number(bp.value2)]).toEqual([120, 80]);

    const bad: [string, object, string, RegExp][] = [
      ['weight', { value: 0 }, 'body.value', /entre 0,3 et 400 kg/],
      ['weight', { value: 401 }, 'body.value', /entre/],
      ['weight', {}, 'body.value', /Saisissez une valeur/],
      ['height', { value: 175 }, 'body.value', /entre 0,2 et 2,6 m/],
      ['height', { value: 0.1 }, 'body.value', /entre/],
      ['waist', { value: 10 }, 'body.value', /entre 20 et 250 cm/],
      ['temperature', { value: 400 }, 'body.value', /entre 30 et 45 °C/],
      ['temperature', { value: 20 }, 'body.value', /entre/],
      ['glucose', { value: 5 }, 'body.value', /entre 10 et 1\u202f?000 mg\/dL/],
      ['glucose', { value: 90, moment: 'breakfast' }, 'body.moment', /./],
      ['bloodPressure', { systolic: 80, diastolic: 120 }, 'body.systolic', /supérieure à la diastolique/],
      ['bloodPressure', { systolic: 120, diastolic: 120 }, 'body.systolic', /supérieure/],
      ['bloodPressure', { systolic: 400, diastolic: 80 }, 'body.systolic', /entre 50 et 300/],
      ['bloodPressure', { systolic: 120, diastolic: 10 }, 'body.diastolic', /entre 20 et 200/],
      ['bloodPressure', { systolic: 120 }, 'body.diastolic', /Saisissez la pression diastolique/],
      ['pain', { value: 11 }, 'body.value', /entre 0 et 10/],
      ['pain', { value: 2.5 }, 'body.value', /entier/],
      ['heartRate', { value: 10 }, 'body.value', /entre 20 et 250 bpm/],
      ['heartRate', { value: 300 }, 'body.value', /entre/],
      ['steps', { value: -1 }, 'body.value', /entre 0 et 100/],
      ['steps', { value: 12.5 }, 'body.value', /entier/],
      ['headCircumference', { value: 90 }, 'body.value', /entre 20 et 70 cm/],
      ['weight', { value: 70, moment: 'fasting' }, 'body.moment', /glycémie/],
    ];
    for (const [kind, body, path, message] of bad) {
      const res = await call(p, 'POST', `${base(p)}/measures/${kind}`, { measuredAt: at, ...body });
      expect(res.statusCode, `${kind} ${JSON.stringify(body)}`).toBe(400);
      const f = fieldsOf(res);
      expect(
        f.some((x) => x.path === path && message.test(x.message)),
        `${kind} ${JSON.stringify(body)} → ${JSON.stringify(f)}`,
      ).toBe(true);
    }
    const future = `${new Date().getUTCFullYear() + 1}-01-01T10:00`;
    expect(
      fieldsOf(await call(p, 'POST', `${base(p)}/measures/weight`, { measuredAt: future, value: 70 }))[0]!.message,
    ).toMatch(/futur/);
    expect(
      fieldsOf(await call(p, 'POST', `${base(p)}/measures/weight`, { measuredAt: '1970-01-01T10:00', value: 70 }))[0]!
        .message,
    ).toMatch(/naissance/);
    expect(
      (await call(p, 'POST', `${base(p)}/measures/weight`, { measuredAt: '2025-03-01', value: 70 })).statusCode,
    ).toBe(400);
    // BMI cannot be typed.
    expect((await call(p, 'POST', `${base(p)}/measures/bmi`, { measuredAt: at, value: 22 })).statusCode).toBe(400);
    expect((await call(p, 'POST', `${base(p)}/measures/pression`, { measuredAt: at, value: 22 })).statusCode).toBe(400);
    // The history carries the birth date, with values (read in their statement) and without any.
    await call(p, 'POST', `${base(p)}/measures/weight`, { measuredAt: '2025-03-01T08:00', value: 70 });
    const born = (
      await t.db.selectFrom('profile').select('birth_date').where('id', '=', p.profileId).executeTakeFirstOrThrow()
    ).birth_date;
    expect((await call(p, 'GET', `${base(p)}/measures/weight`)).json().birthDate).toBe(born);
    const none = await person({ birthDate: '1990-06-01' });
    expect((await call(none, 'GET', `${base(none)}/measures/height`)).json()).toMatchObject({
      birthDate: '1990-06-01',
      values: [],
    });
  });

  it('BMI follows the latest weight and height: recomputed when either changes, dated by the later one', async () => {
    const p = await person();
    const bmiOf = async () =>
      (await call(p, 'GET', base(p))).json().measures.find((m: { kind: string }) => m.kind === 'bmi') ?? null;
    expect(await bmiOf()).toBeNull();
    await call(p, 'POST', `${base(p)}/measures/weight`, { measuredAt: '2025-01-10T08:00', value: 80 });
    expect(await bmiOf()).toBeNull();
    const h = (
      await call(p, 'POST', `${base(p)}/measures/height`, { measuredAt: '2025-01-05T08:00', value: 1.8 })
    ).json().value;
    expect(await bmiOf()).toMatchObject({
      value: 24.7,
      measuredAt: '2025-01-10T08:00',
      loinc: '39156-5',
      ucum: 'kg/m2',
    });
    const w2 = (
      await call(p, 'POST', `${base(p)}/measures/weight`, { measuredAt: '2025-02-10T08:00', value: 72 })
    ).json().value;
    expect(await bmiOf()).toMatchObject({ value: 22.2, measuredAt: '2025-02-10T08:00' });
    // An older weight does not change it; a new height does.
    await call(p, 'POST', `${base(p)}/measures/weight`, { measuredAt: '2024-12-01T08:00', value: 100 });
    expect((await bmiOf()).value).toBe(22.2);
    await call(p, 'PUT', `${base(p)}/measures/height/${h.id}`, { measuredAt: '2025-01-05T08:00', value: 1.7 });
    expect((await bmiOf()).value).toBe(24.9);
    await call(p, 'POST', `${base(p)}/measures/height`, { measuredAt: '2025-03-01T08:00', value: 1.6 });
    expect(await bmiOf()).toMatchObject({ value: 28.1, measuredAt: '2025-03-01T08:00' });
    expect((await call(p, 'DELETE', `${base(p)}/measures/weight/${w2.id}`)).statusCode).toBe(204);
    expect((await bmiOf()).value).toBe(31.3);
    // History: one computed BMI per weight, with the height known at that time; a date range.
    const history = (await call(p, 'GET', `${base(p)}/measures/bmi`)).json().values;
    expect(history.map((v: { value: number }) => v.value)).toEqual([27.7, 34.6]);
    const ranged = (await call(p, 'GET', `${base(p)}/measures/weight?from=2025-01-01&to=2025-01-31`)).json().values;
    expect(ranged.map((v: { value: number }) => v.value)).toEqual([80]);
    expect(
      (
        await t.db
          .selectFrom('measure')
          .select('id')
          .where('profile_id', '=', p.profileId)
          .where('kind', '=', 'bmi')
          .execute()
      ).length,
    ).toBe(0);
  });

  it('wishes: directives for adults only, donation stance; a minor’s representative is refused directives', async () => {
    const adult = await person();
    const saved = await call(adult, 'PUT', `${base(adult)}/wishes`, {
      directives: 'Je refuse tout acharnement thérapeutique.',
      donationStance: 'favorable',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      directives: 'Je refuse tout acharnement thérapeutique.',
      donationStance: 'favorable',
      directivesAllowed: true,
    });
    expect((await call(adult, 'PUT', `${base(adult)}/wishes`, { donationStance: 'maybe' })).statusCode).toBe(400);
    expect(
      (
        await call(adult, 'PUT', `${base(adult)}/wishes`, { donationNote: 'Carte de donneur dans mon portefeuille' })
      ).json(),
    ).toMatchObject({
      directives: 'Je refuse tout acharnement thérapeutique.',
      donationNote: 'Carte de donneur dans mon portefeuille',
    });

    const parent = await person();
    const year = new Date().getUTCFullYear();
    const child = await t.db
      .insertInto('profile')
      .values({
        birth_name: 'ENFANT',
        first_names: 'Léo',
        used_first_name: 'Léo',
        sex: 'M',
        birth_date: `${year - 4}-03-03`,
        status: 'activated',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('representation')
      .values({ representative_id: parent.profileId, profile_id: child.id, status: 'validated' })
      .execute();
    const url = `/api/profiles/${child.id}/medical`;
    expect((await call(parent, 'GET', `${url}/wishes`)).json().directivesAllowed).toBe(false);
    const refused = await call(parent, 'PUT', `${url}/wishes`, { directives: 'texte' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('DIRECTIVES_ADULTS_ONLY');
    expect((await call(parent, 'GET', url)).json().isMinor).toBe(true);

    // The representative's writes are journaled with their identity, on the child's chain.
    expect(
      (
        await call(parent, 'POST', `${url}/measures/headCircumference`, {
          measuredAt: `${year - 3}-03-03T10:00`,
          value: 48,
        })
      ).statusCode,
    ).toBe(201);
    const line = await t.db
      .selectFrom('journal')
      .selectAll()
      .where('chain_id', '=', child.id)
      .where('action', '=', 'measure.create')
      .executeTakeFirstOrThrow();
    expect(line).toMatchObject({
      actor_kind: 'representative',
      actor_id: parent.accountId,
      on_behalf_of: parent.profileId,
    });
  });

  it('a caregiver edits the profile and the journal names them', async () => {
    const helped = await person();
    const helper = await person();
    await t.db
      .insertInto('caregiving')
      .values({
        profile_id: helped.profileId,
        caregiver_id: helper.profileId,
        last_name: 'X',
        first_name: 'Y',
        birth_date: '1970-01-01',
        ends_on: '2999-01-01',
        status: 'accepted',
      })
      .execute();
    const res = await call(helper, 'POST', `${base(helped)}/allergies`, { substance: 'Latex' });
    expect(res.statusCode).toBe(201);
    const line = await t.db
      .selectFrom('journal')
      .selectAll()
      .where('chain_id', '=', helped.profileId)
      .where('action', '=', 'medical.create')
      .executeTakeFirstOrThrow();
    expect(line).toMatchObject({
      actor_kind: 'caregiver',
      actor_id: helper.accountId,
      on_behalf_of: helper.profileId,
      resource_id: res.json().item.id,
    });
  });

  it('another person gets 404 and no byte on every medical route', async () => {
    const owner = await person({ firstName: 'Gaspard', lastName: 'Cachenom' });
    const item = (await call(owner, 'POST', `${base(owner)}/conditions`, { name: 'Maladie secrète' })).json().item.id;
    const m = (
      await call(owner, 'POST', `${base(owner)}/measures/weight`, { measuredAt: '2025-01-01T10:00', value: 61.3 })
    ).json().value.id;
    const stranger = await person();
    const routes: [string, string, unknown?][] = [
      ['GET', base(owner)],
      ['GET', `${base(owner)}/conditions`],
      ['POST', `${base(owner)}/conditions`, { name: 'x' }],
      ['PUT', `${base(owner)}/conditions/${item}`, { name: 'x' }],
      ['DELETE', `${base(owner)}/conditions/${item}`],
      ['GET', `${base(owner)}/measures/weight`],
      ['POST', `${base(owner)}/measures/weight`, { measuredAt: '2025-01-01T10:00', value: 70 }],
      ['PUT', `${base(owner)}/measures/weight/${m}`, { measuredAt: '2025-01-01T10:00', value: 70 }],
      ['DELETE', `${base(owner)}/measures/weight/${m}`],
      ['GET', `${base(owner)}/wishes`],
      ['PUT', `${base(owner)}/wishes`, { donationStance: 'opposed' }],
      ['GET', `${base(owner)}/care`],
      ['GET', `${base(owner)}/synthesis.pdf?sections=conditions`],
    ];
    for (const [method, url, body] of routes) {
      const res = await call(stranger, method as 'GET', url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      for (const secret of ['Gaspard', 'CACHENOM', 'secrète', '61.3']) expect(res.body).not.toContain(secret);
    }
    expect((await call(owner, 'GET', `${base(owner)}/conditions`)).json().items).toHaveLength(1);
    // Someone else's entry id on one's own profile is not found either.
    expect((await call(stranger, 'DELETE', `${base(stranger)}/conditions/${item}`)).statusCode).toBe(404);
  });

  it('care history: operator CSV import (API and service) is idempotent; the patient lists and filters it', async () => {
    const p = await person();
    const nir = `2800175${String(Date.now()).slice(-6)}00`.slice(0, 13) + '00';
    await t.db.updateTable('profile').set({ nir }).where('id', '=', p.profileId).execute();
    const csv = [
      'nir;date;kind;professional;amount;reimbursed;ref',
      `${nir};2025-01-15;Consultation de médecine générale;Dr Anne Martin;30,00;21,00;R1`,
      `${nir};2025-02-03;Pharmacie;Pharmacie du Centre;12,40;8,68;R2`,
      `${nir};2025-03-20;Consultation de médecine générale;Dr Anne Martin;30;21;R3`,
      `999999999999999;2025-03-20;Radiologie;;;;R4`,
      `${nir};2025-13-45;Radiologie;;;;R5`,
      `${nir};2025-03-21;Radiologie;;abc;;R6`,
      // Impossible calendar dates (issue 14.7): refused lines, not a failed import.
      `${nir};2023-02-30;Radiologie;;;;R7`,
      `${nir};0000-01-01;Radiologie;;;;R8`,
    ].join('\n');
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/operator/care-history',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
        payload: csv,
      });
    const first = (await post()).json();
    expect(first).toMatchObject({ read: 8, imported: 3, alreadyThere: 0 });
    expect(first.refused.map((r: { line: number }) => r.line)).toEqual([5, 6, 7, 8, 9]);
    expect(first.refused[0].reason).toBe('NIR inconnu');
    expect((await post()).json()).toMatchObject({ imported: 0, alreadyThere: 3 });
    expect(await importCare(t.db, Buffer.from(csv))).toMatchObject({ imported: 0, alreadyThere: 3 });
    // The operator command: same import, same idempotence; exit 1 because some lines were refused.
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'care-')), 'soins.csv');
    await writeFile(file, csv);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await careImportCommand({ db: t.db } as Runtime, [file])).toBe(1);
    expect(log.mock.calls[0]![0]).toBe('8 ligne(s) lue(s), 0 soin(s) importé(s), 3 déjà présent(s), 5 refusé(s)');
    log.mockRestore();
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/operator/care-history',
          headers: { authorization: 'Bearer nope', 'content-type': 'text/csv' },
          payload: csv,
        })
      ).statusCode,
    ).toBe(401);

    const all = (await call(p, 'GET', `${base(p)}/care`)).json();
    expect(all.events.map((e: { date: string }) => e.date)).toEqual(['2025-03-20', '2025-02-03', '2025-01-15']);
    expect(all.events[0]).toMatchObject({
      kind: 'Consultation de médecine générale',
      professional: 'Dr Anne Martin',
      amount: 30,
      reimbursed: 21,
    });
    expect(all.kinds).toEqual(['Consultation de médecine générale', 'Pharmacie']);
    const filtered = (await call(p, 'GET', `${base(p)}/care?kind=Pharmacie&from=2025-01-01&to=2025-12-31`)).json();
    expect(filtered.events).toHaveLength(1);
    expect((await call(p, 'GET', `${base(p)}/care?from=2025-02-01&to=2025-02-28`)).json().events).toHaveLength(1);
    const journaled = await t.db
      .selectFrom('journal')
      .select(['actor_kind', 'action'])
      .where('chain_id', '=', p.profileId)
      .where('action', '=', 'care.import')
      .execute();
    expect(journaled).toHaveLength(3);
    expect(journaled[0]!.actor_kind).toBe('operator');
  });

  it('« la synthèse »: a PDF of the chosen sections with identity and date, parsed back', async () => {
    const p = await person({ firstName: 'Héloïse', lastName: 'Synthèse' });
    await call(p, 'POST', `${base(p)}/conditions`, { name: 'Hypertension artérielle', since: '2015-04-01' });
    await call(p, 'POST', `${base(p)}/allergies`, { substance: 'Arachide', reaction: 'Œdème', severity: 'severe' });
    await call(p, 'POST', `${base(p)}/treatments`, { name: 'Amlodipine', dose: '5 mg', frequency: 'daily' });
    await call(p, 'POST', `${base(p)}/measures/weight`, { measuredAt: '2025-01-10T08:00', value: 64.5 });
    await call(p, 'POST', `${base(p)}/measures/height`, { measuredAt: '2025-01-10T08:00', value: 1.68 });
    await call(p, 'POST', `${base(p)}/measures/bloodPressure`, {
      measuredAt: '2025-01-10T08:00',
      systolic: 135,
      diastolic: 85,
    });
    const res = await call(p, 'GET', `${base(p)}/synthesis.pdf?sections=conditions,allergies,measures,wishes`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.rawPayload);
    for (const s of [
      'Synthèse du profil médical',
      'Héloïse SYNTHÈSE',
      'Née le 1 janvier 1980',
      'Document généré le',
      'Maladies et sujets de santé',
      'Hypertension artérielle',
      'depuis le 1 avril 2015',
      'Allergies',
      'Arachide',
      'sévérité sévère',
      'Mesures de santé',
      'Poids',
      '64,5',
      'Taille',
      '1,68',
      'IMC',
      '22,9',
      '135/85',
      'Volontés',
      'Directives anticipées : aucune',
    ]) {
      expect(text, s).toContain(s);
    }
    expect(text).not.toContain('Amlodipine'); // treatments not chosen
    expect(text).toContain(new Date().toLocaleDateString('fr-FR', { year: 'numeric', timeZone: 'Europe/Paris' }));
    expect((await call(p, 'GET', `${base(p)}/synthesis.pdf?sections=`)).statusCode).toBe(400);
    expect((await call(p, 'GET', `${base(p)}/synthesis.pdf?sections=secrets`)).statusCode).toBe(400);
    const line = await t.db
      .selectFrom('journal')
      .select('detail')
      .where('chain_id', '=', p.profileId)
      .where('action', '=', 'medical.synthesis')
      .executeTakeFirstOrThrow();
    expect(line.detail).toEqual({ sections: ['conditions', 'allergies', 'measures', 'wishes'] });
  });
});
