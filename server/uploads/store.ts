import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { sniffType, SNIFF_BYTES, type AttachmentType } from '#protocol/attachments.js';
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import { HttpError } from '../http/errors.js';
import { servedFolderContaining } from '../served-folders.js';

export const TOO_LARGE_MESSAGE = (maxBytes: number) => `Файл слишком большой: можно не больше ${formatSize(maxBytes)}.`;
export const UNSUPPORTED_TYPE_MESSAGE = (types: readonly AttachmentType[]) =>
  `Такой файл приложить нельзя: подходят только ${types.map((t) => TYPE_NAMES[t]).join(', ')}.`;
export const EMPTY_FILE_MESSAGE = 'Файл пустой: выберите другой файл.';

const TYPE_NAMES: Record<AttachmentType, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };
const EXTENSIONS: Record<AttachmentType, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' };
const PART = '.part';

/** `5 МБ`, `512 КБ`, `100 байт`. */
export function formatSize(bytes: number): string {
  const MB = 1024 * 1024;
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1)).toLocaleString('ru-RU')} МБ`;
  if (bytes >= 1024) return `${Math.floor(bytes / 1024)} КБ`;
  return `${bytes} байт`;
}

/**
 * Creates the uploads folder (owner-only) and refuses one inside a folder the server serves:
 * uploaded files are never served back.
 */
export function prepareUploadDir(dir: string, servedDirs: readonly string[]): string {
  const absolute = resolve(dir);
  const served = servedFolderContaining(absolute, servedDirs);
  if (served !== undefined) throw new Error(`The uploads folder ${absolute} is inside the served folder ${served}: choose another UPLOAD_DIR`);
  mkdirSync(absolute, { recursive: true, mode: 0o700 });
  return absolute;
}

/** A file received by `receiveUpload`, already on disk under a random name. */
export class ReceivedUpload {
  constructor(
    readonly storedName: string,
    readonly path: string,
    readonly size: number,
    readonly sha256: string,
    readonly type: AttachmentType,
  ) {}
}

export interface ReceiveOptions {
  dir: string;
  maxBytes: number;
  types: readonly AttachmentType[];
  /** The Content-Length header, if any: a body announced as too large is refused unread. */
  contentLength?: string | undefined;
}

/**
 * Streams a request body to a new file in `dir` without holding it in memory: counts the bytes
 * and refuses (413) as soon as they pass `maxBytes`, checks the type by the leading bytes as soon
 * as they arrive (415), refuses an empty body (400), and hashes as it writes. The file is written
 * as `<random>.part` and renamed to `<random>.<ext>` when complete; on any failure the partial
 * file is removed before the promise rejects.
 */
export function receiveUpload(payload: Readable, options: ReceiveOptions): Promise<ReceivedUpload> {
  const { dir, maxBytes, types } = options;
  if (options.contentLength !== undefined && Number(options.contentLength) > maxBytes) {
    return Promise.reject(new HttpError(413, 'payload_too_large', TOO_LARGE_MESSAGE(maxBytes)));
  }

  const random = randomBytes(16).toString('hex');
  const partPath = join(dir, random + PART);
  return new Promise<ReceivedUpload>((resolvePromise, rejectPromise) => {
    const out = createWriteStream(partPath, { flags: 'wx', mode: 0o600 });
    const hash = createHash('sha256');
    const head: number[] = [];
    let size = 0;
    let type: AttachmentType | undefined;
    let settled = false;
    let ended = false;

    const detach = () => {
      payload.off('data', onData);
      payload.off('end', onEnd);
      payload.off('error', onAbort);
      payload.off('close', onClose);
      out.off('error', fail);
      out.off('drain', onDrain);
    };

    function fail(error: unknown): void {
      if (settled) return;
      settled = true;
      detach();
      // The rest of the body is read and dropped until the answer is sent and the connection closed.
      payload.on('error', () => {});
      payload.resume();
      // A write still in flight reports ERR_STREAM_DESTROYED once the file is closed: expected.
      out.on('error', () => {});
      const removePart = () => rm(partPath, { force: true }).catch(() => {}).then(() => rejectPromise(error));
      if (out.closed) void removePart();
      else {
        out.once('close', () => void removePart());
        out.destroy();
      }
    }

    const decideType = (): boolean => {
      type = sniffType(Uint8Array.from(head), types);
      if (!type) fail(new HttpError(415, 'unsupported_media_type', UNSUPPORTED_TYPE_MESSAGE(types)));
      return type !== undefined;
    };

    function onData(chunk: Buffer): void {
      size += chunk.length;
      if (size > maxBytes) return fail(new HttpError(413, 'payload_too_large', TOO_LARGE_MESSAGE(maxBytes)));
      if (!type) {
        for (let i = 0; i < chunk.length && head.length < SNIFF_BYTES; i++) head.push(chunk[i]!);
        if (head.length >= SNIFF_BYTES && !decideType()) return;
      }
      hash.update(chunk);
      if (!out.write(chunk)) payload.pause();
    }

    function onDrain(): void {
      if (!settled) payload.resume();
    }

    function onEnd(): void {
      ended = true;
      if (size === 0) return fail(new HttpError(400, 'validation_failed', EMPTY_FILE_MESSAGE));
      if (!type && !decideType()) return;
      out.end(() => {
        if (settled) return;
        const storedName = random + EXTENSIONS[type!];
        const finalPath = join(dir, storedName);
        rename(partPath, finalPath).then(
          () => {
            if (settled) return void rm(finalPath, { force: true });
            settled = true;
            detach();
            resolvePromise(new ReceivedUpload(storedName, finalPath, size, hash.digest('hex'), type!));
          },
          (error: unknown) => fail(error),
        );
      });
    }

    function onAbort(): void {
      fail(new HttpError(400, 'validation_failed', 'Передача файла прервалась. Попробуйте ещё раз.'));
    }

    function onClose(): void {
      if (!ended) onAbort();
    }

    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onAbort);
    payload.on('close', onClose);
    out.on('error', fail);
    out.on('drain', onDrain);
  });
}

/** An upload as `POST /uploads` records it: held by nothing yet. */
export interface NewUpload {
  id: string;
  originalName: string;
  storedName: string;
  type: string;
  size: number;
  sha256: string;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/** The uploads' rows (table `attachments`). */
export interface UploadStore {
  /** Records a received file under its random id. */
  record(upload: NewUpload): Promise<void>;
}

export function createUploadStore(db: Kysely<Database>): UploadStore {
  return {
    async record(upload) {
      await db
        .insertInto('attachments')
        .values({
          id: upload.id,
          request_id: null,
          held_by: null,
          original_name: upload.originalName,
          stored_name: upload.storedName,
          type: upload.type,
          size: upload.size,
          sha256: upload.sha256,
          created_at: upload.createdAt,
        })
        .execute();
    },
  };
}

/**
 * Removes uploads that nothing (a request or a chat message) took within `maxAgeMs`, and `.part`
 * files left by an interrupted process. Returns how many files were removed. Each row is deleted
 * only while still held by nobody (one may be claimed meanwhile: uploads/claims.ts), and the
 * database keeps those a chat message holds whatever deletes them (the trigger of 005_chat and
 * 013_attachment_holder: 0 rows deleted, so the file stays too).
 */
export async function purgeStaleUploads(db: Kysely<Database>, dir: string, now: number, maxAgeMs: number): Promise<number> {
  const cutoff = new Date(now - maxAgeMs).toISOString();
  const stale = await db
    .selectFrom('attachments')
    .select(['id', 'stored_name'])
    .where('held_by', 'is', null)
    .where('created_at', '<', cutoff)
    .execute();
  let removed = 0;
  for (const row of stale) {
    const deleted = await db.deleteFrom('attachments').where('id', '=', row.id).where('held_by', 'is', null).executeTakeFirst();
    if (deleted.numDeletedRows === 1n) {
      rmSync(join(dir, row.stored_name), { force: true });
      removed++;
    }
  }
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(PART)) continue;
    const path = join(dir, name);
    try {
      // File times are the real clock's, whatever clock the app was given.
      if (statSync(path).mtimeMs < Date.now() - maxAgeMs) {
        rmSync(path, { force: true });
        removed++;
      }
    } catch {
      // Gone meanwhile.
    }
  }
  return removed;
}
