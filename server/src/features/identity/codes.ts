import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

// No 0/O, 1/I/L: a code copied from a letter must not be misread.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A provisional code: 12 characters from a 31-letter alphabet (≈ 59 bits), shown as XXXX-XXXX-XXXX. */
export function newProvisionalCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** What people type, reduced to the code's characters (spaces, dashes, case ignored). */
export function normalizeProvisionalCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** A one-time code: 6 digits, uniformly drawn. */
export function newOneTimeCode(): string {
  return String(randomInt(1_000_000)).padStart(6, '0');
}

/** Codes are stored only as HMAC-SHA256 under a key derived from the master key, bound to their purpose. */
export function codeHash(key: Buffer, purpose: string, code: string): Buffer {
  return createHmac('sha256', key).update(`${purpose}\0${code}`).digest();
}

export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
