import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF made by pdfkit with its standard fonts, read back without a PDF library: each content
 * stream is inflated, and the hex strings of its TJ/Tj operators are decoded as WinAnsi (Latin-1 for the
 * French letters used here). One line per text object. Good enough to check what a generated PDF says.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const streamRe = /<<([^]*?)>>\s*stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamRe.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let body = pdf.subarray(start, end);
    if (/\/FlateDecode/.test(m[1]!)) {
      try {
        body = inflateSync(body);
      } catch {
        continue;
      }
    }
    const content = body.toString('latin1');
    for (const bt of content.split(/\bBT\b/).slice(1)) {
      const text = [...bt.split(/\bET\b/)[0]!.matchAll(/<([0-9a-fA-F]*)>/g)]
        .map((h) => Buffer.from(h[1]!, 'hex').toString('latin1'))
        .join('');
      if (text) out.push(text);
    }
  }
  return out.join('\n');
}
