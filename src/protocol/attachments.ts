import { z } from 'zod/mini';
import type { ATTACHMENT_TYPES } from './config.js';
import { contract } from './contract.js';

export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Leading bytes ("magic numbers") of each accepted type: a file is what its bytes say. */
const SIGNATURES: Record<AttachmentType, readonly number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** How many leading bytes `sniffType` needs. */
export const SNIFF_BYTES = 8;

/** The type the file's leading bytes show, among `allowed`; undefined for anything else. */
export function sniffType(head: Uint8Array, allowed: readonly AttachmentType[]): AttachmentType | undefined {
  return allowed.find((type) => SIGNATURES[type].every((byte, i) => head[i] === byte));
}

/** `POST /uploads` answer: the stored file's id, to list in a request's `attachments`. */
export const UploadResponse = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  type: z.string(),
});
export type UploadResponse = z.infer<typeof UploadResponse>;

/** Original file name, sent URL-encoded in this header with the raw bytes as the body. */
export const UPLOAD_NAME_HEADER = 'x-file-name';

/** Uploads: the raw bytes of one file as the body (sent by XHR, for its progress). */
export const attachmentEndpoints = {
  upload: contract()({ method: 'POST', path: '/uploads', response: UploadResponse }),
};
