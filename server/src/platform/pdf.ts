import PDFDocument from 'pdfkit';
import type { Locale } from '../../../shared/src/locale.js';

export type Pdf = InstanceType<typeof PDFDocument>;

/**
 * Renders a PDF in memory with pdfkit. Its standard Helvetica has no U+202F (the narrow no-break space
 * French typography and toLocaleString use): such spaces are replaced by U+00A0.
 */
export function renderPdf(title: string, draw: (doc: Pdf) => void, locale: Locale = 'fr'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: title, Creator: 'Carnet' },
      lang: locale === 'en' ? 'en-GB' : 'fr-FR',
    } as PDFKit.PDFDocumentOptions);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const text = doc.text.bind(doc);
    doc.text = ((s: unknown, ...rest: unknown[]) =>
      text(typeof s === 'string' ? s.replace(/\u202f/g, '\u00a0') : (s as string), ...(rest as []))) as typeof doc.text;
    draw(doc);
    doc.end();
  });
}

/** A date as people read it in France: "22 novembre 2026". */
export function frenchDate(d: Date | string): string {
  const date = typeof d === 'string' ? new Date(`${d}T12:00:00Z`) : d;
  return date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
}

/** A date as people read it in their language: "22 novembre 2026", "22 November 2026". */
export function localDate(d: Date | string, locale: Locale): string {
  if (locale === 'fr') return frenchDate(d);
  const date = typeof d === 'string' ? new Date(`${d}T12:00:00Z`) : d;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
}
