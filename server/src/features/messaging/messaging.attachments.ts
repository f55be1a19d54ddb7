import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { fileTypeFromBuffer } from 'file-type';
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Executor } from '../../platform/db.js';
import { processAlive, type BlobStore, type StoredBlob } from '../../platform/blobs.js';
import type { AccessContext } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_MESSAGE_ATTACHMENTS_BYTES,
  MAX_MESSAGE_FILES,
} from '../../../../shared/src/messaging.js';
import { cleanFileName, inspectDocument } from '../documents/documents.inspect.js';
import * as repo from './messaging.repo.js';

type Source = Database['message_attachment']['source'];

/** A file offered as an attachment, before any rule. */
export interface IncomingFile {
  bytes: Buffer;
  name?: string;
  source: Source;
}

/** An attachment that passed the rules, ready to store. */
export interface Checked {
  data: Buffer;
  fileName: string;
  mimeType: string;
  compatible: boolean;
  source: Source;
}

/**
 * Word-processing formats professionals send and the reference lists among attachments (doc): accepted in
 * messages for download only — Documents does not take them, and Carnet never opens them.
 */
const downloadOnly: Record<string, string> = {
  'application/x-cfb': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
};
const downloadOnlyMime: Record<string, string> = {
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
};

/**
 * The content rules of an attachment: the documents' rules first (JPG, PNG → JPEG, PDF without active
 * content, TIF, RTF, TXT; judged from the bytes); a file they refuse only for its format may still be a
 * word-processing file, kept as download only. Anything else (executables, archives, HTML…) is refused, and
 * so is a PDF with scripts whatever its source. Per file 5 MB (the documents' limit).
 */
export async function checkAttachment(file: IncomingFile): Promise<Checked> {
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('DOCUMENT_TOO_LARGE');
  try {
    const ok = await inspectDocument(file.bytes);
    return {
      data: ok.data,
      fileName: cleanFileName(file.name, ok.extension),
      mimeType: ok.mimeType,
      compatible: true,
      source: file.source,
    };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'DOCUMENT_FORMAT') throw err;
  }
  const type = await fileTypeFromBuffer(file.bytes);
  const ext = type ? downloadOnly[type.mime] : undefined;
  if (!ext) throw new AppError('MESSAGE_ATTACHMENT_FORMAT');
  return {
    data: file.bytes,
    fileName: cleanFileName(file.name, ext),
    mimeType: downloadOnlyMime[ext]!,
    compatible: false,
    source: file.source,
  };
}

/**
 * Every file of one message checked, with the message's limits: 10 files, 10 MB in all, counting the files
 * already stored with its draft (`already`).
 */
export async function checkAll(
  files: IncomingFile[],
  already: { count: number; bytes: number } = { count: 0, bytes: 0 },
): Promise<Checked[]> {
  if (files.length + already.count > MAX_MESSAGE_FILES) throw new AppError('MESSAGE_TOO_MANY_FILES');
  if (files.reduce((n, f) => n + f.bytes.length, already.bytes) > MAX_MESSAGE_ATTACHMENTS_BYTES)
    throw new AppError('MESSAGE_TOO_LARGE');
  const out: Checked[] = [];
  for (const f of files) out.push(await checkAttachment(f));
  if (out.reduce((n, f) => n + f.data.length, already.bytes) > MAX_MESSAGE_ATTACHMENTS_BYTES)
    throw new AppError('MESSAGE_TOO_LARGE');
  return out;
}

const writer = `${os.hostname()}:${process.pid}`;

/** Blobs written under committed upload intents; `rows` are inserted by the caller's transaction. */
export interface Staged {
  keys: string[];
  rows(messageId: string): Omit<Insertable<Database['message_attachment']>, 'profile_id'>[];
  /** Undoes the blobs and intents (the message was not stored). */
  discard(): Promise<void>;
}

/**
 * Stores checked attachments the documents' way: the upload intents are committed first, then each blob
 * is written; the caller's transaction inserts the message, its attachment rows and removes the intents
 * (repo.deleteUploadIntents) together. A crash in between leaves intents that recoverAttachmentUploads()
 * undoes at start.
 */
export async function stage(db: Executor, blobs: BlobStore, ctx: AccessContext, files: Checked[]): Promise<Staged> {
  const keys = files.map(() => randomUUID());
  await repo.insertUploadIntents(db, ctx, keys, writer);
  const discard = async () => {
    for (const k of keys) await blobs.delete(k).catch(() => {});
    await repo.deleteUploadIntents(db, ctx, keys).catch(() => {});
  };
  try {
    const stored: StoredBlob[] = [];
    for (let i = 0; i < files.length; i++) stored.push(await blobs.put(files[i]!.data, keys[i]));
    return {
      keys,
      discard,
      rows: (messageId) =>
        files.map((f, i) => ({
          message_id: messageId,
          file_name: f.fileName,
          mime_type: f.mimeType,
          size_bytes: stored[i]!.size,
          sha256: stored[i]!.sha256,
          blob_key: keys[i]!,
          compatible: f.compatible,
          source: f.source,
          position: i,
        })),
    };
  } catch (err) {
    await discard();
    throw err;
  }
}

/**
 * Blobs no row names any more (a draft's file removed, a draft deleted): inside the transaction that drops
 * their rows, an intent per blob is written, so a crash after the commit still leaves them to recovery.
 */
export async function retireBlobs(trx: Executor, ctx: AccessContext, keys: string[]): Promise<void> {
  await repo.insertUploadIntents(trx, ctx, keys, writer);
}

/** After the commit: the retired blobs deleted, then their intents. */
export async function releaseBlobs(db: Executor, blobs: BlobStore, ctx: AccessContext, keys: string[]) {
  for (const k of keys) await blobs.delete(k).catch(() => {});
  await repo.deleteUploadIntents(db, ctx, keys).catch(() => {});
}

/** Undoes the attachment uploads a dead process left half done (same rule as the documents'). */
export async function recoverAttachmentUploads(db: Executor, blobs: BlobStore): Promise<number> {
  let undone = 0;
  for (const r of await repo.listUploadIntents(db)) {
    const [host, pid] = r.writer.split(':');
    const stale = Date.now() - r.created_at.getTime() > 86_400_000;
    if (!stale && (host !== os.hostname() || processAlive(Number(pid)))) continue;
    await blobs.delete(r.blob_key);
    await repo.forgetUploadIntent(db, r.blob_key);
    undone++;
  }
  return undone;
}
