import { html, nothing } from 'lit';
import type { DraftState } from '../../shared/draft-controller.js';
import type { Messages } from '../../i18n/messages.js';

/** Why a submit did not go through (what was typed always stays). */
export type SubmitProblem = { kind: 'offline' } | { kind: 'failed' } | { kind: 'rate-limited'; seconds: number } | { kind: 'uploads' };

export function submitProblemText(msg: Messages, problem: SubmitProblem): string {
  switch (problem.kind) {
    case 'offline':
      return msg.forms.submitOffline;
    case 'failed':
      return msg.forms.submitFailed;
    case 'rate-limited':
      return msg.forms.submitRateLimited(problem.seconds);
    case 'uploads':
      return msg.request.form.waitForUploads;
  }
}

/** «Черновик восстановлен / Удалить черновик», «не сохранится», «в другой вкладке новее». */
export function draftNotices(
  msg: Messages,
  draft: DraftState,
  notice: 'restored' | 'discarded' | undefined,
  actions: { discard: () => void; loadNewer: () => void },
) {
  return html`
    ${notice === 'restored'
      ? html`<div class="notice" role="status">
          <span>${msg.drafts.restored}</span>
          <button type="button" class="button-secondary" @click=${actions.discard}>${msg.drafts.discard}</button>
        </div>`
      : notice === 'discarded'
        ? html`<div class="notice" role="status">${msg.drafts.discarded}</div>`
        : nothing}
    ${draft.unavailable ? html`<div class="notice" role="status">${msg.drafts.notKept}</div>` : nothing}
    ${draft.newerElsewhere
      ? html`<div class="notice" role="status">
          <span>${msg.drafts.newerElsewhere}</span>
          <button type="button" class="button-secondary" @click=${actions.loadNewer}>${msg.drafts.loadNewer}</button>
        </div>`
      : nothing}
  `;
}
