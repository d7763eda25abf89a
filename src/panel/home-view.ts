import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ClockController } from '../controllers/clock-controller.js';
import { ConfigController } from '../controllers/config-controller.js';
import { GsNavigateEvent, GsPrefetchEvent } from '../events/widget-events.js';
import { describeOpenState } from '../i18n/format.js';
import { LocalizeController } from '../i18n/localize.js';
import { CHANNELS, type ChannelId, type Locale } from '../protocol/config.js';
import { base, tokens, visuallyHidden } from '../styles/index.js';
import { openState } from '../time/business-hours.js';
import './contacts-card.js';
import { chevronIcon } from '../shared/icons.js';
import { loadHelpSearch } from './channel-views.js';
import { styles } from './home-view.styles.js';

/**
 * The panel's start page: the channels the config enables and the panel can open, each with what
 * it is for and, when it has hours, whether it is open now (Moscow time); a line naming the enabled
 * channels that are not available yet (not offered as if they were); then the contacts card.
 *
 * @tagname gs-home-view
 * @summary The list of support channels and the contacts card.
 *
 * @fires gs-navigate - A channel was chosen. `event.view` is its id.
 * @fires gs-prefetch - A channel was pointed at or focused: its file may start to arrive. `event.view`.
 *
 * @csspart channel - One channel entry (a button).
 * @csspart soon - The line naming the channels that are coming but not available yet.
 */
export class GsHomeView extends LitElement {
  static override styles = [tokens, base, visuallyHidden, styles];

  /** Text above the list (the site owner may override it in config). */
  @property() intro = '';

  /** Channels whose views exist; the other enabled ones are only named as coming. */
  @property({ attribute: false }) available: readonly ChannelId[] = [];

  /** Backend URL when used standalone (outside gs-support-widget). */
  @property() backend?: string;

  /** Language when used standalone. */
  @property() locale?: Locale;

  private readonly config = new ConfigController(this);
  private readonly clock = new ClockController(this);
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);

  override connectedCallback(): void {
    super.connectedCallback();
    // The help search is a file of its own: the home view works without it until it arrives.
    loadHelpSearch(this.l10n.locale).then(
      () => this.requestUpdate(),
      () => undefined,
    );
  }

  protected override render() {
    const msg = this.l10n.msg;
    const config = this.config.value;
    const enabled = CHANNELS.filter((id) => config.channels[id].enabled);
    const offered = enabled.filter((id) => this.available.includes(id));
    const coming = enabled.filter((id) => !this.available.includes(id));
    const now = this.clock.now();
    return html`
      ${this.intro ? html`<p class="intro">${this.intro}</p>` : nothing}
      ${customElements.get('gs-help-search') && this.l10n.msg.help ? html`<gs-help-search class="help"></gs-help-search>` : nothing}
      <ul class="channels" role="list" aria-label=${this.l10n.plural(offered.length, msg.channelCount)}>
        ${offered.map((id) => {
          const hours = config.channels[id].hours;
          return html`<li>
            <button
              class="channel"
              part="channel"
              type="button"
              data-channel=${id}
              @click=${() => this.dispatchEvent(new GsNavigateEvent(id))}
              @pointerenter=${() => this.dispatchEvent(new GsPrefetchEvent(id))}
              @focus=${() => this.dispatchEvent(new GsPrefetchEvent(id))}
            >
              <span class="channel-text">
                <span class="channel-title">${msg.channels[id].title}</span>
                <span class="channel-description">${msg.channels[id].description}</span>
                ${hours
                  ? html`<span class="channel-hours">${describeOpenState(openState(hours, now), now, hours.timeZone, this.l10n.locale, msg)}</span>`
                  : nothing}
              </span>
              ${chevronIcon}
            </button>
          </li>`;
        })}
      </ul>
      ${coming.length ? html`<p class="soon" part="soon">${msg.comingSoon.upcoming(coming.map((id) => msg.channels[id].title).join(', '))}</p>` : nothing}
      <gs-contacts-card .available=${this.available}></gs-contacts-card>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-home-view': GsHomeView;
  }
}
