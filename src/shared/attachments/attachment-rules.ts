import type { ApiRequestError } from '../../api/client.js';
import type { Messages } from '../../i18n/messages.js';
import { SNIFF_BYTES, sniffType, type AttachmentType } from '../../protocol/attachments.js';
import type { Locale } from '../../protocol/config.js';

export type AttachmentStatus = 'checking' | 'uploading' | 'uploaded' | 'rejected' | 'failed';

/** Why a file was refused before upload (`rejected`), or how its upload failed (`failed`). */
export interface AttachmentError {
  code: 'empty' | 'too_big' | 'wrong_type' | 'too_many' | 'unreadable' | ApiRequestError['code'];
  /** The text shown with the file (catalogue text, or the server's own message). */
  message: string;
  /** HTTP status of a server refusal (0: no answer); absent for checks made before upload. */
  status?: number;
  /** Whether «Загрузить снова» is offered (the same bytes may succeed later). */
  retry: boolean;
}

/** One file of the field. */
export interface AttachmentFile {
  key: string;
  file: File;
  status: AttachmentStatus;
  /** Upload progress, 0–100. */
  progress: number;
  /** The stored file's id, once uploaded. */
  uploadId?: string;
  error?: AttachmentError;
}

/** A saved attachment to bring back with `restore()` (e.g. from a draft). */
export interface AttachmentDraft {
  name: string;
  type: string;
  size: number;
  blob: Blob;
  /** The upload id when it had been uploaded; without one the file is checked and uploaded again. */
  id?: string;
}

export interface AttachmentRules {
  types: readonly AttachmentType[];
  maxSizeBytes: number;
  maxCount: number;
}

const TYPE_LABELS: Record<AttachmentType, { label: string; accept: string }> = {
  'application/pdf': { label: 'PDF', accept: '.pdf,application/pdf' },
  'image/jpeg': { label: 'JPG', accept: '.jpg,.jpeg,image/jpeg' },
  'image/png': { label: 'PNG', accept: '.png,image/png' },
};

/** «PDF, JPG, PNG». */
export const typesLabel = (types: readonly AttachmentType[]) => types.map((t) => TYPE_LABELS[t].label).join(', ');

/** The picker's `accept`: only a convenience, the bytes decide. */
export const acceptAttribute = (types: readonly AttachmentType[]) => types.map((t) => TYPE_LABELS[t].accept).join(',');

/** Megabytes as people read them: «5», «0,5», «2,5». */
export const formatMb = (bytes: number, locale: Locale) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));

/** The field's hint: «PDF, JPG, PNG, до 5 МБ каждый, не больше 5». */
export const hintText = (rules: AttachmentRules, locale: Locale, msg: Messages) =>
  msg.attachments.hint(typesLabel(rules.types), formatMb(rules.maxSizeBytes, locale), rules.maxCount);

/**
 * Checks made before any upload, in this order: empty, too big, and the type by the file's
 * leading bytes (never by its name or the MIME type the browser guessed). Undefined: accepted.
 */
export async function checkFile(file: File, rules: AttachmentRules, locale: Locale, msg: Messages): Promise<AttachmentError | undefined> {
  const t = msg.attachments;
  if (file.size === 0) return { code: 'empty', message: t.empty, retry: false };
  if (file.size > rules.maxSizeBytes) return { code: 'too_big', message: t.tooBig(formatMb(rules.maxSizeBytes, locale)), retry: false };
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  } catch {
    return { code: 'unreadable', message: t.uploadFailed, retry: false };
  }
  if (!sniffType(head, rules.types)) return { code: 'wrong_type', message: t.wrongType(typesLabel(rules.types)), retry: false };
  return undefined;
}

export const tooMany = (rules: AttachmentRules, msg: Messages): AttachmentError => ({
  code: 'too_many',
  message: msg.attachments.tooMany(rules.maxCount),
  retry: false,
});

/** How an upload failure reads: the server's own message for a refusal, else «Не удалось загрузить». */
export function uploadError(error: unknown, msg: Messages): AttachmentError {
  const e = error as Partial<ApiRequestError> | undefined;
  const status = typeof e?.status === 'number' ? e.status : 0;
  const code = e?.code ?? 'network';
  const refused = status > 0 && code !== 'bad_response' && !!e?.message;
  // The same bytes may pass later after a network failure, rate limit or server fault; not
  // after a refusal of the file itself (too large, wrong type, invalid).
  const retry = status === 0 || status === 429 || status >= 500 || code === 'bad_response';
  return { code, message: refused ? e.message! : msg.attachments.uploadFailed, status, retry };
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

/**
 * Files of a paste: images (screenshots) are renamed «снимок-экрана-N.png», N the first
 * number no file in `taken` has; other files keep their names.
 */
export function pastedFiles(files: readonly File[], base: string, taken: Iterable<string>): File[] {
  const names = new Set(taken);
  return files.map((file) => {
    if (!file.type.startsWith('image/')) return file;
    const ext = EXTENSIONS[file.type] ?? 'png';
    let n = 1;
    while (names.has(`${base}-${n}.${ext}`)) n++;
    names.add(`${base}-${n}.${ext}`);
    return new File([file], `${base}-${n}.${ext}`, { type: file.type, lastModified: file.lastModified });
  });
}
