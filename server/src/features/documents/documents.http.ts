/** Types a browser may show itself; anything else is downloaded. */
const INLINE = new Set(['application/pdf', 'image/jpeg', 'image/tiff']);

/**
 * Headers of a file answer: its type (never sniffed), a Content-Disposition with an ASCII fallback and
 * the exact name in RFC 5987 form, and a Content-Security-Policy that lets the file run nothing.
 */
export function fileHeaders(mimeType: string, fileName: string, forceDownload: boolean): Record<string, string> {
  const disposition = INLINE.has(mimeType) && !forceDownload ? 'inline' : 'attachment';
  const ascii =
    fileName
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'document';
  return {
    'content-type': mimeType.startsWith('text/') ? `${mimeType}; charset=utf-8` : mimeType,
    'content-disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRFC5987(fileName)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
    'cross-origin-resource-policy': 'same-origin',
  };
}

function encodeRFC5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
