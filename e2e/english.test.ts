import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPage, hasHorizontalScroll, signIn, startE2E, visit, type E2E } from './support.js';
import { createPerson } from '../server/test/sessions.js';

/**
 * Issue 15, items 4 and 7: every page in English is English, axe-clean and usable at 320 px. A page that still
 * writes French is caught by its words: the French words below are not English ones, and each one found is
 * reported with its sentence. Names that stay French in English (the service's, the Republic's, the language
 * switch's « Français », the Défenseur des droits, a person's name) are taken out first.
 */
const FRENCH_WORDS =
  /\b(vous|votre|vos|nous|les|des|une|avec|pour|dans|aucun|aucune|sont|être|ajouter|mes|mon|ma|du|au|aux|et|ou|mot de passe|connexion|paramètres|accueil|rechercher|fermer|retour|suivant|précédent|enregistrer|annuler|supprimer|modifier)\b/i;
const KEPT_FRENCH = [
  /Mon espace santé/g,
  /Défenseur des droits/g,
  /Libre réponse/g,
  /République\s+Française/gi,
  /Français/g,
  /Liberté\s+Égalité\s+Fraternité/gi,
];

async function frenchLeft(page: Page, names: string[]): Promise<string[]> {
  const text = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('header, main, footer')].map((el) => el.innerText).join('\n'),
  );
  const found: string[] = [];
  for (const raw of text.split(/\n+/)) {
    let line = raw;
    for (const kept of [...KEPT_FRENCH, ...names.map((n) => new RegExp(n, 'g'))]) line = line.replace(kept, '');
    if (FRENCH_WORDS.test(line)) found.push(raw.trim());
  }
  return found;
}

describe('the web app in English', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  const publicPages = [
    '/',
    '/activation',
    '/activation/nouveau-code',
    '/connexion',
    '/connexion/mot-de-passe-oublie',
    '/connexion/identifiant-oublie',
    '/accessibilite',
    '/plan-du-site',
    '/une-page-qui-n-existe-pas',
    '/pro/connexion',
    '/pro/logiciels',
  ];
  const signedInPages = [
    '/accueil',
    '/decouverte',
    '/profil-medical',
    '/profil-medical/mesures',
    '/profil-medical/entourage-volontes',
    '/profil-medical/historique-soins',
    '/documents',
    '/messagerie',
    '/parametres',
    '/parametres/professionnels',
    '/parametres/acces-urgence',
    '/parametres/historique',
    '/parametres/cloture',
    '/profils/ajouter',
  ];

  const english = async (width: number) => {
    const page = await e.newPage({ width, height: 800 });
    await page.context().addCookies([{ name: 'carnet_lang', value: 'en', url: e.baseUrl }]);
    return page;
  };

  it('writes the public pages in English, axe-clean at 320 px', async () => {
    const page = await english(320);
    const left: string[] = [];
    for (const path of publicPages) {
      await visit(page, path);
      expect(await page.getAttribute('html', 'lang'), path).toBe('en');
      expect(await hasHorizontalScroll(page), path).toBe(false);
      await checkPage(page, `en-320${path.replaceAll('/', '-') || '-home'}`);
      left.push(...(await frenchLeft(page, [])).map((line) => `${path}: ${line}`));
    }
    expect(left).toEqual([]);
  });

  it("writes a person's pages in English, axe-clean at 320 px", async () => {
    const person = await createPerson(e.platform.db, { firstName: 'Hazel', lastName: 'Moreau' });
    const page = await english(320);
    await signIn(page, e, person.accountId);
    const left: string[] = [];
    for (const path of signedInPages) {
      await visit(page, path);
      expect(await page.getAttribute('html', 'lang'), path).toBe('en');
      expect(await hasHorizontalScroll(page), path).toBe(false);
      await checkPage(page, `en-320${path.replaceAll('/', '-')}`);
      left.push(...(await frenchLeft(page, ['Hazel', 'Moreau', 'HAZEL', 'MOREAU'])).map((l) => `${path}: ${l}`));
    }
    expect(left).toEqual([]);
  });

  it('finds the French left on a page (the check can fail)', async () => {
    const page = await english(1280);
    await visit(page, '/connexion');
    expect(await frenchLeft(page, [])).toEqual([]);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Ajoutez vos documents de santé';
      document.querySelector('main')!.append(p);
    });
    expect(await frenchLeft(page, [])).toEqual(['Ajoutez vos documents de santé']);
  });
});
