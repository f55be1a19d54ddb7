import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/harness.js';
import { createPerson, sessionCookie } from '../../test/sessions.js';
import { isRealDate, isSafeText } from '../../../shared/src/input.js';
import { multipartBody } from '../../test/documents.js';

type T = Awaited<ReturnType<typeof testApp>>;
const LONE = '\ud800';
const NUL = 'a\u0000b';

// Findings of the outside probe (issue 14.7): a lone surrogate or a NUL in free text, an impossible calendar
// date in a query or a body, answered 500 or were stored altered. One rule (shared/src/input.ts) for all.
describe('text and date input (issue 14.7)', () => {
  let t: T;
  let who: { profileId: string; cookie: string };
  beforeAll(async () => {
    t = await testApp();
    const p = await createPerson(t.db, { birthDate: '1980-01-01' });
    who = { ...p, cookie: await sessionCookie(t.db, p.accountId) };
  });
  afterAll(async () => t.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: who.cookie, ...(method === 'GET' ? {} : { 'x-carnet-csrf': '1' }) },
      payload: payload as object,
    });
  const base = () => `/api/profiles/${who.profileId}/medical`;
  const refusal = (res: { statusCode: number; json(): unknown }) => {
    const body = res.json() as { error: { code: string; fields?: { path: string; message: string }[] } };
    return { status: res.statusCode, code: body.error?.code, fields: body.error?.fields ?? [] };
  };

  it('the rule: refuses NUL and lone surrogates, keeps emoji and accents', () => {
    for (const s of [LONE, '\udfff', `x${LONE}y`, NUL]) expect(isSafeText(s), JSON.stringify(s)).toBe(false);
    for (const s of ['Élodie à l’hôpital', '😀 ok', '\u{1F600}', 'tab\tline\n']) expect(isSafeText(s)).toBe(true);
    for (const d of ['2023-02-30', '2026-13-01', '0000-00-00', '0000-01-01', '2023-02-29'])
      expect(isRealDate(d), d).toBe(false);
    for (const d of ['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31']) expect(isRealDate(d), d).toBe(true);
  });

  const items = {
    conditions: [{ name: 'Asthme' }, ['name', 'note']],
    treatments: [{ name: 'Ventoline' }, ['name', 'dose']],
    allergies: [{ substance: 'Pollen' }, ['substance', 'reaction']],
    vaccinations: [{ vaccine: 'Grippe', date: '2024-10-15' }, ['batch', 'vaccinator']],
    contacts: [{ role: 'emergency', name: 'Paul', phone: '0612345678' }, ['name', 'relation', 'address']],
  } as const;

  it('medical items: a lone surrogate or NUL in any text field, on POST and PUT, is a 400 on that field', async () => {
    for (const [kind, [valid, fields]] of Object.entries(items)) {
      const created = await call('POST', `${base()}/${kind}`, valid);
      expect(created.statusCode, kind).toBe(201);
      const id = created.json().item.id as string;
      for (const field of fields) {
        for (const bad of [LONE, NUL]) {
          for (const [method, url] of [
            ['POST', `${base()}/${kind}`],
            ['PUT', `${base()}/${kind}/${id}`],
          ] as const) {
            const r = refusal(await call(method, url, { ...valid, [field]: `Texte ${bad}` }));
            expect(r, `${method} ${kind}.${field} ${JSON.stringify(bad)}`).toMatchObject({
              status: 400,
              code: 'VALIDATION_FAILED',
            });
            expect(r.fields).toContainEqual({
              path: `body.${field}`,
              message: expect.stringMatching(/caractère invalide/),
            });
          }
        }
      }
    }
  });

  it('wishes: refused, not stored as U+FFFD', async () => {
    for (const body of [{ directives: `Mes volontés ${LONE}` }, { donationNote: NUL }]) {
      const r = refusal(await call('PUT', `${base()}/wishes`, body));
      expect(r).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(r.fields[0]!.path).toBe(`body.${Object.keys(body)[0]}`);
    }
    expect((await call('GET', `${base()}/wishes`)).json().directives).toBeNull();
  });

  it('documents search, family and identity bodies follow the same rule', async () => {
    const form = multipartBody('note.txt', Buffer.from('Une note.\n'));
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/profiles/${who.profileId}/documents`,
      headers: { ...form.headers, cookie: who.cookie },
      payload: form.payload,
    });
    expect(upload.statusCode).toBe(201);
    const documentUrl = `/api/profiles/${who.profileId}/documents/${upload.json().document.id}`;
    for (const title of [`Titre ${LONE}`, NUL]) {
      const r = refusal(await call('PATCH', documentUrl, { title }));
      expect(r).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(r.fields[0]!.path).toBe('body.title');
    }
    const cases: [method: 'GET' | 'POST', url: string, body: unknown, path: string][] = [
      ['GET', `/api/profiles/${who.profileId}/documents?q=a%00b`, undefined, 'querystring.q'],
      [
        'POST',
        `/api/profiles/${who.profileId}/caregivers`,
        { lastName: LONE, firstName: 'Rose', birthDate: '1950-01-01', endsOn: '2030-01-01' },
        'body.lastName',
      ],
      [
        'POST',
        '/api/family/children/by-code',
        { code: NUL, nir: '1', birthDate: '2015-01-01', certified: true },
        'body.code',
      ],
      ['POST', '/api/auth/login', { username: `x${NUL}`, password: 'p' }, 'body.username'],
      ['POST', '/api/auth/password-reset', { username: LONE }, 'body.username'],
    ];
    for (const [method, url, body, path] of cases) {
      const r = refusal(await call(method, url, body));
      expect(r, url).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(
        r.fields.map((f) => f.path),
        url,
      ).toContain(path);
    }
  });

  it('measures and care: an impossible calendar date in from/to or measuredAt is a 400, not a 500', async () => {
    for (const d of ['2023-02-30', '2026-13-01', '0000-00-00', '0000-01-01']) {
      for (const q of [`from=${d}`, `to=${d}`]) {
        const r = refusal(await call('GET', `${base()}/measures/weight?${q}`));
        expect(r, `measures ${q}`).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
        expect(refusal(await call('GET', `${base()}/care?${q}`)), `care ${q}`).toMatchObject({ status: 400 });
      }
      const r = refusal(await call('POST', `${base()}/measures/weight`, { measuredAt: `${d}T08:30`, value: 70 }));
      expect(r, `measuredAt ${d}`).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(r.fields[0]!.path).toBe('body.measuredAt');
    }
    expect(
      refusal(await call('POST', `${base()}/measures/weight`, { measuredAt: '2024-01-01T24:10', value: 70 })).status,
    ).toBe(400);
    expect(
      (await call('POST', `${base()}/measures/weight`, { measuredAt: '2024-02-29T08:30', value: 70 })).statusCode,
    ).toBe(201);
    expect((await call('GET', `${base()}/measures/weight?from=2024-02-29&to=2024-02-29`)).json().values).toHaveLength(
      1,
    );
  });
});
