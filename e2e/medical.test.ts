import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPage, hasHorizontalScroll, signInAsNewPerson, startE2E, visit, type E2E } from './support';
import { press, tabTo, typeInto } from './keyboard';
import { importCare } from '../server/src/features/medical/care.import.js';
import { pdfText } from '../server/test/pdf-text.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** Chooses an option of a native select reached by keyboard (the keyboard opens the same list). */
async function choose(page: Page, label: string, option: string) {
  const select = page.getByLabel(label, { exact: true });
  await tabTo(page, select);
  await select.selectOption({ label: option });
}

/** Tabs to « J'ajoute … », fills the form by keyboard, saves, and waits for the confirmation. */
async function addItem(page: Page, button: string, fill: () => Promise<void>, confirmation: string) {
  await press(page, page.getByRole('button', { name: button }));
  await fill();
  await press(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));
  await page.getByText(confirmation).waitFor();
}

const measures: { kind: string; label: string; fields: [string, string][]; shown: string }[] = [
  { kind: 'weight', label: 'Poids', fields: [['Poids (en kg)', '72,5']], shown: '72,5 kg' },
  { kind: 'height', label: 'Taille', fields: [['Taille (en m)', '1,75']], shown: '1,75 m' },
  { kind: 'waist', label: 'Tour de taille', fields: [['Tour de taille (en cm)', '82']], shown: '82 cm' },
  { kind: 'temperature', label: 'Température', fields: [['Température (en °C)', '37,2']], shown: '37,2 °C' },
  { kind: 'glucose', label: 'Glycémie', fields: [['Glycémie (en mg/dL)', '95']], shown: '95 mg/dL' },
  {
    kind: 'bloodPressure',
    label: 'Tension artérielle',
    fields: [
      ['Systolique (chiffre du haut, en mmHg)', '120'],
      ['Diastolique (chiffre du bas, en mmHg)', '80'],
    ],
    shown: '120/80 mmHg',
  },
  { kind: 'pain', label: 'Niveau de douleur', fields: [['Niveau de douleur (en note sur 10)', '3']], shown: '3/10' },
  {
    kind: 'heartRate',
    label: 'Fréquence cardiaque',
    fields: [['Fréquence cardiaque (en bpm)', '64']],
    shown: '64 bpm',
  },
  { kind: 'steps', label: 'Nombre de pas', fields: [['Nombre de pas', '8500']], shown: '8 500 pas' },
  {
    kind: 'headCircumference',
    label: 'Périmètre crânien',
    fields: [['Périmètre crânien (en cm)', '56']],
    shown: '56 cm',
  },
];

/** A value as a pattern: any space (French formatting uses no-break spaces) matches any space. */
const spaced = (s: string) => s.replace(/[/()]/g, (c) => `\\${c}`).replace(/ /g, '\\s');

describe('medical profile', () => {
  it('adds one item of each kind and one value of each measure by keyboard; history chart; BMI computed', async () => {
    const page = await e2e.newPage();
    await signInAsNewPerson(page, e2e, { firstName: 'Agathe' });
    await visit(page, '/profil-medical');
    await page.getByRole('heading', { name: 'La synthèse' }).waitFor();
    await checkPage(page, 'medical-home-empty');

    await press(page, page.getByRole('link', { name: 'Maladies et sujets de santé' }));
    await page.getByRole('heading', { level: 1, name: 'Maladies et sujets de santé' }).waitFor();
    await addItem(
      page,
      "J'ajoute une maladie ou un autre sujet de santé",
      () => typeInto(page, page.getByLabel('Maladie ou sujet de santé'), 'Asthme'),
      '« Asthme » est ajouté.',
    );
    await checkPage(page, 'medical-conditions');
    // Edit then delete (with its confirmation) by keyboard, then add it back.
    await press(page, page.getByRole('button', { name: 'Modifier « Asthme »' }));
    await typeInto(page, page.getByLabel('Précisions (facultatif)'), 'allergique');
    await press(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));
    await page.getByText('Les modifications sont enregistrées.').waitFor();
    await page.getByText('Asthme · allergique').waitFor();
    await press(page, page.getByRole('button', { name: 'Supprimer « Asthme »' }));
    await press(page, page.getByRole('button', { name: 'Confirmer la suppression de « Asthme »' }));
    await page.getByText('« Asthme » est supprimé.').waitFor();
    await page.getByText('Aucune information pour le moment.').waitFor();
    await addItem(
      page,
      "J'ajoute une maladie ou un autre sujet de santé",
      () => typeInto(page, page.getByLabel('Maladie ou sujet de santé'), 'Asthme'),
      '« Asthme » est ajouté.',
    );

    await visit(page, '/profil-medical/traitements');
    await addItem(
      page,
      "J'ajoute un traitement",
      async () => {
        await typeInto(page, page.getByLabel('Nom du traitement'), 'Ventoline');
        await typeInto(page, page.getByLabel('Dose (facultatif)'), '2 bouffées');
        await choose(page, 'Fréquence (facultatif)', 'Si besoin');
        await choose(page, 'Pour la maladie (facultatif)', 'Asthme');
      },
      '« Ventoline » est ajouté.',
    );
    await page.getByText('Ventoline · 2 bouffées · Si besoin · pour : Asthme').waitFor();

    await visit(page, '/profil-medical/allergies');
    // A server refusal is shown on its field first.
    await press(page, page.getByRole('button', { name: "J'ajoute une allergie" }));
    await press(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));
    await page.getByText('Saisissez la substance.').waitFor();
    await typeInto(page, page.getByLabel('Substance'), 'Pénicilline');
    await choose(page, 'Sévérité (facultatif)', 'Sévère');
    await press(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));
    await page.getByText('« Pénicilline » est ajouté.').waitFor();

    await visit(page, '/profil-medical/vaccinations');
    await addItem(
      page,
      "J'ajoute une vaccination",
      async () => {
        await choose(page, 'Vaccin', 'Grippe');
        // A native date field: its segments follow the browser's locale, so the value is set once focused.
        const date = page.getByLabel('Date de la vaccination');
        await tabTo(page, date);
        await date.fill('2024-10-15');
        await typeInto(page, page.getByLabel('Numéro de lot (facultatif)'), 'AB123');
      },
      '« Grippe » est ajouté.',
    );
    await page.getByText('Grippe · 15 octobre 2024 · lot AB123').waitFor();
    await checkPage(page, 'medical-vaccinations');

    await visit(page, '/profil-medical/entourage-volontes');
    await addItem(
      page,
      "J'ajoute un contact",
      async () => {
        await choose(page, 'Type de contact', 'Personne de confiance');
        await typeInto(page, page.getByLabel('Nom et prénom'), 'Paul Durand');
        await typeInto(page, page.getByLabel('Téléphone', { exact: true }), '06 12 34 56 78');
      },
      '« Paul Durand » est ajouté.',
    );
    await press(page, page.getByRole('button', { name: "J'ajoute des directives anticipées" }));
    await page.keyboard.type('Je refuse tout acharnement thérapeutique.');
    await press(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));
    await page.getByText('Vos directives anticipées sont enregistrées.').waitFor();
    await press(page, page.getByLabel(/Je suis favorable au don/), 'Space');
    await press(page, page.getByRole('button', { name: 'Enregistrer ma position' }));
    await page.getByText("Votre position sur le don d'organes est enregistrée.").waitFor();
    await checkPage(page, 'medical-wishes');

    // Measures: the first through the card's menu, the others straight to their form.
    await visit(page, '/profil-medical/mesures');
    await checkPage(page, 'medical-measures-empty');
    for (const [i, m] of measures.entries()) {
      if (i === 0) await press(page, page.getByRole('link', { name: `Ajouter une valeur : ${m.label}` }));
      else await visit(page, `/profil-medical/mesures/${m.kind}?ajouter=1`);
      for (const [label, value] of m.fields) await typeInto(page, page.getByRole('textbox', { name: label }), value);
      await press(page, page.getByRole('button', { name: 'Enregistrer la valeur' }));
      await page.getByText(new RegExp(`Valeur ajoutée : ${spaced(m.shown)}\\.`)).waitFor();
    }
    // A value out of range is refused with the range.
    await visit(page, '/profil-medical/mesures/temperature?ajouter=1');
    await typeInto(page, page.getByLabel('Température (en °C)'), '400');
    await press(page, page.getByRole('button', { name: 'Enregistrer la valeur' }));
    await page.getByText('La valeur doit être comprise entre 30 et 45 °C.').first().waitFor();

    // A second weight, a day earlier, makes a line.
    await visit(page, '/profil-medical/mesures/weight?ajouter=1');
    await typeInto(page, page.getByLabel('Poids (en kg)'), '74');
    const date = page.getByLabel('Date et heure de la mesure');
    await tabTo(page, date);
    await date.fill('2025-01-10T08:30');
    await press(page, page.getByRole('button', { name: 'Enregistrer la valeur' }));
    await page.getByText(/Valeur ajoutée : 74/).waitFor();
    const chart = page.getByRole('img', { name: 'Poids' });
    await chart.waitFor();
    // The list is read again after the save: the chart and the table follow when the answer arrives.
    await expect.poll(() => page.locator('svg circle').count()).toBe(2);
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(3);
    await checkPage(page, 'medical-weight-history');
    // Edit a value by keyboard.
    await press(page, page.getByRole('button', { name: /^Modifier la valeur 72,5/ }));
    const field = page.getByRole('textbox', { name: 'Poids (en kg)' });
    await tabTo(page, field);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('73');
    await press(page, page.getByRole('button', { name: 'Enregistrer la valeur' }));
    await page.getByText(/Valeur modifiée : 73/).waitFor();
    await press(page, page.getByRole('button', { name: /^Supprimer la valeur 74/ }));
    await press(page, page.getByRole('button', { name: /^Confirmer la suppression de la valeur 74/ }));
    await page.getByText(/Valeur supprimée : 74/).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 1);

    await visit(page, '/profil-medical/mesures');
    await page.getByText('23,8 kg/m²').waitFor(); // 73 / 1,75²
    for (const m of measures.slice(1))
      await page
        .getByText(new RegExp(`^${spaced(m.shown)}$`))
        .first()
        .waitFor();
    await checkPage(page, 'medical-measures');

    await visit(page, '/profil-medical');
    await page.getByText('1 élément').first().waitFor();
    await checkPage(page, 'medical-home');

    // « la synthèse »: a section unticked by keyboard, then the PDF the link gives.
    await press(page, page.getByLabel('Historique de soins'), 'Space');
    const link = page.getByRole('link', { name: 'Télécharger la synthèse (PDF)' });
    const href = (await link.getAttribute('href'))!;
    expect(decodeURIComponent(href)).toMatch(
      /sections=conditions,treatments,allergies,vaccinations,measures,contacts,wishes$/,
    );
    const pdf = await page.request.get(href);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = pdfText(await pdf.body());
    for (const s of [
      'Agathe',
      'Asthme',
      'Ventoline',
      'Pénicilline',
      'Grippe',
      'Paul Durand',
      '120/80',
      'Je refuse tout acharnement',
    ])
      expect(text).toContain(s);
  }, 180_000);

  it('at 320 px: home, measures and a history chart fit the screen', async () => {
    const page = await e2e.newPage({ width: 320, height: 800 });
    const person = await signInAsNewPerson(page, e2e, { firstName: 'Zoé' });
    for (const [at, value] of [
      ['2025-01-01T08:00', 61],
      ['2025-02-01T08:00', 60],
    ] as const) {
      await e2e.platform.db
        .insertInto('measure')
        .values({
          profile_id: person.profileId,
          kind: 'weight',
          loinc: '29463-7',
          ucum: 'kg',
          value,
          value2: null,
          moment: null,
          measured_at: at,
        })
        .execute();
    }
    await e2e.platform.db
      .updateTable('profile')
      .set({ nir: '280017512345600' })
      .where('id', '=', person.profileId)
      .execute();
    const csv = [
      'nir;date;kind;professional;amount;reimbursed;ref',
      '280017512345600;2025-01-15;Consultation de médecine générale;Dr Anne Martin;30,00;21,00;A1',
      '280017512345600;2025-02-03;Pharmacie;Pharmacie du Centre;12,40;8,68;A2',
    ].join('\n');
    expect((await importCare(e2e.platform.db, Buffer.from(csv))).imported).toBe(2);
    for (const [path, shot] of [
      ['/profil-medical', 'medical-home-320'],
      ['/profil-medical/mesures', 'medical-measures-320'],
      ['/profil-medical/mesures/weight', 'medical-weight-history-320'],
    ] as const) {
      await visit(page, path);
      if (path.endsWith('weight')) await page.getByRole('img', { name: 'Poids' }).waitFor();
      expect(await hasHorizontalScroll(page), path).toBe(false);
      await checkPage(page, shot);
    }
    await visit(page, '/profil-medical/historique-soins');
    await page.getByRole('cell', { name: 'Pharmacie du Centre' }).waitFor();
    await choose(page, 'Type de soin', 'Consultation de médecine générale');
    await page.getByRole('table', { name: '1 soin(s)' }).waitFor();
    expect(await page.getByRole('cell', { name: 'Pharmacie du Centre' }).count()).toBe(0);
    await checkPage(page, 'medical-care-320');
  });

  it("a child's head circumference is plotted against age, and advance directives are not offered", async () => {
    const page = await e2e.newPage({ width: 320, height: 800 });
    const parent = await signInAsNewPerson(page, e2e, { firstName: 'Inès' });
    const { db } = e2e.platform;
    const year = new Date().getUTCFullYear();
    const child = await db
      .insertInto('profile')
      .values({
        birth_name: 'PETIT',
        first_names: 'Léon',
        used_first_name: 'Léon',
        sex: 'M',
        birth_date: `${year - 3}-01-15`,
        status: 'activated',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('representation')
      .values({ representative_id: parent.profileId, profile_id: child.id, status: 'validated' })
      .execute();
    for (const [at, value] of [
      [`${year - 3}-01-20T09:00`, 35],
      [`${year - 3}-07-15T09:00`, 43],
      [`${year - 2}-01-15T09:00`, 46],
    ] as const) {
      await db
        .insertInto('measure')
        .values({
          profile_id: child.id,
          kind: 'headCircumference',
          loinc: '8287-5',
          ucum: 'cm',
          value,
          value2: null,
          moment: null,
          measured_at: at,
        })
        .execute();
    }
    await page.addInitScript((id) => sessionStorage.setItem('carnet.activeProfileId', id), child.id);
    await visit(page, '/profil-medical/mesures/headCircumference');
    await page.getByRole('heading', { name: 'Courbe selon l’âge' }).waitFor();
    await page.getByRole('img', { name: 'Périmètre crânien selon l’âge' }).waitFor();
    await page.getByRole('columnheader', { name: 'Âge' }).waitFor();
    await page.getByRole('cell', { name: '6 mois' }).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await checkPage(page, 'medical-child-curve-320');
    await visit(page, '/profil-medical/entourage-volontes');
    await page.getByText('Les directives anticipées ne peuvent être rédigées que par une personne majeure.').waitFor();
    expect(await page.getByRole('button', { name: "J'ajoute des directives anticipées" }).count()).toBe(0);
  });

  it('discovery journey: weight entered, height skipped, a condition added; it lands in the profile', async () => {
    const page = await e2e.newPage();
    await signInAsNewPerson(page, e2e, { firstName: 'Noé' });
    await visit(page, '/decouverte');
    await checkPage(page, 'discovery-weight');
    await typeInto(page, page.getByLabel('Poids (en kg)'), '80');
    await press(page, page.getByRole('button', { name: 'Enregistrer et continuer' }));
    await page.getByText('Poids enregistré.').waitFor();
    await press(page, page.getByRole('button', { name: 'Passer cette étape' }));
    await typeInto(page, page.getByLabel('Maladie ou sujet de santé'), 'Diabète de type 2');
    await press(page, page.getByRole('button', { name: 'Enregistrer et continuer' }));
    await page.getByText('« Diabète de type 2 » est ajouté à votre profil médical.').waitFor();
    await press(page, page.getByRole('button', { name: 'Passer cette étape' }));
    await press(page, page.getByRole('button', { name: 'Passer cette étape' }));
    await page.getByRole('heading', { name: 'Votre profil médical est prêt' }).waitFor();
    await checkPage(page, 'discovery-done');
    await press(page, page.getByRole('link', { name: 'Accéder à mon profil médical' }));
    await page.getByText('Diabète de type 2').waitFor();
    await page.getByText(/Poids : 80/).waitFor();
  });
});
