import sharp, { type Metadata } from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../platform/errors.js';
import { neutralisePdf } from './documents.pdf-check.js';

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
 * no control characters, or Windows-1252 (stored re-encoded in UTF-8). Raster images are decoded and
 * re-encoded as JPEG (a PNG's quality is kept, metadata and any bytes hidden after the image are dropped);
 * PDFs with scripts, launch actions or embedded files are refused, the others rewritten from their parsed
 * objects (documents.pdf-check.ts); RTFs embedding OLE objects or active fields are refused. Each refusal
 * is an AppError naming the rule.
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
      return { data: await neutralisePdf(bytes), mimeType: 'application/pdf', extension: 'pdf', converted: false };
    case 'application/rtf':
      checkRtf(bytes);
      return { data: bytes, mimeType: 'application/rtf', extension: 'rtf', converted: false };
    case undefined: {
      if (bytes.subarray(0, 6).toString('latin1') === '{\\rtf1') {
        checkRtf(bytes);
        return { data: bytes, mimeType: 'application/rtf', extension: 'rtf', converted: false };
      }
      const text = plainText(bytes);
      if (text !== null) return { data: text, mimeType: 'text/plain', extension: 'txt', converted: false };
    }
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

const utf8 = new TextDecoder('utf-8', { fatal: true });
// Windows-1252's 0x80–0x9F (the rest is Latin-1, byte = code point); '' where the code page leaves a byte
// undefined. Written out because Node's TextDecoder('windows-1252') reads these bytes as Latin-1's C1 controls.
const CP1252_HIGH = '€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000\u0000‘’“”•–—˜™š›œ\u0000žŸ';

function decodeWindows1252(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/**
 * A text file's content in UTF-8, or null when it is not text. UTF-8 is kept as it is; bytes that are not
 * valid UTF-8 are read as Windows-1252 (what older French PCs write; a superset of Latin-1's printable
 * characters) and stored re-encoded in UTF-8. Text has no control characters other than tab, line feed,
 * form feed and carriage return, and none of the C1 range (bytes Windows-1252 leaves undefined).
 */
export function plainText(bytes: Buffer): Buffer | null {
  let text: string;
  let data = bytes;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = decodeWindows1252(bytes);
    data = Buffer.from(text, 'utf8');
  }
  // Undefined Windows-1252 bytes decode to NUL above, so they are refused with the other control characters.
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/.test(text) ? null : data;
}

// RTF control words that embed or link an OLE object (\object, \objdata, \objemb, \objocx…, the carriers of
// most RTF exploits) or a field that pulls data or runs a program (DDE, DDEAUTO, INCLUDETEXT, INCLUDEPICTURE).
const RTF_ACTIVE = /\\obj[a-z]*|\\fldinst[^}]*\b(DDE|DDEAUTO|INCLUDETEXT|INCLUDEPICTURE|IMPORT|LINK)\b/i;

/**
 * Refuses an RTF that embeds an OLE object or an active field. RTF readers ignore line breaks inside control
 * words and hex data, so they are removed before looking.
 */
export function checkRtf(bytes: Buffer): void {
  if (RTF_ACTIVE.test(bytes.toString('latin1').replace(/[\r\n]/g, ''))) throw new AppError('DOCUMENT_RTF_ACTIVE');
}

/**
 * A file name fit to show and to offer on download: no folders, no control characters, at most 120
 * characters, its extension set from the detected format. Never used to build a path.
 */
export function cleanFileName(raw: string | undefined, extension: string): string {
  const base = (raw ?? '')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^\.+/, '')
    .trim();
  const stem =
    base
      .replace(/\.[A-Za-z0-9]{1,5}$/, '')
      .slice(0, 120)
      .trim() || 'document';
  return `${stem}.${extension}`;
}
