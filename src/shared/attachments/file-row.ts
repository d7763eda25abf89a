import { html, nothing, svg } from 'lit';
import type { Messages } from '../../i18n/messages.js';
import { closeIcon } from '../icons.js';
import type { AttachmentFile } from './attachment-rules.js';

const doneIcon = svg`<svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M9.5 16.2 5.3 12a1 1 0 1 0-1.4 1.4l4.9 4.9a1 1 0 0 0 1.4 0l10-10a1 1 0 1 0-1.4-1.4l-9.3 9.3Z"/></svg>`;

export interface RowActions {
  remove(entry: AttachmentFile): void;
  retry(entry: AttachmentFile): void;
}

/** What a file's row says about it now (also what the live region announces). */
export function statusText(entry: AttachmentFile, msg: Messages): string {
  switch (entry.status) {
    case 'checking':
      return '';
    case 'uploading':
      return msg.attachments.uploading(entry.progress);
    case 'uploaded':
      return msg.attachments.uploaded;
    case 'rejected':
    case 'failed':
      return entry.error?.message ?? msg.attachments.uploadFailed;
  }
}

function status(entry: AttachmentFile, msg: Messages) {
  const nameId = `name-${entry.key}`;
  switch (entry.status) {
    case 'checking':
      return nothing;
    case 'uploading':
      return html`<progress max="100" .value=${entry.progress} aria-labelledby=${nameId}></progress>
        <span class="status">${statusText(entry, msg)}</span>`;
    case 'uploaded':
      return html`<span class="status is-done">${doneIcon}${statusText(entry, msg)}</span>`;
    case 'rejected':
    case 'failed':
      return html`<span class="status is-error" part="error" id="error-${entry.key}">${statusText(entry, msg)}</span>`;
  }
}

/** One file: its name, progress or state or why it was refused, «Загрузить снова», «Удалить файл …». */
export function fileRow(entry: AttachmentFile, msg: Messages, actions: RowActions) {
  const name = entry.file.name;
  const nameId = `name-${entry.key}`;
  return html`<li class="file is-${entry.status}" part="file" data-key=${entry.key}>
    <div class="file-main">
      <span class="file-name" id=${nameId}>${name}</span>
      ${status(entry, msg)}
    </div>
    <div class="file-actions">
      ${entry.status === 'failed' && entry.error?.retry
        ? html`<button class="button-secondary retry" type="button" aria-describedby=${nameId} @click=${() => actions.retry(entry)}>
            ${msg.attachments.retry}
          </button>`
        : nothing}
      <button class="button-icon remove" type="button" aria-label=${msg.attachments.remove(name)} @click=${() => actions.remove(entry)}>
        ${closeIcon}
      </button>
    </div>
  </li>`;
}
