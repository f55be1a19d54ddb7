import type { LineFields } from './journal.js';
import type { KeyObject } from 'node:crypto';
import { lineHash } from './journal.js';
import { headMessage, signBytes, verifyBytes } from './journal-signing.js';

/**
 * A signed extract of one chain of the journal (issue 10, journal proof): JSON lines — a header (the
 * chain, its head and the head's signature, the public key), one line per journal line with every field
 * its hash covers, then a last line holding the Ed25519 signature of all the bytes before it. Anyone with
 * the public key can check it: each hash recomputed, each line linked to the one before, the last one
 * equal to the signed head, and the whole file signed.
 */
export const EXTRACT_FORMAT = 'carnet-journal-extract/1';
const GENESIS = Buffer.alloc(32).toString('hex');

/** A line as the extract carries it: the hashed fields, and its hashes in hex. */
export interface ExtractLine extends LineFields {
  prev_hash: string;
  hash: string;
}

export interface ExtractHeader {
  format: typeof EXTRACT_FORMAT;
  chainId: string;
  generatedAt: string;
  publicKey: string;
  head: { seq: number; hash: string; signature: string };
}

/** Writes the extract's text from the header's parts and the chain's lines in order. */
export function writeExtract(
  key: KeyObject,
  publicKey: string,
  chainId: string,
  lines: ExtractLine[],
  head: { seq: number; hash: Buffer },
): string {
  const header: ExtractHeader = {
    format: EXTRACT_FORMAT,
    chainId,
    generatedAt: new Date().toISOString(),
    publicKey,
    head: {
      seq: head.seq,
      hash: head.hash.toString('hex'),
      signature: signBytes(key, headMessage(chainId, head.seq, head.hash)).toString('base64'),
    },
  };
  const body = [JSON.stringify(header), ...lines.map((l) => JSON.stringify(l))].join('\n') + '\n';
  return `${body}${JSON.stringify({ signature: signBytes(key, Buffer.from(body)).toString('base64') })}\n`;
}

export type ExtractProblem =
  | 'format'
  | 'extract-signature'
  | 'head-signature'
  | 'foreign-key'
  | 'sequence-gap'
  | 'broken-link'
  | 'hash-mismatch'
  | 'head-mismatch';

/** Checks an extract against `key` (the server's public key); lists every problem found. */
export function verifyExtract(
  text: string,
  key: KeyObject,
  publicKey: string,
): { lines: number; chainId: string | null; problems: { seq: number | null; problem: ExtractProblem }[] } {
  const problems: { seq: number | null; problem: ExtractProblem }[] = [];
  const cut = text.trimEnd().lastIndexOf('\n');
  if (cut < 0) return { lines: 0, chainId: null, problems: [{ seq: null, problem: 'format' }] };
  const body = text.slice(0, cut + 1);
  let header: ExtractHeader;
  let signature: string;
  let lines: ExtractLine[];
  try {
    signature = (JSON.parse(text.slice(cut + 1)) as { signature: string }).signature;
    const [first, ...rest] = body.trimEnd().split('\n');
    header = JSON.parse(first!) as ExtractHeader;
    lines = rest.map((l) => JSON.parse(l) as ExtractLine);
    if (header.format !== EXTRACT_FORMAT || typeof signature !== 'string') throw new Error('format');
  } catch {
    return { lines: 0, chainId: null, problems: [{ seq: null, problem: 'format' }] };
  }
  if (header.publicKey !== publicKey) problems.push({ seq: null, problem: 'foreign-key' });
  if (!verifyBytes(key, Buffer.from(body), Buffer.from(signature, 'base64')))
    problems.push({ seq: null, problem: 'extract-signature' });
  const headHash = Buffer.from(header.head.hash, 'hex');
  if (
    !verifyBytes(
      key,
      headMessage(header.chainId, header.head.seq, headHash),
      Buffer.from(header.head.signature, 'base64'),
    )
  ) {
    problems.push({ seq: null, problem: 'head-signature' });
  }
  let prev = { seq: 0, hash: GENESIS };
  for (const l of lines) {
    if (l.seq !== prev.seq + 1 || l.chain_id !== header.chainId) problems.push({ seq: l.seq, problem: 'sequence-gap' });
    if (l.prev_hash !== prev.hash) problems.push({ seq: l.seq, problem: 'broken-link' });
    const { prev_hash, hash, ...fields } = l;
    if (lineHash(Buffer.from(prev_hash, 'hex'), fields).toString('hex') !== hash)
      problems.push({ seq: l.seq, problem: 'hash-mismatch' });
    prev = { seq: l.seq, hash };
  }
  if (prev.seq !== header.head.seq || prev.hash !== header.head.hash)
    problems.push({ seq: null, problem: 'head-mismatch' });
  return { lines: lines.length, chainId: header.chainId, problems };
}
