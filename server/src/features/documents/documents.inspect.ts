import { inflateSync } from 'node:zlib';
import sharp, { type Metadata } from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../platform/errors.js';

/** Images above this many pixels are refused before being decoded (decompression bombs). */
export const MAX_PIXELS = 50_000_000;

/** What is stored once a file has passed every rule. */
export interface Inspected {
  data: Buffer;
  mimeType: 'image/jpeg' | 'application/pdf' | 'image/tiff' | 'text/plain' | 'application/rtf';
  extension: 'jpg' | 'pdf' | 'tif' | 'txt' | 'rtf';
  /** The file was a PNG and is stored as a JPEG. */
  converted: boolean;
}

/**
 * Decides what a file is from its bytes alone (never its name or declared type) and applies R7's rules:
 * JPG, PNG, PDF and TIF by their magic bytes; RTF by its header; TXT when the bytes are valid UTF-8 with
 * no control characters. Raster images are decoded and re-encoded as JPEG (a PNG's quality is kept,
 * metadata and any bytes hidden after the image are dropped); PDFs with scripts, launch actions or
 * embedded files are refused. Each refusal is an AppError naming the rule.
 */
export async function inspectDocument(bytes: Buffer): Promise<Inspected> {
  if (bytes.length === 0) throw new AppError('DOCUMENT_EMPTY');
  const type = await fileTypeFromBuffer(bytes);
  switch (type?.mime) {
    case 'image/jpeg':
      return { data: await reencode(bytes), mimeType: 'image/jpeg', extension: 'jpg', converted: false };
    case 'image/png':
      return { data: await reencode(bytes), mimeType: 'image/jpeg', extension: 'jpg', converted: true };
    case 'image/tiff':
      await checkImage(bytes);
      return { data: bytes, mimeType: 'image/tiff', extension: 'tif', converted: false };
    case 'application/pdf':
      checkPdf(bytes);
      return { data: bytes, mimeType: 'application/pdf', extension: 'pdf', converted: false };
    case 'application/rtf':
      return { data: bytes, mimeType: 'application/rtf', extension: 'rtf', converted: false };
    case undefined:
      if (bytes.subarray(0, 6).toString('latin1') === '{\\rtf1') return { data: bytes, mimeType: 'application/rtf', extension: 'rtf', converted: false };
      if (isPlainText(bytes)) return { data: bytes, mimeType: 'text/plain', extension: 'txt', converted: false };
  }
  throw new AppError('DOCUMENT_FORMAT');
}

/** Reads the image's header only, and refuses it when it is too large to decode safely or unreadable. */
async function checkImage(bytes: Buffer): Promise<void> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('DOCUMENT_DAMAGED');
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0) * (meta.pages ?? 1);
  if (!pixels) throw new AppError('DOCUMENT_DAMAGED');
  if (pixels > MAX_PIXELS) throw new AppError('DOCUMENT_TOO_MANY_PIXELS');
}

/** Decodes and re-encodes as JPEG: pixels only, turned upright, no metadata, no trailing bytes. */
async function reencode(bytes: Buffer): Promise<Buffer> {
  await checkImage(bytes);
  try {
    return await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 92, chromaSubsampling: '4:4:4', mozjpeg: true })
      .toBuffer();
  } catch {
    throw new AppError('DOCUMENT_DAMAGED');
  }
}

const PDF_ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|SubmitForm|ImportData|GoToE)(?![A-Za-z0-9])/;

/**
 * Refuses a PDF that carries scripts, launch actions or embedded files. Names are read after undoing
 * their #xx escapes (/J#61vaScript), and Flate-compressed streams (object streams hide dictionaries
 * there) are inflated and read too.
 */
export function checkPdf(bytes: Buffer): void {
  if (bytes.lastIndexOf('%%EOF') < 0) throw new AppError('DOCUMENT_DAMAGED');
  const scan = (text: string) => PDF_ACTIVE.test(text.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
  const text = bytes.toString('latin1');
  if (scan(text)) throw new AppError('DOCUMENT_PDF_ACTIVE');
  const streams = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streams.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      const inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: 32 * 1024 * 1024 });
      if (scan(inflated.toString('latin1'))) throw new AppError('DOCUMENT_PDF_ACTIVE');
    } catch (err) {
      if (err instanceof AppError) throw err;
      // A stream that inflates past the limit could hide anything: refused rather than half read.
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new AppError('DOCUMENT_DAMAGED');
      // Not a Flate stream (an image, a font): nothing to read.
    }
    streams.lastIndex = end;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Valid UTF-8 without control characters other than tab, line feed, form feed and carriage return. */
export function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/**
 * A file name fit to show and to offer on download: no folders, no control characters, at most 120
 * characters, its extension set from the detected format. Never used to build a path.
 */
export function cleanFileName(raw: string | undefined, extension: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (raw ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').replace(/^\.+/, '').trim();
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 120).trim() || 'document';
  return `${stem}.${extension}`;
}
