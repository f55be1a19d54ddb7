import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { adult, csrf, enrol, otpOf, provisionalCodeOf } from '../../../test/identity.js';

type T = Awaited<ReturnType<typeof testApp>>;

async function identify(t: T, body: Record<string, string>, ip = '10.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/activation/identify',
    headers: csrf,
    payload: body,
    remoteAddress: ip,
  });
}

describe('activation and opposition (R2)', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  async function enrolled(over = {}) {
    const row = adult(over);
    await enrol(t.platform, [row]);
    const code = await provisionalCodeOf(t.db, row.email);
    return { row, code, body: { code, nir: row.nir, birthDate: row.birth_date, vitaleSerial: row.vitale_serial } };
  }

  it('activates: identification, contact confirmed by code, username and password, then signed in', async () => {
    const { row, body } = await enrolled();
    const res = await identify(t, body);
    expect(res.statusCode).toBe(200);
    const flow = res.json();
    expect(flow).toMatchObject({ firstName: 'Julie', status: 'enrolled', canOppose: true, email: row.email });
    // Finishing before confirming a contact is refused.
    const early = await t.app.inject({
      method: 'POST',
      url: '/api/activation/finish',
      headers: csrf,
      payload: { flowId: flow.flowId, username: 'julie.m', password: 'Girafe-bleue-sous-la-pluie-7' },
    });
    expect(early.json().error.code).toBe('CONTACT_NOT_VERIFIED');
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/activation/contact/send',
      headers: csrf,
      payload: { flowId: flow.flowId, channel: 'email', destination: row.email },
    });
    expect(sent.statusCode).toBe(200);
    const verify = await t.app.inject({
      method: 'POST',
      url: '/api/activation/contact/verify',
      headers: csrf,
      payload: { flowId: flow.flowId, channel: 'email', code: await otpOf(t.db, row.email) },
    });
    expect(verify.json()).toEqual({ emailVerified: true, phoneVerified: false });
    const avail = await t.app.inject({ method: 'GET', url: '/api/activation/username-available?username=julie.m' });
    expect(avail.json()).toEqual({ available: true, reason: null });
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/activation/finish',
      headers: csrf,
      payload: { flowId: flow.flowId, username: 'julie.m', password: 'motdepasse12' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_TOO_WEAK');
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/activation/finish',
      headers: csrf,
      payload: { flowId: flow.flowId, username: 'julie.m', password: 'Girafe-bleue-sous-la-pluie-7' },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ firstName: 'Julie' });
    const cookie = done.cookies.find((c) => c.name === 'carnet_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    const me = await t.app.inject({ method: 'GET', url: '/api/me', cookies: { carnet_session: cookie.value } });
    expect(me.json().profile.firstName).toBe('Julie');
    const profile = await t.db
      .selectFrom('profile')
      .select(['status', 'email_verified_at', 'phone_verified_at', 'phone'])
      .where('nir', '=', row.nir)
      .executeTakeFirstOrThrow();
    expect(profile.status).toBe('activated');
    expect(profile.email_verified_at).not.toBeNull();
    expect(profile.phone).toBeNull(); // not confirmed, not kept
    // The code is used up: identifying again fails.
    expect((await identify(t, body)).json().error.code).toBe('IDENTIFICATION_FAILED');
    // The username is taken now, whatever the case.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/activation/username-available?username=JULIE.M' })).json(),
    ).toEqual({ available: false, reason: 'taken' });
    const journal = await t.db
      .selectFrom('journal')
      .select('action')
      .where('action', '=', 'identity.activate')
      .execute();
    expect(journal.length).toBeGreaterThan(0);
  });

  it('gives one generic answer whatever field is wrong, and accepts the 11 last digits of a photo card', async () => {
    const { body } = await enrolled({ vitale_serial: '1234567890123' });
    for (const wrong of [
      { code: 'AAAA-BBBB-CCCC' },
      { nir: '185067510804626' },
      { birthDate: '1984-05-13' },
      { vitaleSerial: '99999999999' },
    ]) {
      const res = await identify(t, { ...body, ...wrong }, '10.0.0.2');
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({
        code: 'IDENTIFICATION_FAILED',
        message: 'Les informations saisies ne permettent pas de vous identifier. Vérifiez-les et réessayez.',
      });
    }
    expect((await identify(t, { ...body, vitaleSerial: '34567890123' }, '10.0.0.3')).statusCode).toBe(200);
  });

  it('revokes the code after 5 wrong tries', async () => {
    const { body } = await enrolled();
    for (let i = 0; i < 5; i++) await identify(t, { ...body, birthDate: '1984-05-13' }, `10.0.1.${i}`);
    expect((await identify(t, body, '10.0.2.1')).json().error.code).toBe('IDENTIFICATION_FAILED');
  });

  it('refuses an expired code', async () => {
    const { row, body } = await enrolled();
    await t.db
      .updateTable('provisional_code')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where(
        'profile_id',
        '=',
        (await t.db.selectFrom('profile').select('id').where('nir', '=', row.nir).executeTakeFirstOrThrow()).id,
      )
      .execute();
    expect((await identify(t, body, '10.0.3.1')).json().error.code).toBe('IDENTIFICATION_FAILED');
  });

  it('a new code stops the old one, and the answer never says whether anything matched', async () => {
    const { row, code, body } = await enrolled();
    const ask = await t.app.inject({
      method: 'POST',
      url: '/api/activation/new-code',
      headers: csrf,
      payload: { nir: row.nir, birthDate: row.birth_date, channel: 'email' },
      remoteAddress: '10.0.4.1',
    });
    expect(ask.statusCode).toBe(202);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/activation/new-code',
      headers: csrf,
      payload: { nir: '285067510804626', birthDate: '1985-06-14', channel: 'email' },
      remoteAddress: '10.0.4.1',
    });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(ask.json());
    const fresh = await provisionalCodeOf(t.db, row.email);
    expect(fresh).not.toBe(code);
    expect((await identify(t, body, '10.0.4.2')).statusCode).toBe(400);
    expect((await identify(t, { ...body, code: fresh.toLowerCase().replace(/-/g, ' ') }, '10.0.4.3')).statusCode).toBe(
      200,
    );
  });

  it('opposes: frozen space, proof PDF, cannot log in, and can activate later with a new code', async () => {
    const { row, body } = await enrolled();
    const flow = (await identify(t, body, '10.0.5.1')).json();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/activation/oppose',
      headers: csrf,
      payload: { flowId: flow.flowId },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().reference).toMatch(/^OPP-\d{8}-/);
    const proof = await t.app.inject({
      method: 'POST',
      url: '/api/activation/opposition-proof',
      headers: csrf,
      payload: { flowId: flow.flowId },
    });
    expect(proof.statusCode).toBe(200);
    expect(proof.headers['content-type']).toBe('application/pdf');
    expect(proof.headers['content-disposition']).toMatch(/attachment/);
    expect(proof.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const p = await t.db
      .selectFrom('profile')
      .select(['status', 'opposed_at'])
      .where('nir', '=', row.nir)
      .executeTakeFirstOrThrow();
    expect(p.status).toBe('opposed');
    // The code is used: identifying again fails, saying why (an opposition needs a new code); with one
    // wrong answer it is the generic refusal again, which names nothing.
    const reused = await identify(t, body, '10.0.5.2');
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.code).toBe('OPPOSITION_NEEDS_NEW_CODE');
    const wrongDate = await identify(t, { ...body, birthDate: '1984-05-13' }, '10.0.5.2');
    expect(wrongDate.json().error.code).toBe('IDENTIFICATION_FAILED');
    await t.app.inject({
      method: 'POST',
      url: '/api/activation/new-code',
      headers: csrf,
      payload: { nir: row.nir, birthDate: row.birth_date, channel: 'email' },
      remoteAddress: '10.0.5.3',
    });
    const again = await identify(t, { ...body, code: await provisionalCodeOf(t.db, row.email) }, '10.0.5.4');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'opposed', canOppose: false });
  });

  it('refuses opposition once the 6-week window has passed', async () => {
    const { row, body } = await enrolled();
    await t.db
      .updateTable('profile')
      .set({ creation_due_at: new Date(Date.now() - 1000) })
      .where('nir', '=', row.nir)
      .execute();
    const flow = (await identify(t, body, '10.0.6.1')).json();
    expect(flow.canOppose).toBe(false);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/activation/oppose',
      headers: csrf,
      payload: { flowId: flow.flowId },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('OPPOSITION_CLOSED');
  });

  it('throttles identification per address', async () => {
    const { body } = await enrolled();
    for (let i = 0; i < 10; i++) await identify(t, { ...body, code: 'XXXX-XXXX-XXXX' }, '10.0.7.1');
    const res = await identify(t, body, '10.0.7.1');
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('RATE_LIMITED');
  });

  it('answers a malformed request with field errors, not a 500', async () => {
    const res = await identify(t, { code: '', nir: 'x', birthDate: '14/06/1985', vitaleSerial: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.fields.length).toBeGreaterThan(0);
  });
});
