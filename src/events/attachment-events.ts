import type { AttachmentDraft, AttachmentFile } from '../shared/attachments/attachment-rules.js';

/**
 * The attachments field changed: a file was added, checked, uploaded, refused, removed or
 * restored (not on every progress tick). Carries a snapshot, so a form can save its draft.
 */
export class GsAttachmentsChangeEvent extends Event {
  static readonly eventName = 'gs-attachments-change';
  constructor(
    /** Every file of the field, in order, with its status. */
    readonly files: readonly AttachmentFile[],
    /** Ids of the uploaded files, in order: what a request's `attachments` lists. */
    readonly uploadIds: readonly string[],
    /** True while a file is being checked or uploaded. */
    readonly pending: boolean,
  ) {
    super(GsAttachmentsChangeEvent.eventName, { bubbles: true, composed: true });
  }

  /**
   * What a draft keeps: the files that were accepted (uploaded ones with their id), for
   * `restore()`. Files refused before upload or by the server are left out.
   */
  get drafts(): AttachmentDraft[] {
    return this.files
      .filter((f) => f.status !== 'rejected' && !(f.status === 'failed' && !f.error?.retry))
      .map(({ file, uploadId }) => ({ name: file.name, type: file.type, size: file.size, blob: file, ...(uploadId ? { id: uploadId } : {}) }));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gs-attachments-change': GsAttachmentsChangeEvent;
  }
}
