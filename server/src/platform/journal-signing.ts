import { createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';

/**
 * The journal's signing key (Ed25519), kept outside the database: whoever can rewrite the journal table
 * and recompute its SHA-256 chain still cannot sign the new chain heads. From JOURNAL_SIGNING_KEY (the
 * 32-byte seed in base64; required in production); in development and tests generated once into
 * DATA_DIR/journal-signing.key (mode 0600), as the master key is.
 */
export async function loadJournalSigningKey(config: Pick<Config, 'JOURNAL_SIGNING_KEY' | 'DATA_DIR'>): Promise<KeyObject> {
  if (config.JOURNAL_SIGNING_KEY) return fromSeed(Buffer.from(config.JOURNAL_SIGNING_KEY, 'base64'));
  const file = path.join(config.DATA_DIR, 'journal-signing.key');
  if (existsSync(file)) {
    const seed = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    if (seed.length !== 32) throw new Error(`${file} does not hold a 32-byte Ed25519 seed in base64`);
    return fromSeed(seed);
  }
  const seed = randomBytes(32);
  await mkdir(config.DATA_DIR, { recursive: true });
  try {
    await writeFile(file, `${seed.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process of the same DATA_DIR wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadJournalSigningKey(config);
    throw err;
  }
  return fromSeed(seed);
}

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function fromSeed(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The raw public key (32 bytes, base64url), as printed in extracts. */
export function publicKeyOf(key: KeyObject): string {
  return (createPublicKey(key).export({ format: 'jwk' }) as { x: string }).x;
}

/** The public key from its raw form. */
export function publicKeyFrom(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
}

/** What a chain head's signature covers: the chain, its last line's number and hash. */
export function headMessage(chainId: string, seq: number, hash: Buffer): Buffer {
  return Buffer.from(`carnet-journal-head\n${chainId}\n${seq}\n${hash.toString('hex')}`);
}

export function signBytes(key: KeyObject, data: Buffer): Buffer {
  return sign(null, data, key);
}

export function verifyBytes(key: KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    return verify(null, data, key, signature);
  } catch {
    return false;
  }
}
