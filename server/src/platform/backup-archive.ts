import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/**
 * The backup archive's encryption: a stream of frames, each sealed with AES-256-GCM under a key derived
 * (HKDF-SHA256, random salt in the header) from the backup key. A frame's index and whether it is the
 * last are in its additional data, so frames cannot be reordered, dropped or cut off without the
 * restore noticing; nothing is trusted before its frame is authenticated.
 *
 * Layout: "CRNBK1" ‖ salt (16) ‖ frames; frame: length (4, big-endian) ‖ IV (12) ‖ ciphertext ‖ tag (16).
 */
const MAGIC = Buffer.from('CRNBK1');
const FRAME = 1024 * 1024;

function frameKey(backupKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', backupKey, salt, 'carnet:backup-archive', 32));
}

function aad(index: number, last: boolean): Buffer {
  const b = Buffer.alloc(9);
  b.writeBigUInt64BE(BigInt(index));
  b[8] = last ? 1 : 0;
  return b;
}

/** Writes plaintext into sealed frames of about 1 MB. */
export class ArchiveWriter {
  private buffered: Buffer[] = [];
  private size = 0;
  private index = 0;
  private readonly key: Buffer;
  private readonly salt = randomBytes(16);
  private started = false;

  constructor(
    private readonly file: FileHandle,
    backupKey: Buffer,
  ) {
    this.key = frameKey(backupKey, this.salt);
  }

  async write(data: Buffer): Promise<void> {
    if (!this.started) {
      await this.file.write(Buffer.concat([MAGIC, this.salt]));
      this.started = true;
    }
    this.buffered.push(data);
    this.size += data.length;
    while (this.size >= FRAME) await this.flush(false);
  }

  private async flush(last: boolean): Promise<void> {
    const all = Buffer.concat(this.buffered);
    const take = last ? all.length : FRAME;
    const plain = all.subarray(0, take);
    this.buffered = [all.subarray(take)];
    this.size = all.length - take;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(aad(this.index++, last));
    const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(sealed.length);
    await this.file.write(Buffer.concat([len, iv, sealed]));
  }

  /** Seals the last frame (possibly empty) and syncs the file. */
  async close(): Promise<void> {
    if (!this.started) await this.write(Buffer.alloc(0));
    await this.flush(true);
    await this.file.sync();
  }
}

/** Reads and authenticates the frames one by one; throws on a wrong key, a changed byte or a cut file. */
export async function* readArchive(file: FileHandle, backupKey: Buffer): AsyncGenerator<Buffer> {
  const head = Buffer.alloc(MAGIC.length + 16);
  await file.read(head, 0, head.length, 0);
  if (!head.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error("ce fichier n'est pas une sauvegarde Carnet");
  const key = frameKey(backupKey, head.subarray(MAGIC.length));
  let position = head.length;
  const { size } = await file.stat();
  for (let index = 0; ; index++) {
    if (position + 4 > size) throw new Error('sauvegarde tronquée');
    const len = Buffer.alloc(4);
    await file.read(len, 0, 4, position);
    const n = len.readUInt32BE();
    const frame = Buffer.alloc(12 + n);
    const { bytesRead } = await file.read(frame, 0, frame.length, position + 4);
    if (bytesRead !== frame.length || n < 16) throw new Error('sauvegarde tronquée');
    position += 4 + frame.length;
    const last = position === size;
    const decipher = createDecipheriv('aes-256-gcm', key, frame.subarray(0, 12));
    decipher.setAAD(aad(index, last));
    decipher.setAuthTag(frame.subarray(frame.length - 16));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(frame.subarray(12, frame.length - 16)), decipher.final()]);
    } catch {
      throw new Error('sauvegarde illisible : mauvaise clé, fichier altéré ou tronqué');
    }
    yield plain;
    if (last) return;
  }
}
