import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { createPerson, sessionCookie } from '../../../test/sessions.js';
import { requestFor, sweep, type Outsider } from '../../../test/sweep.js';
import { operatorAccess } from '../../platform/access.js';
import type { RouteEntry } from '../../app.js';
import { storeInspected } from '../documents/documents.service.js';
import * as medical from '../medical/medical.service.js';
import { saveWishes } from '../medical/medical.wishes.js';
import { importCare } from '../medical/care.import.js';

/**
 * Issue 9 item 7: someone who is neither the patient, nor a validated representative, nor an active
 * caregiver gets no byte of the profile through any route that takes a profile id — every route the
 * application has, found by listing them, each called with a request that passes its schema (the
 * contract's example), on profiles that hold data in every section. A new feature's routes are swept
 * without editing this file.
 */
describe('no byte of a profile for outsiders, on every route that takes a profile id', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  it(
    'refuses a stranger, a former representative, an expired caregiver and a logged-out visitor, with data in every section',
    { timeout: 180_000 },
    async () => {
      const year = new Date().getUTCFullYear();
      const owner = await createPerson(t.db, { firstName: 'Hortense', lastName: 'Secretnom' });
      const child = await t.db
        .insertInto('profile')
        .values({
          nir: '215096912304615',
          birth_name: 'SECRETNOM',
          first_names: 'Octave',
          used_first_name: 'Octave',
          sex: 'M',
          birth_date: `${year - 6}-02-02`,
          status: 'activated',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('representation')
        .values({ representative_id: owner.profileId, profile_id: child.id, status: 'validated' })
        .execute();

      // Health data in every section of both profiles, each entry carrying a marker that must never leak.
      const secrets = ['Hortense', 'SECRETNOM', 'Secretnom', 'Octave', owner.username];
      for (const [profileId, tag] of [
        [owner.profileId, 'OWNER'],
        [child.id, 'CHILD'],
      ] as const) {
        const ctx = operatorAccess('sweep-seed', profileId);
        const mark = (s: string) => {
          const m = `${s}-${tag}-MARK`;
          secrets.push(m);
          return m;
        };
        await medical.createItem(t.db, ctx, 'conditions', { name: mark('Maladie') });
        await medical.createItem(t.db, ctx, 'treatments', { name: mark('Traitement') });
        await medical.createItem(t.db, ctx, 'allergies', { substance: mark('Allergie') });
        await medical.createItem(t.db, ctx, 'vaccinations', {
          vaccine: 'Grippe',
          date: '2024-10-15',
          batch: mark('Lot').slice(0, 40),
        });
        await medical.createItem(t.db, ctx, 'contacts', {
          role: 'emergency',
          name: mark('Contact'),
          phone: '0601020304',
        });
        await medical.addMeasure(t.db, ctx, 'weight', { measuredAt: '2025-01-02T08:30', value: 61.7 });
        if (tag === 'OWNER') await saveWishes(t.db, ctx, { directives: mark('Directives') });
        await storeInspected({ db: t.db, blobs: t.platform.blobs }, ctx, Buffer.from(mark('Contenu du fichier')), {
          title: mark('Titre'),
          category: 'AUTR_DOC',
          space: 'health',
          document_date: '2025-01-01',
          author_kind: 'import',
          file_name: 'note.txt',
          mime_type: 'text/plain',
          type_code: null,
          import_ref: null,
        });
      }
      const care = await importCare(
        t.db,
        Buffer.from(
          `nir;date;kind;professional;amount;reimbursed;ref\n215096912304615;2025-03-01;Consultation;Dr SOINSECRET;25,00;17,50;r1\n`,
        ),
      );
      expect(care.imported).toBe(1);
      secrets.push('SOINSECRET');

      const stranger = await createPerson(t.db);
      const formerRep = await createPerson(t.db);
      await t.db
        .insertInto('representation')
        .values({ representative_id: formerRep.profileId, profile_id: child.id, status: 'ended' })
        .execute();
      const lateHelper = await createPerson(t.db);
      await t.db
        .insertInto('caregiving')
        .values({
          profile_id: owner.profileId,
          caregiver_id: lateHelper.profileId,
          last_name: 'X',
          first_name: 'Y',
          birth_date: '1970-01-01',
          ends_on: '2021-01-01',
          status: 'accepted',
        })
        .execute();
      const outsiders: Outsider[] = [
        { name: 'stranger', cookie: await sessionCookie(t.db, stranger.accountId) },
        { name: 'former representative', cookie: await sessionCookie(t.db, formerRep.accountId) },
        { name: 'expired caregiver', cookie: await sessionCookie(t.db, lateHelper.accountId) },
        { name: 'logged-out visitor', cookie: null },
      ];

      // People's routes; the professionals' ({ patient }) answer 401 to anyone without a professional session
      // and are swept in features/professionals/pro.test.ts.
      const routes = t.app.routeList.filter(
        (r) => r.url.includes(':profileId') && !(typeof r.access === 'object' && 'patient' in r.access),
      );
      expect(routes.length).toBeGreaterThanOrEqual(30);
      // Every route with a body states a valid one, so validation can never be what refuses.
      expect(
        routes
          .filter(
            (r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && !r.example?.body && !r.url.endsWith('/documents'),
          )
          .map((r) => `${r.method} ${r.url}`),
      ).toEqual([]);

      // The owner's own requests pass validation: the examples are real requests, not placeholders.
      const ownerCookie = await sessionCookie(t.db, owner.accountId);
      for (const r of routes) {
        const req = requestFor(r, owner.profileId);
        const res = await t.app.inject({
          method: req.method as 'GET',
          url: req.url,
          headers: { cookie: ownerCookie, 'x-carnet-csrf': '1' },
          payload: req.payload as object | undefined,
        });
        expect(
          res.statusCode === 400 && res.json().error?.code === 'VALIDATION_FAILED',
          `${r.method} ${r.url}: ${res.body}`,
        ).toBe(false);
      }

      const result = await sweep(t.app, routes, outsiders, [owner.profileId, child.id], secrets);
      expect(result.failures).toEqual([]);
      expect(result.calls).toBe(outsiders.length * 2 * routes.length);
      const refusals = await t.db
        .selectFrom('journal')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('action', '=', 'access.refused')
        .executeTakeFirstOrThrow();
      // Every signed-in outsider's attempt left a line (the visitor's are not journaled: nobody to name).
      expect(Number(refusals.n)).toBe(3 * 2 * routes.length);
    },
  );

  it('self-check: the sweep fails on a route registered without its access check', async () => {
    const leaky = Fastify();
    leaky.get('/api/profiles/:profileId/leak', async (req) => ({
      who: 'Hortense',
      profile: (req.params as { profileId: string }).profileId,
    }));
    await leaky.ready();
    const route: RouteEntry = {
      method: 'GET',
      url: '/api/profiles/:profileId/leak',
      access: { profile: 'health:read' },
      schema: {},
    };
    const result = await sweep(
      leaky,
      [route],
      [
        { name: 'stranger', cookie: 'carnet_session=x' },
        { name: 'visitor', cookie: null },
      ],
      ['00000000-0000-4000-8000-000000000001'],
      ['Hortense'],
    );
    expect(result.failures).toEqual([
      'stranger: GET /api/profiles/:profileId/leak → 200',
      'stranger: GET /api/profiles/:profileId/leak leaked « Hortense »',
      'visitor: GET /api/profiles/:profileId/leak → 200',
      'visitor: GET /api/profiles/:profileId/leak leaked « Hortense »',
    ]);
    await leaky.close();
  });
});
