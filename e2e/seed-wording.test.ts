import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, startE2E, visit, type E2E } from './support.js';
import { adult, enrol, enrolParentWithChild, otpOf, provisionalCodeOf } from '../server/test/identity.js';
import { createVerifiedPerson } from '../server/test/sessions.js';
import { pdf } from '../server/test/documents.js';

/**
 * The seeds' step-by-step guides quote the interface (« Je clique sur « Paramètres » »): a person follows
 * them word by word. Each phrase below is copied from a seed (000: the official guide, part II; 003: the
 * workshop outline) and must be read on the page where the guide shows it. When the seeds are found beside
 * the repository, each phrase is also checked to be in a seed, so the list cannot drift into our own words.
 */

/** Compares as a reader does: case, spaces (also before « ! : ? »), apostrophes and guillemets aside. */
export function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/[’‘]/g, "'")
    .replace(/[«»"]/g, ' ')
    .replace(/\s+([!?:;])/g, '$1')
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .trim();
}

function seedsText(): string | null {
  const candidates = [process.env.CARNET_SEEDS_DIR];
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'shared', 'seeds'));
    if (path.dirname(dir) === dir) break;
  }
  const found = candidates.find((d) => d && existsSync(path.join(d, 'README.md')));
  if (!found) return null;
  const files = readdirSync(found).filter((f) => /^\d{3}_.*\.txt$/.test(f));
  return normalise(files.map((f) => readFileSync(path.join(found, f), 'utf8')).join('\n'));
}

const missing: string[] = [];
const used: string[] = [];

/** Records every phrase of `phrases` not on the page (the test fails at the end with the whole list). */
async function expectPhrases(page: Page, where: string, phrases: string[]) {
  // Pages draw their data after their heading: give them the time to, then read what is there.
  const wanted = phrases.map(normalise);
  let text = '';
  for (let i = 0; i < 25; i++) {
    text = normalise(await page.locator('body').innerText());
    if (wanted.every((w) => text.includes(w))) break;
    await page.waitForTimeout(200);
  }
  for (const phrase of phrases) {
    used.push(phrase);
    if (!text.includes(normalise(phrase))) missing.push(`${where}: « ${phrase} »`);
  }
}

describe('the seeds’ wording, screen by screen', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('II.1 activation: from « Activer Mon espace santé » to « Félicitations »', async () => {
    const row = adult({ first_names: 'Odile', used_first_name: 'Odile' });
    await enrol(e.platform, [row]);
    const page = await e.newPage({ width: 320, height: 900 });
    await visit(page, '/');
    await expectPhrases(page, '/', ['Activer Mon espace santé', 'Connexion']);
    await page.getByRole('link', { name: 'Activer Mon espace santé' }).first().click();
    await page.getByRole('button', { name: 'Commencer' }).waitFor();
    await expectPhrases(page, '/activation', [
      "je demande la génération d'un nouveau code. Il sera envoyé par mail ou par SMS.",
      'Commencer',
    ]);
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByLabel('Code provisoire').fill(await provisionalCodeOf(e.platform.db, row.email));
    await page.getByLabel('Numéro de sécurité sociale').fill(row.nir);
    await page.getByLabel('Jour').fill(String(Number(row.birth_date.slice(8, 10))));
    await page.getByLabel('Mois').fill(row.birth_date.slice(5, 7));
    await page.getByLabel('Année').fill(row.birth_date.slice(0, 4));
    await page.getByLabel('Numéro de série de la carte Vitale').fill(row.vitale_serial);
    await expectPhrases(page, '/activation (identification)', ['continuer', '3422']);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('button', { name: "J'active mon compte" }).waitFor();
    await expectPhrases(page, '/activation (choix)', [
      "J'active mon compte",
      "Je m'oppose à la création de mon compte",
    ]);
    await page.getByRole('button', { name: "J'active mon compte" }).click();
    await page.getByRole('heading', { name: 'Je vérifie mes coordonnées de contact' }).first().waitFor();
    await expectPhrases(page, '/activation (coordonnées)', ['Je vérifie mes coordonnées de contact']);
    await page.getByRole('button', { name: 'Recevoir un code de confirmation' }).first().click();
    await page.getByText(/Un code à 6 chiffres vient d'être envoyé/).waitFor();
    await page.getByLabel('Code de confirmation').fill(await otpOf(e.platform.db, row.email));
    await page.getByRole('button', { name: 'Valider le code' }).click();
    await page.getByText(/Adresse e-mail confirmée/).waitFor();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page
      .getByRole('heading', { name: 'Je choisis mon nouvel identifiant et mon mot de passe' })
      .first()
      .waitFor();
    await expectPhrases(page, '/activation (identifiant)', ['Je choisis mon nouvel identifiant et mon mot de passe']);
    await page.getByLabel('Identifiant').fill('odile.seed');
    await page.getByLabel('Mot de passe', { exact: true }).fill('Colibri-dore-sur-la-branche-3');
    await page.getByLabel('Confirmation du mot de passe').fill('Colibri-dore-sur-la-branche-3');
    await page.getByRole('button', { name: 'Activer mon espace' }).click();
    await page.getByRole('heading', { name: /Félicitations/ }).waitFor();
    // Activation opened a session: the header leads to the space, and no longer offers « Connexion ».
    await page.getByRole('link', { name: 'Mon espace' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Connexion', exact: true }).count()).toBe(0);
    await expectPhrases(page, '/activation (fin)', [
      'Félicitations : mon compte est activé!',
      'parcours de découverte de Mon espace santé',
      'le compte Mon espace santé de mes enfants',
      'terminer mon parcours',
    ]);
  });

  it('II.2 login: « Connexion », the one-time code, « Se connecter »', async () => {
    const p = await createVerifiedPerson(e.platform.db);
    const page = await e.newPage({ width: 320, height: 900 });
    await visit(page, '/connexion');
    await expectPhrases(page, '/connexion', ['Je me connecte à mon compte Mon espace santé']);
    await page.getByLabel('Identifiant').fill(p.username);
    await page.getByLabel('Mot de passe', { exact: true }).fill(p.password);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('button', { name: 'Recevoir le code' }).click();
    await page.getByRole('heading', { name: "Je saisis mon code d'accès à usage unique" }).waitFor();
    await expectPhrases(page, '/connexion (code)', ["Je saisis mon code d'accès à usage unique", 'Se connecter']);
  });

  it('II.3 minors, II.4 medical profile, II.5 documents, II.6 « Paramètres » from the profile menu, seed 003 home', async () => {
    const { accountId } = await enrolParentWithChild(e.platform, {
      lastName: 'Seed',
      parent: 'Lola',
      child: 'Nino',
      childAge: 6,
    });
    const page = await e.newPage({ width: 1280, height: 900 });
    await signIn(page, e, accountId);
    await visit(page, '/accueil');
    // Seed 003, step 3: the home page's rubrics; seed 000 II.4 and II.5: the two shortcuts.
    await expectPhrases(page, '/accueil', [
      'Profil médical',
      'Documents',
      'Messagerie',
      'Paramètres',
      'Compléter mon profil médical',
      'Ajouter un document de santé',
    ]);
    await page
      .getByRole('button', { name: /^Profil ouvert : Lola/ })
      .first()
      .click();
    const panel = page.locator('.carnet-profile-menu__panel:visible');
    await expectPhrases(page, 'menu de profil', ['Paramètres', 'ajouter un profil']);
    expect(await panel.getByRole('link', { name: 'Paramètres' }).count()).toBe(1);
    await panel.getByRole('link', { name: 'Ajouter un profil' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ajouter un ou plusieurs profils' }).waitFor();
    await expectPhrases(page, '/profils/ajouter', [
      'Ajouter un ou plusieurs profils',
      "Le ou les profils suivants me sont rattachés, j'ai la possibilité d'activer Mon espace santé pour chacun de ces profils.",
      'Je sélectionne le ou les profils que je souhaite ajouter.',
      'Je certifie être le représentant légal du ou des profils sélectionnés.',
      'ajouter',
      'annuler',
    ]);
    await page.getByLabel(/Nino SEED/).check({ force: true });
    await page
      .getByLabel('Je certifie être le représentant légal du ou des profils sélectionnés.')
      .check({ force: true });
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await page.getByText('Le profil a été ajouté.').waitFor();
    await page
      .getByRole('button', { name: /^Profil ouvert : Lola/ })
      .first()
      .click();
    await page
      .locator('.carnet-profile-menu__panel:visible')
      .getByRole('button', { name: /Nino SEED/ })
      .click();
    await page
      .getByRole('button', { name: /^Profil ouvert : Nino/ })
      .first()
      .click();
    await page.locator('.carnet-profile-menu__panel:visible').getByRole('link', { name: 'Paramètres' }).click();
    await page.getByRole('heading', { name: 'Je partage le profil de mon enfant mineur' }).waitFor();
    await expectPhrases(page, '/parametres (enfant)', [
      'Je partage le profil de mon enfant mineur',
      'le nom, prénom et date de naissance du second représentant légal',
      'Je déclare que la personne désignée est bien le représentant légal de mon enfant mineur',
      'Partager',
    ]);

    await page
      .getByRole('button', { name: /^Profil ouvert : Nino/ })
      .first()
      .click();
    await page
      .locator('.carnet-profile-menu__panel:visible')
      .getByRole('button', { name: /Lola SEED/ })
      .click();
    await visit(page, '/profil-medical');
    await expectPhrases(page, '/profil-medical', [
      'la synthèse',
      'Mesures de santé',
      'entourage et volontés',
      'historique de soins',
    ]);
    const lists: [string, string][] = [
      ['maladies', "J'ajoute une maladie ou un autre sujet de santé"],
      ['traitements', "J'ajoute un traitement"],
      ['allergies', "J'ajoute une allergie"],
    ];
    for (const [segment, phrase] of lists) {
      await visit(page, `/profil-medical/${segment}`);
      await expectPhrases(page, `/profil-medical/${segment}`, [phrase]);
    }
    await visit(page, '/profil-medical/mesures');
    await expectPhrases(page, '/profil-medical/mesures', [
      "Afficher l'historique",
      'poids',
      'taille',
      'IMC',
      'tour de taille',
      'température',
      'glycémie',
      'tension artérielle',
      'niveau de douleur',
      'fréquence cardiaque',
      'nombre de pas',
      'Périmètre crânien',
    ]);
    await visit(page, '/profil-medical/entourage-volontes');
    await expectPhrases(page, '/profil-medical/entourage-volontes', [
      'entourage et volontés',
      'directives anticipées',
      "don d'organes et de tissus",
    ]);

    await visit(page, '/documents');
    await expectPhrases(page, '/documents', [
      'parcourir les fichiers',
      'Les documents doivent être aux formats JPG, PDF, PNG, TXT, RTF ou TIF (1 document au format png sera converti et stocké au format jpg)',
      'La taille maximale autorisée est de 5 Mo',
      "Un message d'erreur apparait si le format ou la taille n'est pas conforme",
    ]);
    await page
      .getByLabel('parcourir les fichiers')
      .setInputFiles([{ name: 'compte-rendu.pdf', mimeType: 'application/pdf', buffer: await pdf('Compte rendu') }]);
    await page.getByRole('heading', { name: 'Je modifie les informations de mon document' }).waitFor();
    await expectPhrases(page, '/documents (informations)', ['Je modifie les informations de mon document']);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(/Félicitations, Mon document est ajouté/).waitFor();
    await expectPhrases(page, '/documents (confirmation)', ['Félicitations, Mon document est ajouté!']);
  });

  it('every phrase is on its page, and every phrase is the seeds’ own', () => {
    expect(missing, 'phrases of the seeds not found on their page').toEqual([]);
    const seeds = seedsText();
    if (!seeds) return; // the seeds live beside the repository (shared/seeds); not every checkout has them
    const notInSeeds = used.filter((p) => !seeds.includes(normalise(p)));
    expect(notInSeeds, 'phrases of this test that no seed contains').toEqual([]);
  });
});
