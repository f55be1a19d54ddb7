import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { testApp } from '../../../test/harness.js';
import { createPerson, proSessionCookie, sessionCookie } from '../../../test/sessions.js';
import { recordOn } from '../../platform/access.js';
import { withJournal } from '../../platform/journal.js';

type T = Awaited<ReturnType<typeof testApp>>;
const TOKEN = 'r'.repeat(40);
const year = new Date().getUTCFullYear();

describe('the patient’s control over professionals (R8, issue 10)', () => {
  let t: T;
  type Who = { cookie: string; profileId: string; accountId: string };
  let owner: Who, rep: Who, helper: Who, stranger: Who;
  let childId: string;
  beforeAll(async () => {
    t = await testApp({ OPERATOR_TOKEN: TOKEN });
    const mk = async (over: Parameters<typeof createPerson>[1] = {}) => {
      const p = await createPerson(t.db, over);
      return { ...p, cookie: await sessionCookie(t.db, p.accountId) };
    };
    owner = await mk({ firstName: 'Inaya', lastName: 'Moreau' });
    rep = await mk({ firstName: 'Marc', lastName: 'Roux' });
    helper = await mk({ firstName: 'Lucien', lastName: 'Aidant' });
    stranger = await mk();
    const child = await t.db
      .insertInto('profile')
      .values({
        birth_name: 'ROUX',
        first_names: 'Hugo',
        used_first_name: 'Hugo',
        sex: 'M',
        birth_date: `${year - 7}-03-03`,
        status: 'activated',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    childId = child.id;
    await t.db
      .insertInto('representation')
      .values({ representative_id: rep.profileId, profile_id: childId, status: 'validated' })
      .execute();
    await t.db
      .insertInto('caregiving')
      .values({
        profile_id: owner.profileId,
        caregiver_id: helper.profileId,
        last_name: 'Aidant',
        first_name: 'Lucien',
        birth_date: '1980-01-01',
        ends_on: `${year + 1}-01-01`,
        status: 'accepted',
      })
      .execute();
  });
  afterAll(async () => t?.close());

  const call = (who: { cookie: string }, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: who.cookie, ...(method === 'GET' ? {} : { 'x-carnet-csrf': '1' }) },
      payload: payload as object,
    });
  const lastAction = async (profileId: string) =>
    await t.db
      .selectFrom('journal')
      .select(['action', 'actor_kind'])
      .where('chain_id', '=', profileId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();

  let n = 0;
  async function professional(over: { lastName?: string; firstName?: string; code?: string } = {}) {
    n++;
    const rpps = `1${String(Date.now() % 1e6).padStart(6, '0')}${String(n).padStart(4, '0')}`;
    return t.db
      .insertInto('professional')
      .values({
        rpps,
        profession_code: over.code ?? '10',
        first_name: over.firstName ?? 'Paul',
        last_name: over.lastName ?? `Martin${randomBytes(2).toString('hex')}`,
        specialty: null,
      })
      .returning(['id', 'rpps', 'last_name', 'first_name'])
      .executeTakeFirstOrThrow();
  }
  /** As if the professional had accessed with consent (pro-portal writes this row). */
  const accessed = (profileId: string, professionalId: string) =>
    t.db
      .insertInto('professional_access')
      .values({
        profile_id: profileId,
        professional_id: professionalId,
        status: 'authorized',
        consent_at: new Date(),
        first_access_at: new Date(),
      })
      .execute();
  /** A line a professional wrote on the profile's chain. */
  async function proLine(
    profileId: string,
    pro: { id: string; rpps: string },
    action = 'document.read',
    emergency = false,
  ) {
    const ctx = recordOn(
      { kind: 'professional', professionalId: pro.id, rpps: pro.rpps },
      profileId,
      emergency ? 'emergency' : 'normal',
    );
    await withJournal(t.db, ctx, { action, detail: emergency ? { mode: 'bris_de_glace' } : {} }, async () => {});
    return Number(
      (await t.db.selectFrom('journal_head').select('seq').where('chain_id', '=', profileId).executeTakeFirstOrThrow())
        .seq,
    );
  }

  it('lists both empty at first; a professional who accessed is « autorisé » since then; block, unblock (row gone), journaled', async () => {
    const base = `/api/profiles/${owner.profileId}/professionals`;
    expect((await call(owner, 'GET', base)).json()).toEqual({ authorized: [], blocked: [] });
    expect(await lastAction(owner.profileId)).toEqual({ action: 'access.professionals-read', actor_kind: 'patient' });
    const pro = await professional({ lastName: 'Lefèvre', firstName: 'Anne' });
    await accessed(owner.profileId, pro.id);
    const listed = (await call(owner, 'GET', base)).json();
    expect(listed.authorized).toHaveLength(1);
    expect(listed.authorized[0]).toMatchObject({
      id: pro.id,
      lastName: 'Lefèvre',
      profession: 'Médecin',
      status: 'authorized',
      administrator: false,
      role: null,
    });
    expect(Date.parse(listed.authorized[0].since)).toBeGreaterThan(Date.now() - 60_000);

    const blocked = await call(owner, 'PUT', `${base}/${pro.id}/blocked`, { confirmed: true });
    expect(blocked.statusCode).toBe(200);
    expect((await call(owner, 'PUT', `${base}/${pro.id}/blocked`, {})).statusCode).toBe(400);
    expect(blocked.json().professional.status).toBe('blocked');
    expect(await lastAction(owner.profileId)).toEqual({ action: 'access.professional-blocked', actor_kind: 'patient' });
    const after = (await call(owner, 'GET', base)).json();
    expect(after.authorized).toEqual([]);
    expect(after.blocked.map((p: { id: string }) => p.id)).toEqual([pro.id]);

    expect((await call(owner, 'DELETE', `${base}/${pro.id}/blocked`)).statusCode).toBe(204);
    expect(await lastAction(owner.profileId)).toEqual({
      action: 'access.professional-unblocked',
      actor_kind: 'patient',
    });
    // Unblocking needs a new consent: the professional is on neither list, with no row left.
    expect((await call(owner, 'GET', base)).json()).toEqual({ authorized: [], blocked: [] });
    expect(
      await t.db.selectFrom('professional_access').selectAll().where('profile_id', '=', owner.profileId).execute(),
    ).toEqual([]);
    expect((await call(owner, 'DELETE', `${base}/${pro.id}/blocked`)).statusCode).toBe(404);
  });

  it('blocks a professional found in the directory before any access; the search is exact and paged', async () => {
    const base = `/api/profiles/${owner.profileId}/professionals`;
    const pro = await professional({ lastName: 'Dûrand-Exact', firstName: 'Éloïse', code: '21' });
    const byName = (await call(owner, 'GET', `${base}/directory?q=${encodeURIComponent('durand-exact')}`)).json();
    expect(byName.results.map((r: { id: string }) => r.id)).toEqual([pro.id]);
    expect(byName.results[0]).toMatchObject({ profession: 'Pharmacien', status: null });
    expect(
      (await call(owner, 'GET', `${base}/directory?q=${encodeURIComponent('Durand-Exact eloise')}`)).json().results,
    ).toHaveLength(1);
    expect(
      (await call(owner, 'GET', `${base}/directory?q=${encodeURIComponent('Durand-Exact Paul')}`)).json().results,
    ).toHaveLength(0);
    // A prefix lists nothing: no browsing of the directory.
    expect((await call(owner, 'GET', `${base}/directory?q=Dur`)).json().results).toEqual([]);
    expect((await call(owner, 'GET', `${base}/directory?q=${pro.rpps}`)).json().results[0].id).toBe(pro.id);
    expect((await call(owner, 'GET', `${base}/directory?q=8${pro.rpps}`)).json().results[0].id).toBe(pro.id);
    expect((await call(owner, 'GET', `${base}/directory?q=a`)).statusCode).toBe(400);
    expect(await lastAction(owner.profileId)).toMatchObject({ action: 'access.directory-search' });
    // Pages of 20.
    for (let i = 0; i < 21; i++) await professional({ lastName: 'Homonyme', firstName: `P${i}` });
    const p1 = (await call(owner, 'GET', `${base}/directory?q=homonyme`)).json();
    expect([p1.results.length, p1.more]).toEqual([20, true]);
    const p2 = (await call(owner, 'GET', `${base}/directory?q=homonyme&page=2`)).json();
    expect([p2.results.length, p2.more]).toEqual([1, false]);

    expect(
      (await call(owner, 'PUT', `${base}/${pro.id}/blocked`, { confirmed: true })).json().professional.status,
    ).toBe('blocked');
    expect((await call(owner, 'GET', base)).json().blocked.map((p: { id: string }) => p.id)).toContain(pro.id);
    expect(
      (await call(owner, 'PUT', `${base}/00000000-0000-4000-8000-000000000000/blocked`, { confirmed: true }))
        .statusCode,
    ).toBe(404);
  });

  it('gives and removes the administrator status and records one holder per role; only for an authorized professional', async () => {
    const base = `/api/profiles/${owner.profileId}/professionals`;
    const [a, b, c] = [await professional(), await professional(), await professional()];
    await accessed(owner.profileId, a.id);
    await accessed(owner.profileId, b.id);
    const admin = await call(owner, 'PUT', `${base}/${a.id}/administrator`, { administrator: true });
    expect(admin.json().professional.administrator).toBe(true);
    expect(await lastAction(owner.profileId)).toMatchObject({ action: 'access.administrator-granted' });
    expect(
      (await call(owner, 'PUT', `${base}/${a.id}/administrator`, { administrator: false })).json().professional
        .administrator,
    ).toBe(false);
    expect(await lastAction(owner.profileId)).toMatchObject({ action: 'access.administrator-removed' });
    expect((await call(owner, 'PUT', `${base}/${c.id}/administrator`, { administrator: true })).json().error.code).toBe(
      'PROFESSIONAL_NOT_AUTHORIZED',
    );

    expect(
      (await call(owner, 'PUT', `${base}/${a.id}/role`, { role: 'medecin_traitant' })).json().professional.role,
    ).toBe('medecin_traitant');
    expect(
      (await call(owner, 'PUT', `${base}/${b.id}/role`, { role: 'medecin_traitant' })).json().professional.role,
    ).toBe('medecin_traitant');
    const roles = (await call(owner, 'GET', base))
      .json()
      .authorized.map((p: { id: string; role: string | null }) => [p.id, p.role]);
    expect(roles).toContainEqual([a.id, null]);
    expect(roles).toContainEqual([b.id, 'medecin_traitant']);
    expect(await lastAction(owner.profileId)).toMatchObject({ action: 'access.professionals-read' });
    expect((await call(owner, 'PUT', `${base}/${b.id}/role`, { role: 'chirurgien' })).statusCode).toBe(400);
    expect((await call(owner, 'PUT', `${base}/${b.id}/role`, { role: null })).json().professional.role).toBeNull();
    expect(await lastAction(owner.profileId)).toMatchObject({ action: 'access.role-set' });
    await call(owner, 'PUT', `${base}/${b.id}/role`, { role: 'medecin_traitant' });
    // Blocking an administrator takes the status away.
    await call(owner, 'PUT', `${base}/${b.id}/administrator`, { administrator: true });
    expect(
      (await call(owner, 'PUT', `${base}/${b.id}/blocked`, { confirmed: true })).json().professional,
    ).toMatchObject({ status: 'blocked', administrator: false });
  });

  it('saves the three emergency switches and the access notice, journaled; defaults when nothing was saved', async () => {
    const e = `/api/profiles/${owner.profileId}/emergency-access`;
    expect((await call(owner, 'GET', e)).json()).toEqual({ samu: true, breakGlass: true, hiddenReadable: false });
    expect((await call(owner, 'PUT', e, { samu: false, breakGlass: true, hiddenReadable: true })).json()).toEqual({
      samu: false,
      breakGlass: true,
      hiddenReadable: true,
    });
    expect(await lastAction(owner.profileId)).toMatchObject({ action: 'access.emergency-update' });
    expect(
      await t.db
        .selectFrom('emergency_setting')
        .selectAll()
        .where('profile_id', '=', owner.profileId)
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ samu: false, break_glass: true, hidden_readable: true });
    expect((await call(owner, 'PUT', e, { samu: 'oui' })).statusCode).toBe(400);
    const nUrl = `/api/profiles/${owner.profileId}/access-notice`;
    expect((await call(owner, 'GET', nUrl)).json()).toEqual({ accesses: 'first' });
    expect((await call(owner, 'PUT', nUrl, { accesses: 'every' })).json()).toEqual({ accesses: 'every' });
    expect(
      (
        await t.db
          .selectFrom('notification_setting')
          .select('accesses')
          .where('profile_id', '=', owner.profileId)
          .executeTakeFirstOrThrow()
      ).accesses,
    ).toBe('every');
    expect(await lastAction(owner.profileId)).toMatchObject({ action: 'access.notifications-update' });
    expect((await call(owner, 'PUT', nUrl, { accesses: 'sometimes' })).statusCode).toBe(400);
  });

  it('a representative manages the child’s; a caregiver and a stranger are refused everywhere, and the refusal is journaled', async () => {
    const pro = await professional();
    await accessed(childId, pro.id);
    const childBase = `/api/profiles/${childId}`;
    expect(
      (await call(rep, 'GET', `${childBase}/professionals`)).json().authorized.map((p: { id: string }) => p.id),
    ).toEqual([pro.id]);
    expect(
      (await call(rep, 'PUT', `${childBase}/professionals/${pro.id}/blocked`, { confirmed: true })).statusCode,
    ).toBe(200);
    expect(await lastAction(childId)).toEqual({ action: 'access.professional-blocked', actor_kind: 'representative' });
    expect(
      (
        await call(rep, 'PUT', `${childBase}/emergency-access`, {
          samu: true,
          breakGlass: false,
          hiddenReadable: false,
        })
      ).statusCode,
    ).toBe(200);
    expect((await call(rep, 'GET', `${childBase}/activity?group=mine`)).statusCode).toBe(200);

    const ownerBase = `/api/profiles/${owner.profileId}`;
    const attempts: [string, string, unknown?][] = [
      ['GET', `${ownerBase}/professionals`],
      ['GET', `${ownerBase}/professionals/directory?q=Martin`],
      ['PUT', `${ownerBase}/professionals/${pro.id}/blocked`, { confirmed: true }],
      ['DELETE', `${ownerBase}/professionals/${pro.id}/blocked`],
      ['PUT', `${ownerBase}/professionals/${pro.id}/administrator`, { administrator: true }],
      ['PUT', `${ownerBase}/professionals/${pro.id}/role`, { role: 'medecin_traitant' }],
      ['GET', `${ownerBase}/emergency-access`],
      ['PUT', `${ownerBase}/emergency-access`, { samu: false, breakGlass: false, hiddenReadable: false }],
      ['GET', `${ownerBase}/access-notice`],
      ['PUT', `${ownerBase}/access-notice`, { accesses: 'never' }],
      ['GET', `${ownerBase}/activity`],
      ['POST', `${ownerBase}/activity/1/report`, { description: 'Je ne connais pas ce professionnel.' }],
      ['GET', `${ownerBase}/activity/extract`],
    ];
    for (const [method, url, body] of attempts) {
      const before = await lastAction(owner.profileId);
      const byHelper = await call(helper, method as 'GET', url, body);
      expect(byHelper.statusCode, `caregiver ${method} ${url}`).toBe(403);
      // The refusal names the caregiver as such (route-access journals how the asker stands to the profile).
      expect(await lastAction(owner.profileId), url).toEqual({ action: 'access.refused', actor_kind: 'caregiver' });
      expect((await call(stranger, method as 'GET', url, body)).statusCode, `stranger ${method} ${url}`).toBe(404);
      expect(before).toBeDefined();
    }
  });

  it('« Historique d’activité »: tabs, who, labels, emergencies, filters, 100 a page newest first', async () => {
    const p = await createPerson(t.db, { firstName: 'Rose', lastName: 'Journal' });
    const me = { ...p, cookie: await sessionCookie(t.db, p.accountId) };
    const pro = await professional({ lastName: 'Haddad', firstName: 'Karim', code: '60' });
    const first = await proLine(p.profileId, pro, 'document.read');
    await proLine(p.profileId, pro, 'emergency.open', true);
    await call(me, 'PUT', `/api/profiles/${p.profileId}/emergency-access`, {
      samu: true,
      breakGlass: true,
      hiddenReadable: false,
    });
    const url = `/api/profiles/${p.profileId}/activity`;
    const pros = (await call(me, 'GET', url)).json();
    expect(pros.next).toBeNull();
    expect(pros.lines.map((l: { action: string }) => l.action)).toEqual(['emergency.open', 'document.read']);
    expect(pros.lines[0]).toMatchObject({
      who: 'Karim Haddad',
      profession: 'Infirmier',
      actorKind: 'professional',
      emergency: true,
      mode: 'bris_de_glace',
      label: 'Accès en urgence',
    });
    expect(pros.lines[1]).toMatchObject({
      emergency: false,
      mode: 'normal',
      label: 'Consultation d’un document',
      seq: first,
    });
    const mine = (await call(me, 'GET', `${url}?group=mine`)).json();
    expect(mine.lines[0]).toMatchObject({ who: 'Vous', actorKind: 'self', action: 'journal.read' });
    expect(mine.lines.map((l: { action: string }) => l.action)).toContain('access.emergency-update');
    expect(mine.lines.every((l: { actorKind: string }) => l.actorKind !== 'professional')).toBe(true);
    // Kind and period filters.
    const reads = (await call(me, 'GET', `${url}?kind=read`)).json();
    expect(reads.lines.map((l: { action: string }) => l.action)).toEqual(['document.read']);
    const today = new Date().toISOString().slice(0, 10);
    expect((await call(me, 'GET', `${url}?from=${today}&to=${today}`)).json().lines).toHaveLength(2);
    expect((await call(me, 'GET', `${url}?to=2020-01-01`)).json().lines).toHaveLength(0);
    expect((await call(me, 'GET', `${url}?from=2020-13-45`)).statusCode).toBe(400);

    // Keyset pages of 100, newest first, no line twice, none missing.
    for (let i = 0; i < 230; i++) await proLine(p.profileId, pro, 'document.list');
    const seen: number[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const page: { lines: { seq: number }[]; next: number | null } = (
        await call(me, 'GET', `${url}${before ? `?before=${before}` : ''}`)
      ).json();
      pages++;
      expect(page.lines.length).toBeLessThanOrEqual(100);
      seen.push(...page.lines.map((l) => l.seq));
      before = page.next;
    } while (before);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(232);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('a refused access says why in plain French, from the reason the access decision journaled', async () => {
    const p = await createPerson(t.db, { firstName: 'Léa', lastName: 'Refus' });
    const me = { ...p, cookie: await sessionCookie(t.db, p.accountId) };
    const pro = await professional({ lastName: 'Refusé', code: '10' });
    const proHeaders = { cookie: await proSessionCookie(t.db, pro.id), 'x-carnet-csrf': '1' };
    const proCall = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url: `/api/pro/patients/${p.profileId}${url}`, headers: proHeaders, payload });
    // No consent yet; then blocked; then break-the-glass while the patient switched it off.
    expect((await proCall('GET', '/documents')).json().error.code).toBe('PRO_NO_CONSENT');
    await accessed(p.profileId, pro.id);
    expect(
      (await call(me, 'PUT', `/api/profiles/${p.profileId}/professionals/${pro.id}/blocked`, { confirmed: true }))
        .statusCode,
    ).toBe(200);
    expect((await proCall('GET', '/documents')).json().error.code).toBe('PRO_BLOCKED');
    const url = `/api/profiles/${p.profileId}/activity`;
    const refusals = (await call(me, 'GET', url))
      .json()
      .lines.filter((l: { action: string }) => l.action === 'access.refused');
    expect(refusals.map((l: { refusal: string }) => l.refusal)).toEqual([
      'Vous avez bloqué ce professionnel.',
      'Ce professionnel n’avait pas votre consentement (il ne l’a pas recueilli lors d’une consultation).',
    ]);
    expect(refusals[0]).toMatchObject({ who: `Paul ${pro.last_name}`, label: 'Accès refusé' });
    // Another person's refused attempt on « Mes activités »: a reason without a name; other lines have none.
    const probe = await call(stranger, 'GET', `/api/profiles/${p.profileId}/documents`);
    expect(probe.statusCode).toBeGreaterThanOrEqual(403);
    const mine = (await call(me, 'GET', `${url}?group=mine`)).json().lines;
    const theirs = mine.find((l: { action: string }) => l.action === 'access.refused');
    expect(theirs).toMatchObject({ who: 'Une autre personne' });
    expect(theirs.refusal).toMatch(/^(Cette personne n’avait pas le droit|Les données demandées n’existent pas)/);
    // The patient's own block names the professional blocked (from the directory), and only such lines do.
    expect(mine.find((l: { action: string }) => l.action === 'access.professional-blocked')).toMatchObject({
      who: 'Vous',
      target: { name: `Paul ${pro.last_name}`, profession: 'Médecin' },
    });
    expect(
      mine
        .filter((l: { action: string }) => l.action !== 'access.professional-blocked')
        .every((l: { target: null }) => l.target === null),
    ).toBe(true);
    expect(
      mine
        .filter((l: { action: string }) => l.action !== 'access.refused')
        .every((l: { refusal: null }) => l.refusal === null),
    ).toBe(true);
  });

  it('« Signaler un accès »: on a professional’s line only, once, shows the date on their lines, reaches the operator; rate-limited', async () => {
    const p = await createPerson(t.db, { firstName: 'Yves', lastName: 'Signal' });
    const me = { ...p, cookie: await sessionCookie(t.db, p.accountId) };
    const pro = await professional({ lastName: 'Inconnu' });
    const seq = await proLine(p.profileId, pro);
    const url = (s: number) => `/api/profiles/${p.profileId}/activity/${s}/report`;
    const body = { description: 'Je ne connais pas ce professionnel.' };
    expect((await call(me, 'POST', url(seq), { description: 'court' })).statusCode).toBe(400);
    const res = await call(me, 'POST', url(seq), body);
    expect(res.statusCode).toBe(201);
    const reportedAt = res.json().reportedAt;
    expect(await lastAction(p.profileId)).toMatchObject({ action: 'access.report' });
    expect((await call(me, 'POST', url(seq), body)).json().error.code).toBe('ACCESS_ALREADY_REPORTED');
    const lines = (await call(me, 'GET', `/api/profiles/${p.profileId}/activity`)).json().lines;
    expect(lines[0].reportedAt).toBe(reportedAt);
    // Not a professional's line (the patient's own) → 404.
    const own = Number(
      (
        await t.db
          .selectFrom('journal')
          .select('seq')
          .where('chain_id', '=', p.profileId)
          .where('actor_kind', '=', 'patient')
          .limit(1)
          .executeTakeFirstOrThrow()
      ).seq,
    );
    expect((await call(me, 'POST', url(own), body)).statusCode).toBe(404);

    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/operator/access-reports',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().reports[0]).toMatchObject({
      profileId: p.profileId,
      journalSeq: seq,
      description: body.description,
      status: 'open',
      action: 'document.read',
    });
    expect(listed.json().reports[0].professional).toMatchObject({ rpps: pro.rpps, profession: 'Médecin' });
    expect((await t.app.inject({ method: 'GET', url: '/api/operator/access-reports' })).statusCode).toBe(401);
    expect((await call(me, 'GET', '/api/operator/access-reports')).statusCode).toBe(401);

    // Five a day per account: the sixth is refused.
    for (let i = 0; i < 4; i++)
      expect((await call(me, 'POST', url(await proLine(p.profileId, pro)), body)).statusCode).toBe(201);
    const sixth = await call(me, 'POST', url(await proLine(p.profileId, pro)), body);
    expect(sixth.statusCode).toBe(429);
  });
});
