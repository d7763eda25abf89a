import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { ConfigController } from '../controllers/config-controller.js';
import { LocalizeController } from '../i18n/localize.js';
import type { ChannelId, Locale } from '../protocol/config.js';
import { base, tokens } from '../styles/index.js';
import './contacts-card.js';
import { styles } from './coming-soon.styles.js';

/**
 * What a channel shows while its feature is not built yet: an honest «скоро» with the ways to
 * reach support now (phones and e-mail from config). Never pretends to work.
 *
 * @tagname gs-coming-soon
 * @summary «Скоро» view of a channel that is not available yet.
 */
export class GsComingSoon extends LitElement {
  static override styles = [tokens, base, styles];

  /** The channel this stands in for. */
  @property() channel: ChannelId = 'chat';

  /** Language when used standalone. */
  @property() locale?: Locale;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  private readonly config = new ConfigController(this);
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);

  protected override render() {
    const msg = this.l10n.msg;
    const { phones, emails } = this.config.value.contacts;
    return html`
      <p class="lead">${msg.channels[this.channel].description}.</p>
      <p class="soon">${msg.comingSoon.body}</p>
      ${phones.length || emails.length
        ? html`<p>${msg.comingSoon.meanwhile}</p>
            <gs-contacts-card compact heading-level="3"></gs-contacts-card>`
        : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-coming-soon': GsComingSoon;
  }
}
