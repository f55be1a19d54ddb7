import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/harness.js';
import { csrf, lastMessage } from '../../test/identity.js';
import { createVerifiedPerson, sessionCookie } from '../../test/sessions.js';
import { pdfText } from '../../test/pdf-text.js';
import { errorCatalog } from '../../../shared/src/errors.js';
import { errorMessagesEn } from '../../../shared/src/errors.en.js';

type T = Awaited<ReturnType<typeof testApp>>;

describe('the language of answers, e-mails and PDFs (issue 15, item 4)', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  const wrongLogin = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { ...csrf, ...headers },
      payload: { username: 'nobody.here', password: 'x' },
      remoteAddress: '10.9.0.1',
    });

  it('answers errors in French by default, in English from the cookie or Accept-Language', async () => {
    expect((await wrongLogin({})).json().error.message).toBe(errorCatalog.INVALID_CREDENTIALS.message);
    expect((await wrongLogin({ 'accept-language': 'de' })).json().error.message).toBe(
      errorCatalog.INVALID_CREDENTIALS.message,
    );
    const byHeader = await wrongLogin({ 'accept-language': 'en-GB,en;q=0.9' });
    expect(byHeader.json().error).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: errorMessagesEn.INVALID_CREDENTIALS,
    });
    // The cookie (the person's choice in the page) wins over the browser's header.
    const byCookie = await wrongLogin({ cookie: 'carnet_lang=en', 'accept-language': 'fr' });
    expect(byCookie.json().error.message).toBe(errorMessagesEn.INVALID_CREDENTIALS);
    const back = await wrongLogin({ cookie: 'carnet_lang=fr', 'accept-language': 'en' });
    expect(back.json().error.message).toBe(errorCatalog.INVALID_CREDENTIALS.message);
    // Fields' messages too, when known; a hook's refusal (before any route) as well.
    const csrfLess = await t.app.inject({ method: 'POST', url: '/api/logout', headers: { cookie: 'carnet_lang=en' } });
    expect(csrfLess.json().error.message).toBe(errorMessagesEn.CSRF_REJECTED);
  });

  it('saves the language on the account, which then wins over the cookie, and sends e-mails in it', async () => {
    const p = await createVerifiedPerson(t.db);
    const cookie = await sessionCookie(t.db, p.accountId);
    const me = async (extra = '') =>
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookie + extra } })).json();
    expect((await me()).locale).toBeNull();
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/me/language',
      headers: { ...csrf, cookie },
      payload: { locale: 'en' },
    });
    expect(put.statusCode).toBe(204);
    expect(put.cookies.find((c) => c.name === 'carnet_lang')?.value).toBe('en');
    expect((await me('; carnet_lang=fr')).locale).toBe('en');
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/me/language',
      headers: { ...csrf, cookie: `${cookie}; carnet_lang=fr` },
      payload: { locale: 'de' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe(errorMessagesEn.VALIDATION_FAILED);

    // A code asked for by the person, in their language; then the access notice sent while they are away.
    const send = await t.app.inject({
      method: 'POST',
      url: '/api/me/contact/send',
      headers: { ...csrf, cookie: `${cookie}; carnet_lang=fr` },
      payload: { channel: 'email', destination: `new.${p.email}`, password: p.password },
    });
    expect(send.statusCode, send.body).toBeLessThan(300);
    expect(await lastMessage(t.db, `new.${p.email}`)).toMatch(/^Your one-time code to confirm your new e-mail/);
    const { notifyAccess } = await import('./professional-access.js');
    await t.db.transaction().execute((trx) => notifyAccess(trx, t.platform.queue, p.profileId, 'normal'));
    expect(await lastMessage(t.db, p.email)).toMatch(/^A health professional has looked at your health space/);
  });

  it('writes the synthesis PDF in the language of the person who asks for it', async () => {
    const p = await createVerifiedPerson(t.db);
    const cookie = await sessionCookie(t.db, p.accountId);
    const pdf = async (lang: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/profiles/${p.profileId}/medical/synthesis.pdf?sections=allergies`,
        headers: { cookie: `${cookie}; carnet_lang=${lang}` },
      });
      expect(res.statusCode, res.body).toBe(200);
      return pdfText(res.rawPayload);
    };
    expect(await pdf('fr')).toContain('Synthèse du profil médical');
    const en = await pdf('en');
    expect(en).toContain('Summary of the medical profile');
    expect(en).toContain('No information entered.');
  });
});
