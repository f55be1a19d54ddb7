import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, hasHorizontalScroll, signInAsNewPerson, startE2E, visit, type E2E } from './support';

// Issue 15, item 4: « Français / English » in the header, remembered by the browser and by the account.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('the language switch', () => {
  it('shows the pages in English by keyboard, keeps the choice after a reload, and back to French', async () => {
    const page = await e2e.newPage();
    await visit(page, '/');
    expect(await page.getByRole('link', { name: 'Aller au contenu' }).count()).toBe(1);
    const switchButton = page.locator('header button.fr-translate:visible');
    await switchButton.focus();
    await page.keyboard.press('Enter');
    const english = page.locator('header a.fr-translate__language:visible', { hasText: 'English' });
    await english.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    // The English messages are fetched once chosen: the page changes when they arrive.
    await expect.poll(() => page.getByRole('link', { name: 'Skip to content' }).count()).toBe(1);
    expect((await page.context().cookies()).find((c) => c.name === 'carnet_lang')?.value).toBe('en');
    await page.reload();
    await expect.poll(() => page.getByRole('link', { name: 'Skip to content' }).count()).toBe(1);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await checkPage(page, 'home-en-1280');

    await page.locator('header button.fr-translate:visible').click();
    await page.locator('header a.fr-translate__language:visible', { hasText: 'Français' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('fr');
    await expect.poll(() => page.getByRole('link', { name: 'Aller au contenu' }).count()).toBe(1);
  });

  it('is axe-clean in English at 320 px without horizontal scroll', async () => {
    const page = await e2e.newPage({ width: 320, height: 640 });
    await page.context().addCookies([{ name: 'carnet_lang', value: 'en', url: e2e.baseUrl }]);
    await visit(page, '/');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await hasHorizontalScroll(page)).toBe(false);
    await checkPage(page, 'home-en-320');
  });

  it("saves a signed-in person's choice on the account: a new browser opens their space in it", async () => {
    const page = await e2e.newPage();
    const person = await signInAsNewPerson(page, e2e);
    await visit(page, '/accueil');
    await page.locator('header button.fr-translate:visible').click();
    await page.locator('header a.fr-translate__language:visible', { hasText: 'English' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    const saved = () =>
      e2e.platform.db
        .selectFrom('account')
        .select('locale')
        .where('id', '=', person.accountId)
        .executeTakeFirstOrThrow()
        .then((a) => a.locale);
    await expect.poll(saved).toBe('en');
    // Another browser, French by default: once signed in, the account's English wins.
    const other = await e2e.newPage();
    await signInAsNewPerson(other, e2e).then(() => undefined);
    await other.context().clearCookies();
    const { sessionCookie } = await import('../server/test/sessions.js');
    const cookie = await sessionCookie(e2e.platform.db, person.accountId);
    const [name, ...value] = cookie.split('=');
    await other.context().addCookies([
      {
        name: name!,
        value: value.join('='),
        domain: 'localhost',
        path: '/',
        httpOnly: true,
        secure: true,
        sameSite: 'Strict',
      },
    ]);
    await visit(other, '/accueil');
    await expect.poll(() => other.getAttribute('html', 'lang')).toBe('en');
  });
});
