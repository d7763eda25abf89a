import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ClockController } from '../controllers/clock-controller.js';
import { ConfigController } from '../controllers/config-controller.js';
import { describeOpenState, zoneLabel } from '../i18n/format.js';
import { LocalizeController } from '../i18n/localize.js';
import type { ChannelId, Locale, LocalizedText, WeeklyHours } from '../protocol/config.js';
import { siteText } from '../i18n/site-text.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { base, tokens, visuallyHidden } from '../styles/index.js';
import { groupWeek, openState } from '../time/business-hours.js';
import { safeHref, telHref } from '../util/links.js';
import { styles } from './contacts-card.styles.js';

/**
 * Phones, e-mail and messenger links from config, each with its hours and whether it is open
 * now, computed in Moscow time (or the zone its hours name); the link to the service's public
 * report when config has `contacts.reportUrl`. Renders nothing when config has
 * no contacts. Works inside `gs-support-widget` or standalone.
 *
 * @tagname gs-contacts-card
 * @summary Contacts with «сейчас открыто / откроется в …» per channel.
 *
 * @csspart card - The card.
 * @csspart heading - The card's heading.
 */
export class GsContactsCard extends LitElement {
  static override styles = [tokens, base, visuallyHidden, styles];

  /** Show only phones and e-mail (used where the citizen needs another way to reach support). */
  @property({ type: Boolean }) compact = false;

  /** Heading level of the card's title (2-5); its groups are one level below. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  /** Language when used standalone. */
  @property() locale?: Locale;

  /** Channels the panel can open: the chat's hours are given only when the chat is one of them. */
  @property({ attribute: false }) available: readonly ChannelId[] = [];

  /** Colour scheme when used standalone. */
  @property({ reflect: true }) scheme?: 'auto' | 'light' | 'dark';

  private readonly config = new ConfigController(this);
  private readonly clock = new ClockController(this);
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);

  private state(hours: WeeklyHours | undefined) {
    if (!hours) return nothing;
    const now = this.clock.now();
    const state = openState(hours, now);
    const text = describeOpenState(state, now, hours.timeZone, this.l10n.locale, this.l10n.msg);
    const open = state.kind === 'open' || state.kind === 'always';
    return html`<span class="state ${open ? 'is-open' : 'is-closed'}">${text}</span>
      ${state.kind === 'always' ? nothing : html`<span class="schedule">${this.schedule(hours)}</span>`}`;
  }

  /** «Пн–Пт 08:00–20:00; Сб 09:00–17:00; Вс выходной (МСК)». */
  private schedule(hours: WeeklyHours): string {
    const msg = this.l10n.msg;
    const days = groupWeek(hours)
      .map(({ days, ranges }) => {
        const first = msg.time.weekdaysShort[days[0]!];
        const label = days.length === 1 ? first : `${first}–${msg.time.weekdaysShort[days[days.length - 1]!]}`;
        const text = ranges.length ? ranges.map((r) => `${r.from}–${r.to}`).join(', ') : msg.contacts.dayOff;
        return `${label} ${text}`;
      })
      .join('; ');
    return `${days} (${zoneLabel(hours.timeZone, this.l10n.locale, msg)})`;
  }

  /** A site owner's text in the page's language, or in the other one with its own `lang`. */
  private siteText(value: LocalizedText | undefined, className?: string) {
    const shown = siteText(value, this.l10n.locale);
    return shown ? html`<span class=${ifDefined(className)} lang=${ifDefined(shown.lang)}>${shown.text}</span>` : nothing;
  }

  /** A titled list of phones or addresses: label, link, hours. */
  private group(title: string, level: number, entries: { label?: LocalizedText | undefined; href: string; text: string; hours?: WeeklyHours | undefined }[]) {
    if (!entries.length) return nothing;
    return html`<div class="group" role="heading" aria-level=${level}>${title}</div>
      <ul role="list">
        ${entries.map(
          (entry) => html`<li>
            ${this.siteText(entry.label, 'label')}
            <a class="value" href=${entry.href}>${entry.text}</a>
            ${this.state(entry.hours)}
          </li>`,
        )}
      </ul>`;
  }

  protected override render() {
    const msg = this.l10n.msg;
    const { contacts, channels } = this.config.value;
    const messengers = this.compact ? [] : contacts.messengers.filter((m) => safeHref(m.url)?.startsWith('http'));
    const chatHours = !this.compact && channels.chat.enabled && this.available.includes('chat') ? channels.chat.hours : undefined;
    const reportHref = this.compact || !contacts.reportUrl ? undefined : safeHref(contacts.reportUrl);
    if (!contacts.phones.length && !contacts.emails.length && !messengers.length && !chatHours && !reportHref) return nothing;
    const level = Math.min(5, Math.max(2, this.headingLevel));
    return html`
      <section class="card" part="card" aria-labelledby="contacts-heading">
        <div class="heading" part="heading" id="contacts-heading" role="heading" aria-level=${level}>${msg.contacts.title}</div>
        ${this.group(
          msg.contacts.phones,
          level + 1,
          contacts.phones.map((p) => ({ label: p.label, href: telHref(p.number), text: p.number, hours: p.hours })),
        )}
        ${this.group(
          msg.contacts.emails,
          level + 1,
          contacts.emails.map((e) => ({ label: e.label, href: `mailto:${e.address}`, text: e.address, hours: e.hours })),
        )}
        ${chatHours
          ? html`<div class="group" role="heading" aria-level=${level + 1}>${msg.contacts.chatHours}</div>
              <p class="chat">${this.state(chatHours)}</p>`
          : nothing}
        ${messengers.length
          ? html`<div class="group" role="heading" aria-level=${level + 1}>${msg.contacts.messengers}</div>
              <ul role="list" class="messengers">
                ${messengers.map(
                  (m) => html`<li>
                    <a href=${safeHref(m.url)!} target="_blank" rel="noopener noreferrer"
                      >${this.siteText(m.label)}<span class="visually-hidden"> ${msg.contacts.opensInNewTab}</span></a
                    >
                  </li>`,
                )}
              </ul>`
          : nothing}
        ${reportHref ? html`<p class="report"><a href=${reportHref}>${msg.contacts.report}</a></p>` : nothing}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-contacts-card': GsContactsCard;
  }
}
