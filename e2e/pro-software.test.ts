import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { checkPage, proSignIn, hasHorizontalScroll, startE2E, type E2E } from './support';
import { freePort } from '../server/test/server-process.js';
import { press, typeInto } from './keyboard';

/**
 * « Logiciels connectés » of the professional portal, by keyboard at 320 px with axe on each state: a
 * private key refused with its message, the software registered with its public JWK (the client_id shown),
 * a token obtained with it (a real signed assertion), then revoked from the list and refused.
 */
describe('professional portal: software for the FHIR API (browser, keyboard, 320 px)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    const port = await freePort();
    e2e = await startE2E({ PORT: String(port), PUBLIC_URL: `http://localhost:${port}` });
    await e2e.platform.db
      .insertInto('professional')
      .values({ rpps: '10101010199', profession_code: '10', first_name: 'Paul', last_name: 'Logiciel' })
      .execute();
  }, 120_000);
  afterAll(async () => e2e?.close());

  const token = async (clientId: string, key: CryptoKey) => {
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES384' })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(`${e2e.baseUrl}/oidc`)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(key);
    return fetch(`${e2e.baseUrl}/oidc/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'system/*.read',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    });
  };

  it('registers, shows the client_id, lists and revokes', { timeout: 180_000 }, async () => {
    const page = await e2e.newPage({ width: 320, height: 800 });
    page.on('dialog', (d) => void d.accept());
    await proSignIn(page, '10101010199');

    // At 320 px the header's tools live behind « Menu ».
    await page.getByRole('heading', { name: 'Rechercher un patient' }).waitFor();
    await press(page, page.getByRole('button', { name: 'Menu' }));
    await press(page, page.locator('.fr-header__menu').getByRole('link', { name: 'Logiciels connectés' }));
    await page.getByRole('heading', { name: 'Logiciels connectés (API FHIR)' }).waitFor();
    await page.getByText('Aucun logiciel enregistré.').waitFor();
    await checkPage(page, 'pro-logiciels-vide');
    expect(await hasHorizontalScroll(page)).toBe(false);

    const { publicKey, privateKey } = await generateKeyPair('ES384', { extractable: true });
    const priv = JSON.stringify(await exportJWK(privateKey));
    await typeInto(page, page.getByLabel('Nom du logiciel'), 'Logiciel du cabinet');
    await typeInto(page, page.getByLabel(/Clé publique du logiciel/), priv);
    await press(page, page.getByRole('button', { name: 'Enregistrer le logiciel' }));
    await page
      .getByText(/Collez la clé publique du logiciel au format JWK/)
      .first()
      .waitFor();
    await checkPage(page, 'pro-logiciels-erreur');

    await page.getByLabel(/Clé publique du logiciel/).fill('');
    await typeInto(page, page.getByLabel(/Clé publique du logiciel/), JSON.stringify(await exportJWK(publicKey)));
    await press(page, page.getByRole('button', { name: 'Enregistrer le logiciel' }));
    await page.getByText('Logiciel enregistré').waitFor();
    const clientId = (await page.locator('.fr-alert code').textContent())!;
    expect(clientId).toMatch(/^carnet-/);
    await page.getByRole('heading', { name: 'Logiciel du cabinet', exact: true }).waitFor();
    await checkPage(page, 'pro-logiciels-enregistre');
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect((await token(clientId, privateKey)).status).toBe(200);

    await press(page, page.getByRole('button', { name: /Révoquer/ }));
    await page.getByText(/Révoqué le/).waitFor();
    await checkPage(page, 'pro-logiciels-revoque');
    expect((await token(clientId, privateKey)).status).toBe(401);
  });
});
