import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFObject } from 'pdf-lib';
import { AppError } from '../../platform/errors.js';

// Keys whose mere presence makes a PDF active: scripts, embedded files, multimedia, XFA forms (scriptable).
const ACTIVE_KEYS = new Set(['JS', 'JavaScript', 'EmbeddedFile', 'EmbeddedFiles', 'EF', 'RichMedia', 'XFA']);
// Action types (the /S of an action dictionary, wherever it hangs: /OpenAction, /AA, an annotation's /A…)
// that run code, start a program, send data out or open another file.
const ACTIVE_ACTIONS = new Set([
  'JavaScript',
  'Launch',
  'SubmitForm',
  'ImportData',
  'GoToE',
  'GoToR',
  'RichMediaExecute',
]);
// A type that is active whatever the key it is found under (/Type /EmbeddedFile, /Subtype /RichMedia…).
const ACTIVE_TYPES = new Set(['EmbeddedFile', 'RichMedia', 'FileAttachment', 'Movie', 'Sound', 'Screen', '3D']);

/** A name as the PDF means it: #xx escapes undone, upper and lower case hex alike (/J#61vaScript). */
function nameOf(n: PDFName): string {
  return n
    .asString()
    .slice(1)
    .replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** True when an object, or any dictionary or array nested in it, carries an active key, action or type. */
function isActive(obj: PDFObject, depth = 0): boolean {
  if (depth > 64) return true; // nesting that deep is not a document someone wrote: refused rather than half read
  const dict = obj instanceof PDFRawStream ? obj.dict : obj;
  if (dict instanceof PDFArray) return dict.asArray().some((v) => isActive(v, depth + 1));
  if (!(dict instanceof PDFDict)) return false;
  for (const [key, value] of dict.entries()) {
    const k = nameOf(key);
    if (ACTIVE_KEYS.has(k)) return true;
    if (value instanceof PDFName) {
      const v = nameOf(value);
      if (k === 'S' && ACTIVE_ACTIONS.has(v)) return true;
      if ((k === 'Type' || k === 'Subtype') && ACTIVE_TYPES.has(v)) return true;
    }
    if (isActive(value, depth + 1)) return true;
  }
  return false;
}

/**
 * Refuses a Flate stream that inflates past 32 MB before the parser meets it (pdf-lib inflates object
 * streams without a limit): a decompression bomb is refused, not decoded.
 */
function checkStreamSizes(bytes: Buffer): void {
  const text = bytes.toString('latin1');
  const streams = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streams.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      inflateSync(bytes.subarray(start, end), { maxOutputLength: 32 * 1024 * 1024 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new AppError('DOCUMENT_DAMAGED');
      // Not a Flate stream (an image, a font): nothing to measure.
    }
    streams.lastIndex = end;
  }
}

/**
 * Parses a PDF into its objects (pdf-lib, object streams included) and refuses it when any object carries
 * scripts, launch or submit actions, embedded files, multimedia or XFA — read from the objects, so `/JS` in a
 * `%` comment, a string or a content stream is not mistaken for a script. Returns the PDF rewritten by the
 * parser from those objects alone: bytes after the end, a ZIP appended or prepended (a polyglot), earlier
 * revisions' leftovers and comments are dropped, so what is stored is exactly what was inspected.
 * Encrypted PDFs are refused: their strings and streams cannot be read, hence not checked.
 */
export async function neutralisePdf(bytes: Buffer): Promise<Buffer> {
  if (bytes.lastIndexOf('%%EOF') < 0) throw new AppError('DOCUMENT_DAMAGED');
  checkStreamSizes(bytes);
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true, ignoreEncryption: true });
  } catch {
    throw new AppError('DOCUMENT_DAMAGED');
  }
  if (doc.isEncrypted) throw new AppError('DOCUMENT_PDF_ENCRYPTED');
  for (const [, obj] of doc.context.enumerateIndirectObjects())
    if (isActive(obj)) throw new AppError('DOCUMENT_PDF_ACTIVE');
  try {
    return Buffer.from(
      await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }),
    );
  } catch {
    throw new AppError('DOCUMENT_DAMAGED');
  }
}
