import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UPLOAD_NAME_HEADER, type UploadResponse } from '#protocol/attachments.js';
import type { ConfigResponse } from '#protocol/config.js';
import { withoutHiddenControls } from '#protocol/text.js';
import { endpoints } from '#protocol/endpoints.js';
import { HttpError } from '../http/errors.js';
import type { RateLimiter } from '../http/shared-limits.js';
import { defineRoute } from '../http/route.js';
import { EMPTY_FILE_MESSAGE, ReceivedUpload, receiveUpload, type UploadStore } from './store.js';

export interface UploadRoutesOptions {
  store: UploadStore;
  config: ConfigResponse;
  /** The uploads folder (created, outside every served folder). */
  dir: string;
  limiter: RateLimiter;
  now: () => number;
}

const MAX_NAME_LENGTH = 255;

/**
 * The citizen's file name from the X-File-Name header (URL-encoded): only its last path segment,
 * without control and bidirectional characters (`withoutHiddenControls`), at most 255 characters. It is stored for display and never used
 * in a path.
 */
export function readFileName(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || raw.trim() === '') {
    throw new HttpError(400, 'validation_failed', 'Не указано имя файла (заголовок X-File-Name).');
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'validation_failed', 'Имя файла в заголовке X-File-Name закодировано неверно.');
  }
  const name = withoutHiddenControls(decoded.split(/[/\\]/).pop() ?? '').trim();
  if (name === '' || name === '.' || name === '..') {
    throw new HttpError(400, 'validation_failed', 'Не указано имя файла (заголовок X-File-Name).');
  }
  return [...name].slice(0, MAX_NAME_LENGTH).join('');
}

/**
 * `POST /uploads`: the raw file as the body. Registered in a scope of its own, so that only this
 * route reads `application/octet-stream` (streamed to disk, never buffered).
 */
export async function registerUploadRoutes(app: FastifyInstance, options: UploadRoutesOptions): Promise<void> {
  const { store, config, dir, limiter, now } = options;
  const names = new WeakMap<FastifyRequest, string>();

  await app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', async (request: FastifyRequest, payload: FastifyRequest['raw']) => {
      // A refused file is answered while the client may still be sending it: the error handler
      // closes the connection after a lingering read (http/linger.ts), so the answer is read.
      return receiveUpload(payload, {
        dir,
        maxBytes: config.attachments.maxSizeBytes,
        types: config.attachments.types,
        contentLength: request.headers['content-length'],
      });
    });

    defineRoute(
      scope,
      endpoints.upload,
      async ({ request }): Promise<UploadResponse> => {
        const file = request.body;
        if (!(file instanceof ReceivedUpload)) {
          if (request.body === undefined) throw new HttpError(400, 'validation_failed', EMPTY_FILE_MESSAGE);
          throw new HttpError(415, 'unsupported_media_type', 'Отправьте файл как тело запроса с типом application/octet-stream.');
        }
        const name = names.get(request)!;
        const id = randomBytes(16).toString('base64url');
        try {
          await store.record({
            id,
            originalName: name,
            storedName: file.storedName,
            type: file.type,
            size: file.size,
            sha256: file.sha256,
            createdAt: new Date(now()).toISOString(),
          });
        } catch (error) {
          await rm(file.path, { force: true });
          throw error;
        }
        return { id, name, size: file.size, type: file.type };
      },
      {
        // Before a byte of the body is read: the rate limit, then the file name. A refusal
        // closes the connection after the answer (the error handler's lingering close).
        onRequest: async (request) => {
          await limiter.consume(`ip:${request.ip}`, 'Слишком много файлов подряд. Подождите немного и попробуйте снова.');
          names.set(request, readFileName(request.headers[UPLOAD_NAME_HEADER]));
        },
      },
    );

    // A received file whose request failed later (e.g. a full database) does not stay behind.
    scope.addHook('onResponse', async (request, reply) => {
      if (reply.statusCode >= 300 && request.body instanceof ReceivedUpload) await rm(request.body.path, { force: true });
    });
  });
}
