import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';

/**
 * A multipart/form-data body with one file field, built by hand (tests control every byte); the name in UTF-8, as
 * browsers send it.
 */
export function multipartBody(fileName: string, bytes: Buffer, declaredType = 'application/octet-stream') {
  const boundary = `----carnet${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${declaredType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-carnet-csrf': '1' },
  };
}

/** A real PDF made with pdfkit; `raw` is appended inside the file before its end (for hostile variants). */
export async function pdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc.text(text);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A hand-written PDF whose catalog carries `extra` (an OpenAction, a Names tree…). */
export function handPdf(extra: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R ${extra} >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/**
 * A PDF whose /JavaScript action hides in a Flate-compressed object stream (object 4, the catalog's
 * OpenAction): invisible to a scan of the raw bytes, seen by a parser.
 */
export function pdfWithCompressedScript(): Buffer {
  const inner = '<< /S /JavaScript /JS (app.alert(1)) >>';
  const header = '4 0 ';
  const hidden = deflateSync(Buffer.from(header + inner, 'latin1'));
  return Buffer.concat([
    Buffer.from('%PDF-1.5\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj\n', 'latin1'),
    Buffer.from('2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n', 'latin1'),
    Buffer.from(
      `3 0 obj << /Type /ObjStm /N 1 /First ${header.length} /Filter /FlateDecode /Length ${hidden.length} >>\nstream\n`,
      'latin1',
    ),
    hidden,
    Buffer.from('\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}

/** A ZIP archive of one stored (uncompressed) file, built by hand: appended to a PDF, it makes a polyglot. */
export function zipOf(name: string, content: Buffer): Buffer {
  const n = Buffer.from(name, 'latin1');
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(n.length, 28);
  const dirOffset = local.length + n.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(dirOffset, 16);
  return Buffer.concat([local, n, content, central, n, end]);
}

export const image = (format: 'jpeg' | 'png' | 'tiff', width = 64, height = 48) => {
  const img = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 } } });
  return img[format]().toBuffer();
};

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A decompression bomb: a tiny PNG declaring 100 000 × 100 000 pixels. */
export function pixelBomb(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1000))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
