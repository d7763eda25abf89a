import { html, nothing } from 'lit';
import { GsNavigateEvent } from '../../events/widget-events.js';
import { formatMoscowDateTime } from '../../i18n/format.js';
import type { Messages } from '../../i18n/messages.js';
import type { Locale, WidgetConfig } from '../../protocol/config.js';
import type { RequestStatusView, StatusDefinition } from '../../protocol/status.js';

/** The vocabulary's entry for a status code (an unknown code shows as itself). */
export function statusOf(config: WidgetConfig, code: string): StatusDefinition {
  return config.statuses.find((s) => s.code === code) ?? { code, label: { ru: code, en: code }, final: false, color: '#505a66' };
}

/**
 * A request's status as the citizen sees it: the status with its explanation, dates in Moscow
 * time, and the history newest first with the specialist's comments. An overdue request offers
 * the enabled ways to follow up, with the number filled in.
 */
export function statusResult(view: RequestStatusView, config: WidgetConfig, locale: Locale, msg: Messages, host: EventTarget) {
  const s = msg.status;
  const status = statusOf(config, view.status);
  const when = (iso: string) => html`<time datetime=${iso}>${formatMoscowDateTime(iso, locale, msg)}</time>`;
  const go = (target: 'chat' | 'callback' | 'request', prefill: Record<string, unknown>) => () => host.dispatchEvent(new GsNavigateEvent(target, prefill));
  const offers = [
    ['chat', s.overdueChat, { requestNumber: view.number }],
    ['callback', s.overdueCallback, { requestNumber: view.number }],
    ['request', s.overdueRequest, { description: s.followUp(view.number) }],
  ] as const;
  return html`
    <h3 class="result-title" tabindex="-1">${s.number} <span class="number">${view.number}</span></h3>
    <p class="badge">
      <span class="visually-hidden">${s.current}: </span><strong>${status.label[locale]}</strong>
    </p>
    ${status.explanation ? html`<p>${status.explanation[locale]}</p>` : nothing}
    <p class="muted">${s.changedAt(formatMoscowDateTime(view.statusChangedAt, locale, msg))}</p>
    ${view.overdue
      ? html`<div class="problem overdue">
          <p><strong>${s.overdueTitle}.</strong> ${s.overdueBody}</p>
          ${offers
            .filter(([channel]) => config.channels[channel].enabled)
            .map(([channel, label, prefill]) => html`<button type="button" class="button-secondary" @click=${go(channel, prefill)}>${label}</button>`)}
        </div>`
      : nothing}
    <dl>
      <dt>${s.createdAt}</dt>
      <dd>${when(view.createdAt)}</dd>
      ${status.final ? nothing : html`<dt>${s.dueAt}</dt><dd>${when(view.answerDueAt)}</dd>`}
    </dl>
    <h4>${s.history}</h4>
    <ol class="history" role="list">
      ${[...view.history].reverse().map(
        (step) => html`<li>
          <p><strong>${statusOf(config, step.status).label[locale]}</strong> — ${when(step.at)}</p>
          ${step.comment ? html`<p class="comment"><span class="muted">${s.comment}:</span> ${step.comment}</p>` : nothing}
        </li>`,
      )}
    </ol>
  `;
}
