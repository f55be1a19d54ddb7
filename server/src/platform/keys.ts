import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';

/**
 * The master key that wraps every file key. From MASTER_KEY when set (always in production); in
 * development and tests, generated once into DATA_DIR/master.key (mode 0600) and read back after.
 */
export async function loadMasterKey(config: Pick<Config, 'MASTER_KEY' | 'DATA_DIR'>): Promise<Buffer> {
  if (config.MASTER_KEY) return Buffer.from(config.MASTER_KEY, 'base64');
  const file = path.join(config.DATA_DIR, 'master.key');
  if (existsSync(file)) {
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key in base64`);
    return key;
  }
  const key = randomBytes(32);
  await mkdir(config.DATA_DIR, { recursive: true });
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

/** Derives a purpose-bound key from the master key (HKDF-SHA256), so one secret never serves two uses. */
export function deriveKey(masterKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `carnet:${purpose}`, 32));
}
