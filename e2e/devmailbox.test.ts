import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, hasHorizontalScroll, startE2E, visit, type E2E } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  const older = new Date(Date.now() - 3600_000);
  await e2e.platform.db
    .insertInto('outbox_message')
    .values([
      {
        channel: 'email',
        recipient: 'camille.martin@example.org',
        subject: 'Votre code de connexion',
        body: 'Bonjour,\n\nVotre code de connexion à Mon espace santé : 482913.\nIl est valable 10 minutes.',
        kind: 'login-code',
        status: 'sent',
        transport: 'dev-mailbox',
        created_at: older,
      },
      {
        channel: 'sms',
        recipient: '+33612345678',
        subject: null,
        body: 'Mon espace santé : votre code de vérification est 731046.',
        kind: 'contact-code',
        status: 'sent',
        transport: 'dev-mailbox',
      },
    ])
    .execute();
});
afterAll(async () => {
  await e2e?.close();
});

describe('development mailbox', () => {
  it('lists e-mails and SMS as a person would read them, newest first, and says it is a development tool', async () => {
    const page = await e2e.newPage();
    await visit(page, '/dev/mailbox');
    expect(await page.title()).toBe('Boîte de réception de développement — Carnet');
    await page.getByText('Outil de développement').waitFor();
    const messages = page.locator('main article');
    await messages.first().waitFor();
    expect(await messages.count()).toBe(2);
    // Newest first: the SMS was written after the e-mail.
    expect(await messages.nth(0).innerText()).toContain('+33612345678');
    expect(await messages.nth(0).innerText()).toContain('731046');
    const email = messages.nth(1);
    expect(await email.locator('h2').innerText()).toBe('Votre code de connexion');
    expect(await email.innerText()).toContain('camille.martin@example.org');
    expect(await email.innerText()).toContain('482913');
    expect(await email.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    await checkPage(page, 'dev-mailbox');
  });

  it('filters by recipient and refreshes', async () => {
    const page = await e2e.newPage();
    await visit(page, '/dev/mailbox');
    await page.locator('main article').first().waitFor();
    await page.getByLabel('Destinataire').fill('camille.martin@example.org');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/destinataire=camille/);
    await page.getByText('1 message pour « camille.martin@example.org »').waitFor();
    expect(await page.locator('main article').count()).toBe(1);

    await e2e.platform.db
      .insertInto('outbox_message')
      .values({
        channel: 'email',
        recipient: 'camille.martin@example.org',
        subject: 'Un nouveau message vous attend',
        body: 'Un professionnel de santé vous a envoyé un nouveau message.',
        kind: 'new-message',
        status: 'pending',
        transport: null,
      })
      .execute();
    await page.getByRole('button', { name: 'Actualiser' }).click();
    await page.getByText('2 messages pour « camille.martin@example.org »').waitFor();
    expect(await page.locator('main article').first().locator('h2').innerText()).toBe('Un nouveau message vous attend');
    await checkPage(page, 'dev-mailbox-filtered');
  });

  it('fits a 320 px wide phone', async () => {
    const page = await e2e.newPage({ width: 320, height: 640 });
    await visit(page, '/dev/mailbox');
    await page.locator('main article').first().waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await checkPage(page, 'dev-mailbox-320');
  });

  it('says it is disabled where the server does not offer it (production)', async () => {
    const production = await startE2E({
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      PRO_OIDC_ISSUER: 'https://auth.example.org/realms/psc',
      PRO_OIDC_CLIENT_ID: 'carnet',
      PRO_OIDC_CLIENT_SECRET: 's3cret',
    });
    try {
      const page = await production.newPage();
      await visit(page, '/dev/mailbox');
      await page.getByText('Boîte de réception désactivée').waitFor();
      expect(await page.locator('main article').count()).toBe(0);
      expect((await page.request.get('/api/dev/mailbox')).status()).toBe(404);
      await checkPage(page, 'dev-mailbox-disabled');
    } finally {
      await production.close();
    }
  });
});
