import PDFDocumentKit from 'pdfkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { handPdf, pdf, pdfWithCompressedScript, zipOf } from '../../../test/documents.js';
import { AppError } from '../../platform/errors.js';
import { inspectDocument } from './documents.inspect.js';

/** The code an inspection refuses with, or 'accepted'. */
async function outcome(bytes: Buffer): Promise<string> {
  try {
    await inspectDocument(bytes);
    return 'accepted';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

/** A hand-written one-page PDF whose catalog and info carry `catalogExtra` and `infoExtra`. */
const pdfWith = (catalogExtra: string, infoExtra = '') =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R ${catalogExtra} >> endobj\n` +
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n' +
      `4 0 obj << /Producer (Carnet) ${infoExtra} >> endobj\ntrailer << /Root 1 0 R /Info 4 0 R >>\n%%EOF\n`,
    'latin1',
  );

async function encryptedPdf(): Promise<Buffer> {
  const doc = new PDFDocumentKit({ userPassword: 'secret', ownerPassword: 'owner' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc.text('Compte rendu protégé');
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

// Findings of the outside probe (issue 14.7) on uploads.
describe('document inspection (issue 14.7)', () => {
  it('a PDF that is also a ZIP is stored rewritten: same pages, no archive left inside', async () => {
    const original = await pdf('Compte rendu');
    const poly = Buffer.concat([original, zipOf('lisez-moi.exe', Buffer.from('MZ charge utile POLYGLOTTE'))]);
    const stored = (await inspectDocument(poly)).data;
    for (const signature of ['PK\x03\x04', 'PK\x01\x02', 'PK\x05\x06', 'POLYGLOTTE'])
      expect(stored.includes(Buffer.from(signature, 'latin1'))).toBe(false);
    expect(stored.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await PDFDocument.load(stored)).getPageCount()).toBe((await PDFDocument.load(original)).getPageCount());
  });

  it('/JS or /JavaScript in a % comment or inside a string is not a script: accepted', async () => {
    expect(await outcome(pdfWith('% /JS (app.alert(1)) /JavaScript\n'))).toBe('accepted');
    expect(await outcome(pdfWith('', '/Subject (Lire /JS, /JavaScript et /Launch dans le manuel)'))).toBe('accepted');
    expect(await outcome(pdfWith('/OpenAction [3 0 R /Fit]'))).toBe('accepted');
  });

  it('active content is found in the parsed objects, nested, escaped or compressed', async () => {
    const cases: [string, Buffer][] = [
      ['OpenAction JavaScript', pdfWith('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>')],
      ['escaped name, lower-case hex', pdfWith('/OpenAction << /S /J#61v#61Script /J#53 (x) >>')],
      ['Launch', pdfWith('/OpenAction << /S /Launch /F (cmd.exe) >>')],
      ['additional action', pdfWith('/AA << /WC << /S /JavaScript /JS (x) >> >>')],
      [
        'embedded file',
        pdfWith('/Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec /EF << /F 4 0 R >> >>] >> >>'),
      ],
      ['XFA form', pdfWith('/AcroForm << /Fields [] /XFA 4 0 R >>')],
      ['compressed object stream', pdfWithCompressedScript()],
      ['hand PDF', handPdf('/OpenAction << /S /SubmitForm /F (https://example.org) >>')],
    ];
    for (const [name, bytes] of cases) expect(await outcome(bytes), name).toBe('DOCUMENT_PDF_ACTIVE');
  });

  it('an encrypted PDF cannot be checked: refused', async () => {
    expect(await outcome(await encryptedPdf())).toBe('DOCUMENT_PDF_ENCRYPTED');
  });

  it('an RTF embedding an OLE object or a DDE field is refused; a plain one is kept as is', async () => {
    const rtf = (body: string) => Buffer.from(`{\\rtf1\\ansi\\deff0 ${body}}`, 'latin1');
    expect(await outcome(rtf('{\\object\\objemb{\\*\\objclass Package}{\\*\\objdata 0105000002000000}}'))).toBe(
      'DOCUMENT_RTF_ACTIVE',
    );
    expect(await outcome(rtf('{\\*\\objdata 01050000}'))).toBe('DOCUMENT_RTF_ACTIVE');
    expect(await outcome(rtf('{\\obj\r\ndata 01050000}'))).toBe('DOCUMENT_RTF_ACTIVE');
    expect(
      await outcome(rtf('{\\field{\\*\\fldinst {\\rtlch DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc"}}}')),
    ).toBe('DOCUMENT_RTF_ACTIVE');
    const plain = rtf('{\\b Lettre de liaison} du Dr Martin : objet de la consultation.');
    expect((await inspectDocument(plain)).data).toEqual(plain);
  });

  it('a Windows-1252 (Latin-1) text file is accepted and stored in UTF-8; binary still refused', async () => {
    const cp1252 = Buffer.concat([
      Buffer.from('Fièvre à 39 °C, consultation réglée : 25 ', 'latin1'),
      Buffer.from([0x80, 0x0d, 0x0a]),
    ]);
    const inspected = await inspectDocument(cp1252);
    expect(inspected.mimeType).toBe('text/plain');
    expect(inspected.data.toString('utf8')).toBe('Fièvre à 39 °C, consultation réglée : 25 €\r\n');
    const utf8 = Buffer.from('Déjà en UTF-8 ✓\n', 'utf8');
    expect((await inspectDocument(utf8)).data).toEqual(utf8);
    expect(await outcome(Buffer.from([0x41, 0x81, 0x42]))).toBe('DOCUMENT_FORMAT');
    expect(await outcome(Buffer.from('texte\u0000nul'))).toBe('DOCUMENT_FORMAT');
  });
});
