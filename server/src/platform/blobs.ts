import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

/** What the store says of a file it has written. */
export interface StoredBlob {
  key: string;
  size: number;
  /** SHA-256 of the plaintext. */
  sha256: Buffer;
}

/**
 * Where files live. The local-folder implementation is the default; an S3-compatible one can take its
 * place in production without any feature changing.
 */
export interface BlobStore {
  /**
   * Stores the bytes; the blob is visible under its key only once completely and durably written.
   * `key` lets a caller record the key before writing (an upload intent), so that a crash can be undone.
   */
  put(data: Buffer | Readable | AsyncIterable<Buffer>, key?: string): Promise<StoredBlob>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every visible key (for audits and tests). */
  keys(): Promise<string[]>;
  /** Removes the temporary files a crash may have left; they were never visible. */
  sweep(): Promise<number>;
}

const MAGIC = Buffer.from('CRNB1');
const IV = 12;
const TAG = 16;
const HEADER = MAGIC.length + IV + 32 + TAG + IV; // magic, wrap iv, wrapped key, wrap tag, data iv
const KEY_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** This host in temporary names: app nodes on several machines may share one folder (NFS), and a pid means
 * something only on the host that made it. */
export const HOST_TAG = `h${createHash('sha256').update(hostname()).digest('hex').slice(0, 8)}`;
const TMP_RE = /^\.tmp-(?:(h[0-9a-f]{8})-)?(\d+)-/;

/**
 * Local folder store. Each file is encrypted with its own random 256-bit key (AES-256-GCM); that key is
 * wrapped by the master key (AES-256-GCM) and kept in the file's header. Writing goes to a temporary
 * file in the same folder, is fsynced, then renamed into place and the folder fsynced: a crash at any
 * point leaves either the whole blob or nothing under its key.
 *
 * File layout: "CRNB1" ‖ wrap IV ‖ wrapped key ‖ wrap tag ‖ data IV ‖ ciphertext ‖ data tag.
 */
export class LocalEncryptedBlobStore implements BlobStore {
  constructor(
    private readonly root: string,
    private readonly masterKey: Buffer,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {
    if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  }

  private pathOf(key: string): string {
    if (!KEY_RE.test(key)) throw new Error('invalid blob key');
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(data: Buffer | Readable | AsyncIterable<Buffer>, key: string = randomUUID()): Promise<StoredBlob> {
    const final = this.pathOf(key);
    const dir = path.dirname(final);
    await mkdir(dir, { recursive: true });
    // The writer's host and pid in the name let sweep() tell a crash's leftover from a write in progress.
    const tmp = path.join(dir, `.tmp-${HOST_TAG}-${process.pid}-${key}`);
    const fileKey = randomBytes(32);
    const wrapIv = randomBytes(IV);
    const wrap = createCipheriv('aes-256-gcm', this.masterKey, wrapIv);
    const wrapped = Buffer.concat([wrap.update(fileKey), wrap.final()]);
    const dataIv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', fileKey, dataIv);
    const hash = createHash('sha256');
    const fh = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
    let size = 0;
    try {
      await fh.write(Buffer.concat([MAGIC, wrapIv, wrapped, wrap.getAuthTag(), dataIv]));
      // A buffer goes in 1 MiB slices (views, not copies): the ciphertext then never exists whole next
      // to the plaintext (issue 13: peak memory per upload in flight).
      const source = Buffer.isBuffer(data) ? slices(data, 1 << 20) : data;
      for await (const chunk of source as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.maxBytes) throw new Error('blob larger than the store accepts');
        hash.update(chunk);
        await fh.write(cipher.update(chunk));
      }
      await fh.write(Buffer.concat([cipher.final(), cipher.getAuthTag()]));
      await fh.sync();
      await fh.close();
      await rename(tmp, final);
      await syncDir(dir);
    } catch (err) {
      await fh.close().catch(() => {});
      await rm(tmp, { force: true });
      throw err;
    }
    fileKey.fill(0);
    return { key, size, sha256: hash.digest() };
  }

  async get(key: string): Promise<Buffer> {
    const raw = await readFile(this.pathOf(key));
    if (raw.length < HEADER + TAG || !raw.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('blob is damaged');
    let o = MAGIC.length;
    const wrapIv = raw.subarray(o, (o += IV));
    const wrapped = raw.subarray(o, (o += 32));
    const wrapTag = raw.subarray(o, (o += TAG));
    const dataIv = raw.subarray(o, (o += IV));
    const unwrap = createDecipheriv('aes-256-gcm', this.masterKey, wrapIv);
    unwrap.setAuthTag(wrapTag);
    const fileKey = Buffer.concat([unwrap.update(wrapped), unwrap.final()]);
    const decipher = createDecipheriv('aes-256-gcm', fileKey, dataIv);
    decipher.setAuthTag(raw.subarray(raw.length - TAG));
    const plain = Buffer.concat([decipher.update(raw.subarray(o, raw.length - TAG)), decipher.final()]);
    fileKey.fill(0);
    return plain;
  }

  async delete(key: string): Promise<void> {
    const p = this.pathOf(key);
    await rm(p, { force: true });
    await syncDir(path.dirname(p)).catch(() => {});
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  async keys(): Promise<string[]> {
    const out: string[] = [];
    for (const shard of await readdir(this.root).catch(() => [] as string[])) {
      for (const f of await readdir(path.join(this.root, shard)).catch(() => [] as string[]))
        if (KEY_RE.test(f)) out.push(f);
    }
    return out.sort();
  }

  /**
   * Removes the temporary files whose writer is gone. Another process may be writing right now (an
   * operator command starts while the server uploads): its files are left alone, unless older than a
   * day (the pid was reused after a reboot). A file written on another host (a shared folder) is left
   * to that host's sweep, or removed once older than a day: its pid cannot be checked from here.
   */
  async sweep(): Promise<number> {
    let removed = 0;
    for (const shard of await readdir(this.root).catch(() => [] as string[])) {
      for (const f of await readdir(path.join(this.root, shard)).catch(() => [] as string[])) {
        if (!f.startsWith('.tmp-')) continue;
        const file = path.join(this.root, shard, f);
        const [, host, pidText] = TMP_RE.exec(f) ?? [];
        const pid = Number(pidText ?? 0);
        const old = await stat(file).then(
          (s) => Date.now() - s.mtimeMs > 86_400_000,
          () => true,
        );
        const elsewhere = host !== undefined && host !== HOST_TAG;
        if (!old && ((pid && elsewhere) || (pid && processAlive(pid)))) continue;
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** True when a process with this pid runs on this host (used to tell a crash's leftovers from work in progress). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, constants.O_RDONLY);
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}

/** Accepts a Readable too, for callers that hold a stream (uploads). */
export function toStream(data: Buffer): Readable {
  return Readable.from([data]);
}

/** Consecutive views of `data`, `size` bytes each (the last one shorter). */
function* slices(data: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
  if (data.length === 0) yield data;
}
