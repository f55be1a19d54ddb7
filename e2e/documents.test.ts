import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPage, hasHorizontalScroll, signInAsNewPerson, startE2E, visit, type E2E } from './support';
import { press, tabTo, typeInto } from './keyboard';
import { image, pdf } from '../server/test/documents.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/**
 * Reaches « parcourir les fichiers » by keyboard, then answers the system's file dialog (which no page can
 * drive) with setInputFiles. The first journey also presses Enter and checks that the dialog opens.
 */
async function browse(
  page: Page,
  files: { name: string; mimeType: string; buffer: Buffer }[],
  { openDialog = false } = {},
) {
  const control = page.getByLabel('parcourir les fichiers');
  await tabTo(page, control);
  if (openDialog) {
    // Enter opens the system dialog; a loaded machine sometimes drops the first activation, and a person
    // would then press again (Space also activates a file input).
    let chooser = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 5000 }).catch(() => null),
      page.keyboard.press('Enter'),
    ]).then(([c]) => c);
    if (!chooser)
      chooser = (
        await Promise.all([
          page.waitForEvent('filechooser', { timeout: 10_000 }),
          control.focus().then(() => page.keyboard.press('Space')),
        ])
      )[0];
    await chooser.setFiles(files);
  } else {
    await control.setInputFiles(files);
  }
}

/** Fills « Je modifie les informations de mon document » by keyboard and saves. */
async function describeDocument(page: Page, title: string, category: string) {
  const form = page.getByRole('form', { name: /Informations du document/ });
  await form.getByRole('heading', { name: 'Je modifie les informations de mon document' }).waitFor();
  const titleField = form.getByLabel('Titre');
  await tabTo(page, titleField);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(title);
  await tabTo(page, form.getByLabel('Catégorie'));
  await form.getByLabel('Catégorie').selectOption({ label: category }); // a native select: the keyboard opens the same list
  await press(page, form.getByRole('button', { name: 'Enregistrer' }));
}

describe('documents', () => {
  for (const width of [1280, 320]) {
    it(`adds by file picker and by drag-and-drop, edits, hides and deletes, by keyboard (${width} px)`, async () => {
      const page = await e2e.newPage({ width, height: 900 });
      await signInAsNewPerson(page, e2e, { firstName: 'Alice' });
      await visit(page, '/documents');
      await page.getByText('Aucun document pour le moment.').waitFor();
      await checkPage(page, `documents-empty-${width}`);

      // By the file picker: a PNG (converted) and a PDF at once, each with its progress bar.
      await browse(
        page,
        [
          { name: 'radio-genou.png', mimeType: 'image/png', buffer: await image('png') },
          { name: 'ordonnance.pdf', mimeType: 'application/pdf', buffer: await pdf('Ordonnance') },
        ],
        { openDialog: true },
      );
      await page.getByText('1 document au format png sera converti et stocké au format jpg', { exact: true }).waitFor();
      expect(await page.locator('progress').count()).toBe(2);
      await page.getByText('ordonnance.pdf — envoyé').waitFor();
      await page.getByText('radio-genou.png — envoyé').waitFor();
      await checkPage(page, `documents-uploaded-${width}`);
      await describeDocument(page, 'Radio du genou', 'Radio, écho, scanner, IRM');
      await describeDocument(page, 'Ordonnance du Dr Martin', 'Ordonnances et soins');
      const done = page.getByText('Félicitations, Mon document est ajouté!');
      await done.waitFor();
      const list = page.getByRole('list', { name: 'Mes documents' });
      await list.getByRole('link', { name: 'Radio du genou', exact: true }).waitFor();
      await list.getByRole('link', { name: 'Ordonnance du Dr Martin', exact: true }).waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
      await checkPage(page, `documents-added-${width}`);

      // A refused file: the server's message, in French, saying which rule failed.
      await browse(page, [
        {
          name: 'faux.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(100)]),
        },
      ]);
      await page.getByRole('alert').filter({ hasText: "faux.pdf : Ce format n'est pas accepté" }).waitFor();
      await checkPage(page, `documents-refused-${width}`);

      // By drag-and-drop: a drop event carrying a file, as the browser makes it.
      await page.getByTestId('drop-zone').evaluate((zone) => {
        const dt = new DataTransfer();
        dt.items.add(new File(['Tension 12/8, à revoir.'], 'notes-tension.txt', { type: 'text/plain' }));
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      });
      await page.getByText('notes-tension.txt — envoyé').waitFor();
      await describeDocument(page, 'Suivi de tension', 'Autres documents');
      await done.waitFor();
      await list.getByRole('link', { name: 'Suivi de tension', exact: true }).waitFor();

      // Edit an existing document.
      await press(page, page.getByRole('button', { name: 'Modifier « Suivi de tension »' }));
      await describeDocument(page, 'Suivi de ma tension', 'Prévention et dépistages');
      await page.getByText('Les informations du document sont enregistrées.').waitFor();
      await list.getByText(/Prévention et dépistages/).waitFor();

      // Hide from professionals.
      await press(page, page.getByRole('button', { name: 'Masquer aux professionnels « Ordonnance du Dr Martin »' }));
      await page.getByText('Le document est masqué aux professionnels de santé.').waitFor();
      await list.getByText('Masqué aux professionnels', { exact: true }).waitFor();
      await checkPage(page, `documents-hidden-${width}`);

      // Delete, with confirmation.
      await press(page, page.getByRole('button', { name: 'Supprimer « Radio du genou »' }));
      await page.getByText('Supprimer définitivement « Radio du genou » ?').waitFor();
      await checkPage(page, `documents-confirm-delete-${width}`);
      await press(page, page.getByRole('button', { name: 'Confirmer la suppression' }));
      await page.getByText('« Radio du genou » est supprimé.').waitFor();
      await list.getByRole('link', { name: 'Radio du genou', exact: true }).waitFor({ state: 'detached' });
      expect(await list.locator(':scope > li').count()).toBe(2);

      // Search by title, by keyboard.
      await typeInto(page, page.getByLabel('Rechercher par titre'), 'ordonnance');
      await page.waitForFunction(() => document.querySelectorAll('[aria-label="Mes documents"] > li').length === 1);
      expect(await hasHorizontalScroll(page)).toBe(false);
    });
  }

  it('opens a PDF inline in its own tab, with the strict headers', async () => {
    const page = await e2e.newPage();
    await signInAsNewPerson(page, e2e);
    await visit(page, '/documents');
    await browse(page, [{ name: 'bilan.pdf', mimeType: 'application/pdf', buffer: await pdf('Bilan') }]);
    await describeDocument(page, 'Bilan', 'Résultats de biologie');
    const href = await page.getByRole('link', { name: 'Bilan', exact: true }).getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toMatch(/^inline; filename="bilan.pdf"/);
    expect(res.headers()['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
  });
});
