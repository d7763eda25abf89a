import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';

const EXTENSIONS: Record<string, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
};

/**
 * `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / 5987). The name keeps an
 * extension of its sniffed type, so that it never opens as anything else.
 */
export function contentDisposition(name: string, type: string): string {
  let safe = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim() || 'file';
  const extensions = EXTENSIONS[type] ?? [];
  if (extensions.length > 0 && !extensions.some((ext) => safe.toLowerCase().endsWith(ext))) safe += extensions[0];
  const ascii = safe.normalize('NFKD').replace(/[^A-Za-z0-9._ -]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** An uploaded file as its row names it. */
export interface StoredFile {
  stored_name: string;
  original_name: string;
  type: string;
}

/**
 * Sends an uploaded file as a download, never shown inline: its sniffed type, `Content-Disposition:
 * attachment` with its name, `Content-Security-Policy: sandbox`, `nosniff`, not cached. A file
 * gone from disk is `notFound()`'s error.
 */
export async function sendStoredFile(reply: FastifyReply, uploadDir: string, file: StoredFile, notFound: () => Error): Promise<FastifyReply> {
  const path = join(uploadDir, file.stored_name);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw notFound();
  return reply
    .code(200)
    .header('Content-Type', file.type)
    .header('Content-Length', String(info.size))
    .header('Content-Disposition', contentDisposition(file.original_name, file.type))
    .header('Content-Security-Policy', 'sandbox')
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, no-store')
    .send(createReadStream(path));
}
