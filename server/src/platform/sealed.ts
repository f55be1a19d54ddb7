import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV = 12;
const TAG = 16;

/** A record's texts sealed under its own key, that key wrapped by a platform key. */
export interface Sealed {
  /** wrap IV ‖ wrapped key ‖ wrap tag (60 bytes). */
  dek: Buffer;
  /** Each text as IV ‖ ciphertext ‖ tag, in the order given. */
  parts: Buffer[];
}

function encrypt(key: Buffer, plain: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV);
  const c = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]);
}

function decrypt(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < IV + TAG) throw new Error('sealed text is damaged');
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV)).setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  return Buffer.concat([d.update(sealed.subarray(IV, sealed.length - TAG)), d.final()]);
}

/**
 * Seals texts of one record (a message's subject and body) like the blob store seals files: a random
 * 256-bit key per record (AES-256-GCM), wrapped by `wrapKey`. `aad` binds the ciphertexts to the record
 * (its id): a sealed body copied onto another row does not open there.
 */
export function sealTexts(wrapKey: Buffer, aad: string, texts: string[]): Sealed {
  const key = randomBytes(32);
  const binding = Buffer.from(aad);
  try {
    return {
      dek: encrypt(wrapKey, key, binding),
      parts: texts.map((t) => encrypt(key, Buffer.from(t, 'utf8'), binding)),
    };
  } finally {
    key.fill(0);
  }
}

/** Opens what sealTexts() sealed; throws when a byte was changed or the record's binding differs. */
export function openTexts(wrapKey: Buffer, aad: string, dek: Buffer, parts: Buffer[]): string[] {
  const binding = Buffer.from(aad);
  const key = decrypt(wrapKey, dek, binding);
  try {
    return parts.map((p) => decrypt(key, p, binding).toString('utf8'));
  } finally {
    key.fill(0);
  }
}
