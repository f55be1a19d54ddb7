import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, signIn, startE2E, visit, type E2E } from './support.js';
import { press } from './keyboard.js';
import { createPerson } from '../server/test/sessions.js';

/**
 * Sign-in with a passkey (issue 15, item 5), with Chromium's virtual authenticator (DevTools protocol WebAuthn domain).
 */
describe('passkey on the phone', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('registers a passkey in « Paramètres », signs in with it, then revokes it — by keyboard at 320 px', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Paulette' });
    const page = await e.newPage({ width: 320, height: 800 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    // The first login (password and one-time code) is what signIn stands for.
    await signIn(page, e, p.accountId);
    await visit(page, '/parametres');
    await page.getByText("Aucune clé d'accès pour le moment.").waitFor();
    await press(page, page.getByRole('button', { name: "Ajouter une clé d'accès sur cet appareil" }));
    await page.getByText(/La clé d'accès « .+ » est ajoutée/).waitFor();
    await checkPage(page, 'passkey-1-registered-320');

    await press(page, page.locator('.carnet-profile-bar').getByRole('button', { name: /^Profil ouvert/ }));
    await press(page, page.locator('.carnet-profile-bar').getByRole('button', { name: 'Se déconnecter' }));
    await page.waitForURL((url) => url.pathname === '/');
    await visit(page, '/connexion');
    await press(page, page.getByRole('button', { name: "Se connecter avec une clé d'accès" }));
    await page.getByRole('heading', { level: 1, name: 'Bonjour Paulette' }).waitFor();
    await checkPage(page, 'passkey-2-signed-in-320');
    const lines = await e.platform.db
      .selectFrom('journal')
      .select(['action', 'detail'])
      .where('chain_id', '=', p.profileId)
      .where('action', 'in', ['identity.passkey-registered', 'identity.login'])
      .execute();
    expect(lines.map((l) => l.action).sort()).toEqual(['identity.login', 'identity.passkey-registered']);

    await visit(page, '/parametres');
    await page.getByText(/utilisée le/).waitFor();
    await press(page, page.getByRole('button', { name: /^Supprimer la clé d'accès/ }));
    await page.getByText(/La clé d'accès « .+ » est supprimée/).waitFor();
    const left = await e.platform.db
      .selectFrom('passkey')
      .select('revoked_at')
      .where('account_id', '=', p.accountId)
      .executeTakeFirstOrThrow();
    expect(left.revoked_at).not.toBeNull();
  });
});
