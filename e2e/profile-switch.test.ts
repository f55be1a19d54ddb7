import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, startE2E, visit, type E2E } from './support';
import { enrolParentWithChild } from '../server/test/identity.js';
import { multipartBody, pdf } from '../server/test/documents.js';
import { createProfessional } from '../server/test/messaging.js';
import { proSessionCookie, sessionCookie } from '../server/test/sessions.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const CLAIRE = 'ZQCLAIRE';
const HUGO = 'ZQHUGO';
/** How late the slowed answers arrive: long enough for the switch to happen before them. */
const LATE_MS = 1500;

/**
 * Watches the page from its first script: each time the DOM changes, notes any moment when `main` shows
 * the marker of the profile that is not the open one (the open profile is named by the profile bar).
 */
function watchForLeaks() {
  const w = window as unknown as { leaks: string[] };
  w.leaks = [];
  const check = () => {
    const open = document.querySelector('.carnet-profile-menu button strong')?.textContent ?? '';
    const main = document.querySelector('main')?.textContent ?? '';
    if (open.includes('Hugo') && main.includes('ZQCLAIRE'))
      w.leaks.push(`Claire's data under Hugo: ${location.pathname}`);
    if (open.includes('Claire') && main.includes('ZQHUGO'))
      w.leaks.push(`Hugo's data under Claire: ${location.pathname}`);
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens the profile menu of the profile bar and picks a profile, by its name. */
async function switchTo(page: Page, from: string, to: string) {
  await page
    .getByRole('button', { name: new RegExp(`^Profil ouvert : ${from}`) })
    .first()
    .click();
  await page
    .getByRole('button', { name: new RegExp(to) })
    .first()
    .click();
  await page
    .getByRole('button', { name: new RegExp(`^Profil ouvert : ${to}`) })
    .first()
    .waitFor();
}

describe('switching profiles quickly never shows the other profile’s data', () => {
  it('documents, medical profile, messaging: a late answer for the previous profile stays unseen', async () => {
    const { platform, app } = e2e;
    const db = platform.db;
    const family = await enrolParentWithChild(platform, {
      lastName: 'Roux',
      parent: 'Claire',
      child: 'Hugo',
      childAge: 7,
    });
    await db.updateTable('profile').set({ status: 'activated' }).where('id', '=', family.kidId).execute();
    await db
      .insertInto('representation')
      .values({ representative_id: family.parentId, profile_id: family.kidId, status: 'validated' })
      .execute();
    const cookie = await sessionCookie(db, family.accountId);
    const pro = await createProfessional(db, { firstName: 'Jean', lastName: 'Dupond' });
    const proCookie = await proSessionCookie(db, pro.id);
    const people = [
      { id: family.parentId, marker: CLAIRE, nir: family.parentRow.nir, birthDate: family.parentRow.birth_date },
      { id: family.kidId, marker: HUGO, nir: family.kidRow.nir, birthDate: family.kidRow.birth_date },
    ];
    // Each profile holds its own document, condition and message, each carrying its marker.
    for (const p of people) {
      const up = multipartBody(`ordonnance-${p.marker}.pdf`, await pdf(`Ordonnance ${p.marker}`), 'application/pdf');
      const doc = await app.inject({
        method: 'POST',
        url: `/api/profiles/${p.id}/documents`,
        headers: { ...up.headers, cookie, 'x-carnet-csrf': '1' },
        payload: up.payload,
      });
      expect(doc.statusCode, doc.body).toBe(201);
      const item = await app.inject({
        method: 'POST',
        url: `/api/profiles/${p.id}/medical/conditions`,
        headers: { cookie, 'x-carnet-csrf': '1' },
        payload: { name: `Asthme ${p.marker}` },
      });
      expect(item.statusCode, item.body).toBe(201);
      const sent = await app.inject({
        method: 'POST',
        url: '/api/pro/messaging/messages',
        headers: { cookie: proCookie, 'x-carnet-csrf': '1' },
        payload: { nir: p.nir, birthDate: p.birthDate, subject: `Résultats ${p.marker}`, body: 'Bonjour' },
      });
      expect(sent.statusCode, sent.body).toBe(201);
    }

    const page = await e2e.newPage();
    await page.addInitScript(watchForLeaks);
    await signIn(page, e2e, family.accountId);
    // Every read of one profile's data is answered late, whichever profile is open when it lands.
    let slowed = family.parentId;
    let late = 0;
    await page.route('**/api/profiles/**', async (route) => {
      const url = route.request().url();
      if (!url.includes(`/api/profiles/${slowed}/`) || route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch().catch(() => null);
      await sleep(LATE_MS);
      late++;
      if (response) await route.fulfill({ response }).catch(() => undefined);
    });
    await visit(page, '/accueil');

    const pages = [
      { path: '/documents', shows: (m: string) => page.getByText(`ordonnance-${m}`, { exact: false }).first() },
      { path: '/profil-medical/maladies', shows: (m: string) => page.getByText(`Asthme ${m}`).first() },
      { path: '/messagerie', shows: (m: string) => page.getByText(`Résultats ${m}`).first() },
    ];
    for (const p of pages) {
      // Claire's page asks for her data, answered late; Hugo is opened before the answer lands.
      slowed = family.parentId;
      await visit(page, p.path);
      await switchTo(page, 'Claire ROUX', 'Hugo ROUX');
      await p.shows(HUGO).waitFor();
      await sleep(LATE_MS + 500);
      expect(await p.shows(CLAIRE).count()).toBe(0);
      // And back: now Hugo's answers are the late ones.
      slowed = family.kidId;
      await switchTo(page, 'Hugo ROUX', 'Claire ROUX');
      await p.shows(CLAIRE).waitFor();
      await sleep(LATE_MS + 500);
      expect(await p.shows(HUGO).count()).toBe(0);
      await switchTo(page, 'Claire ROUX', 'Hugo ROUX');
      await p.shows(HUGO).waitFor();
      await switchTo(page, 'Hugo ROUX', 'Claire ROUX');
      await p.shows(CLAIRE).waitFor();
    }
    // The slowed answers did arrive (after the switches), and not one was drawn under the other profile.
    expect(late).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { leaks: string[] }).leaks)).toEqual([]);
  }, 240_000);
});
