import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOST_TAG, LocalEncryptedBlobStore } from './blobs.js';

const MARKER = 'SECRET-MARKER-compte-rendu-opératoire';

/** Every file under `dir`, at any depth, temporary ones included. */
async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  return out;
}

describe('LocalEncryptedBlobStore', () => {
  let root: string;
  let masterKey: Buffer;
  let store: LocalEncryptedBlobStore;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'carnet-blobs-'));
    masterKey = randomBytes(32);
    store = new LocalEncryptedBlobStore(root, masterKey);
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('gives back exactly what it was given, with its size and SHA-256', async () => {
    const data = Buffer.concat([Buffer.from(MARKER), randomBytes(100_000)]);
    const stored = await store.put(data);
    expect(stored.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored.size).toBe(data.length);
    expect(stored.sha256.equals(createHash('sha256').update(data).digest())).toBe(true);
    expect((await store.get(stored.key)).equals(data)).toBe(true);
    expect(await store.exists(stored.key)).toBe(true);
    expect(await store.keys()).toEqual([stored.key]);

    const empty = await store.put(Buffer.alloc(0));
    expect(empty.size).toBe(0);
    expect((await store.get(empty.key)).length).toBe(0);
  });

  it('writes no plaintext to disk, only files readable by their owner', async () => {
    const text = Buffer.from(`${MARKER} `.repeat(2000));
    await store.put(text);
    await store.put(Readable.from([Buffer.from(MARKER), Buffer.from(' streamed')]));
    const files = await allFiles(root);
    expect(files).toHaveLength(2);
    for (const f of files) {
      const raw = await readFile(f);
      expect(raw.includes(Buffer.from(MARKER))).toBe(false);
      expect(raw.includes(Buffer.from('SECRET-MARKER'))).toBe(false);
      expect(raw.includes(Buffer.from('SECRET-MARKER', 'utf16le'))).toBe(false);
      expect(raw.includes(masterKey)).toBe(false);
      expect((await stat(f)).mode & 0o777).toBe(0o600);
    }
  });

  it('cannot be read with another master key', async () => {
    const { key } = await store.put(Buffer.from(MARKER));
    const other = new LocalEncryptedBlobStore(root, randomBytes(32));
    await expect(other.get(key)).rejects.toThrow();
  });

  it('detects a flipped byte anywhere in the file, and a truncated file', async () => {
    const data = randomBytes(10_000);
    const { key } = await store.put(data);
    const file = (await allFiles(root))[0]!;
    const original = await readFile(file);
    // Header: magic 0-4, wrap IV 5-16, wrapped key 17-48, wrap tag 49-64, data IV 65-76; then ciphertext and tag.
    for (const at of [0, 10, 30, 60, 70, 77, 5000, original.length - 20, original.length - 1]) {
      const damaged = Buffer.from(original);
      damaged[at]! ^= 0x01;
      await writeFile(file, damaged);
      await expect(store.get(key), `byte ${at}`).rejects.toThrow();
    }
    await writeFile(file, original.subarray(0, original.length - 1));
    await expect(store.get(key)).rejects.toThrow();
    await writeFile(file, original.subarray(0, 40));
    await expect(store.get(key)).rejects.toThrow(/damaged/);
    await writeFile(file, original);
    expect((await store.get(key)).equals(data)).toBe(true);
  });

  it('takes a stream in many chunks', async () => {
    const chunks = Array.from({ length: 80 }, () => randomBytes(64 * 1024));
    const whole = Buffer.concat(chunks);
    const stored = await store.put(Readable.from(chunks));
    expect(stored.size).toBe(whole.length);
    expect(stored.sha256.equals(createHash('sha256').update(whole).digest())).toBe(true);
    expect((await store.get(stored.key)).equals(whole)).toBe(true);

    async function* generated() {
      for (const c of chunks.slice(0, 3)) yield c;
    }
    const fromGenerator = await store.put(generated());
    expect((await store.get(fromGenerator.key)).equals(Buffer.concat(chunks.slice(0, 3)))).toBe(true);
  });

  it('leaves no key and no temporary file when the input stream fails midway', async () => {
    async function* failing() {
      yield Buffer.from(MARKER);
      yield randomBytes(200_000);
      throw new Error('upload interrupted');
    }
    await expect(store.put(Readable.from(failing()))).rejects.toThrow('upload interrupted');
    expect(await store.keys()).toEqual([]);
    expect(await allFiles(root)).toEqual([]);
  });

  it('refuses a stream larger than its limit, leaving nothing behind', async () => {
    const small = new LocalEncryptedBlobStore(root, masterKey, 100_000);
    await expect(small.put(Readable.from([randomBytes(60_000), randomBytes(60_000)]))).rejects.toThrow(/larger/);
    expect(await allFiles(root)).toEqual([]);
  });

  it('deletes', async () => {
    const { key } = await store.put(Buffer.from('x'));
    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    expect(await store.keys()).toEqual([]);
    await expect(store.get(key)).rejects.toThrow();
  });

  it('refuses any key that is not a uuid, before touching the disk', async () => {
    const good = randomUUID();
    for (const bad of [
      '../x',
      '..',
      '',
      'x',
      `../${good}`,
      `${good}/../x`,
      good.toUpperCase(),
      `${good} `,
      `/${good}`,
      '../../etc/passwd',
    ]) {
      await expect(store.get(bad), bad).rejects.toThrow(/invalid blob key/);
      await expect(store.exists(bad), bad).rejects.toThrow(/invalid blob key/);
      await expect(store.delete(bad), bad).rejects.toThrow(/invalid blob key/);
    }
    expect(await store.exists(good)).toBe(false);
  });

  it('sweeping at another process start does not break a write in progress', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    async function* slow() {
      yield randomBytes(1000);
      await gate;
      yield randomBytes(1000);
    }
    const writing = store.put(slow());
    await waitFor(async () => (await allFiles(root)).some((f) => path.basename(f).startsWith('.tmp-')));
    // An operator command starting now (its runtime sweeps the same folder) while the server uploads.
    const other = new LocalEncryptedBlobStore(root, masterKey);
    expect(await other.sweep()).toBe(0);
    release();
    const stored = await writing;
    expect(await store.exists(stored.key)).toBe(true);
  });

  it('sweeps the temporary files of dead writers and stale ones, keeps those of live writers', async () => {
    await store.put(Buffer.from('keep me'));
    const shard = path.join(root, 'ab');
    await mkdir(shard, { recursive: true });
    const live = path.join(shard, `.tmp-1-${randomUUID()}`); // pid 1 is always alive
    const stale = path.join(shard, `.tmp-1-${randomUUID()}`);
    const unnamed = path.join(shard, `.tmp-${randomUUID()}`);
    for (const f of [live, stale, unnamed]) await writeFile(f, 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await utimes(stale, twoDaysAgo, twoDaysAgo);
    expect(await store.sweep()).toBe(2);
    expect((await allFiles(root)).filter((f) => path.basename(f).startsWith('.tmp-'))).toEqual([live]);
    expect(await store.keys()).toHaveLength(1);
  });

  it('in a folder shared by several hosts, leaves the files of another host to it until they are a day old', async () => {
    const shard = path.join(root, 'cd');
    await mkdir(shard, { recursive: true });
    const otherHost = HOST_TAG === 'h00000000' ? 'h11111111' : 'h00000000';
    // A pid that is dead here says nothing of a writer on the other host.
    const theirs = path.join(shard, `.tmp-${otherHost}-999999999-${randomUUID()}`);
    const theirsStale = path.join(shard, `.tmp-${otherHost}-999999999-${randomUUID()}`);
    const oursDead = path.join(shard, `.tmp-${HOST_TAG}-999999999-${randomUUID()}`);
    for (const f of [theirs, theirsStale, oursDead]) await writeFile(f, 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await utimes(theirsStale, twoDaysAgo, twoDaysAgo);
    expect(await store.sweep()).toBe(2);
    expect(await allFiles(root)).toEqual([theirs]);
  });

  it('a process killed in the middle of a write leaves nothing visible, and sweep() removes its temporary file', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/test/fixtures/blob-crash-writer.ts', root, masterKey.toString('base64')],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => d.includes('writing') && resolve());
      child.on('exit', () => reject(new Error('the writer ended before writing')));
    });
    const temp = (await allFiles(root)).filter((f) => path.basename(f).startsWith('.tmp-'));
    expect(temp).toHaveLength(1);
    expect((await stat(temp[0]!)).size).toBeGreaterThan(2 * 1024 * 1024);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const key = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.exec(path.basename(temp[0]!))![0];
    const after = new LocalEncryptedBlobStore(root, masterKey);
    expect(await after.keys()).toEqual([]);
    expect(await after.exists(key)).toBe(false);
    await expect(after.get(key)).rejects.toThrow();
    expect(await after.sweep()).toBe(1);
    expect(await allFiles(root)).toEqual([]);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
