import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ApiClient } from '../api/client.js';
import { pageCommands, type CommandQueue } from '../config/commands.js';
import { pageConfigStore, type ConfigStore, type OpenRequest, type ViewName } from '../config/store.js';
import { apiContext } from '../context/api-context.js';
import { clockContext, systemClock, type Clock } from '../context/clock-context.js';
import { configContext } from '../context/config-context.js';
import { FocusAvoidanceController } from './focus-avoidance-controller.js';
import { ViewRouterController, type ViewEntry } from './view-router-controller.js';
import { GsCloseEvent, GsOpenEvent, GsViewEvent, type GsNavigateEvent, type GsPrefetchEvent } from '../events/widget-events.js';
import { LocalizeController } from '../i18n/localize.js';
import { CHANNELS, type WidgetConfig } from '../protocol/config.js';
import { base, buttons, tokens, visuallyHidden } from '../styles/index.js';
import type { LauncherBridge } from '../launcher/bridge.js';
import { ChannelLoaderController } from './channel-loader-controller.js';
import { CoverGuardController } from './cover-guard-controller.js';
import { channelViews } from './channel-views.js';
import { fetchConfigLayer } from './remote-config.js';
import { surveyTokenIn } from '../launcher/survey-link.js';
import './coming-soon.js';
import './contacts-card.js';
import './home-view.js';
import { backIcon, closeIcon, helpIcon } from '../shared/icons.js';
import { styles } from './support-widget.styles.js';

/**
 * The help service on a page: a floating «Помощь» launcher and a non-modal panel from which a
 * citizen reaches every enabled channel, plus a contacts card. It provides the config, the
 * backend client and the clock to every element inside it (@lit/context).
 *
 * Until the panel is first opened it renders only the launcher and does no I/O: the backend's
 * `GET /config` is loaded on first open.
 *
 * @tagname gs-support-widget
 * @summary Floating «Помощь» button and the support panel.
 *
 * @fires gs-open - The panel opened. `event.view` is the view shown.
 * @fires gs-close - The panel closed.
 * @fires gs-view - The panel shows another view. `event.view`, `event.previous`.
 * @fires gs-submit - A request was registered (from the request form). `event.requestNumber`.
 *
 * @csspart launcher - The floating button.
 * @csspart panel - The dialog.
 * @csspart header - The panel's header bar.
 * @csspart title - The panel's heading.
 * @csspart back - The back button (not on the home view).
 * @csspart close - The close button.
 * @csspart body - The scrolling content of the panel.
 *
 * @cssprop [--gs-color-primary=#0d4cd3] - Brand colour: launcher, buttons, links.
 * @cssprop [--gs-color-primary-hover=#0a3aa3] - Hover colour of primary buttons.
 * @cssprop [--gs-color-on-primary=#ffffff] - Text on the brand colour.
 * @cssprop [--gs-color-bg=#ffffff] - Panel background.
 * @cssprop [--gs-color-surface=#f2f5f9] - Cards and header background.
 * @cssprop [--gs-color-text=#1b1f24] - Body text.
 * @cssprop [--gs-color-text-muted=#505a66] - Secondary text.
 * @cssprop [--gs-color-border=#8a94a1] - Borders of controls and cards.
 * @cssprop [--gs-color-focus=#b25e00] - Focus ring.
 * @cssprop [--gs-color-success=#0b6b2f] - «Open now» and success states.
 * @cssprop [--gs-color-danger=#b3261e] - Errors.
 * @cssprop [--gs-font-family=system-ui] - Font stack (self-hosted or system fonts only).
 * @cssprop [--gs-font-size=medium] - Base text size: the reader's own browser setting (x-large, 1.5 times that, in the high-contrast mode).
 * @cssprop [--gs-line-height=1.5] - Base line height.
 * @cssprop [--gs-radius=12px] - Corner radius of the panel and launcher.
 * @cssprop [--gs-radius-small=8px] - Corner radius of buttons and cards.
 * @cssprop [--gs-space=0.5em] - Spacing unit.
 * @cssprop [--gs-shadow=0 8px 32px rgb(16 24 40 / 0.24)] - Shadow of the panel and launcher.
 * @cssprop [--gs-z-index=2147483000] - Stacking level of the launcher and panel.
 * @cssprop [--gs-focus-width=3px] - Width of the focus ring.
 * @cssprop [--gs-panel-width=25em] - Width of the panel on wide screens (grows with the text).
 * @cssprop [--gs-panel-height=40em] - Height of the panel on wide screens, the same for every view (at most the screen's).
 */
export class GsSupportWidget extends LitElement {
  static override styles = [tokens, base, visuallyHidden, buttons, styles];

  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Where config comes from; the page's store unless a test or story gives its own. */
  @property({ attribute: false }) store: ConfigStore = pageConfigStore;

  /** Where `GovSupport.open()` and the others arrive; the page's queue unless a test or story gives its own. */
  @property({ attribute: false }) commands: CommandQueue = pageCommands;

  /** What "now" is for every element inside (a fixed clock in tests and stories). */
  @property({ attribute: false }) clock: Clock = systemClock;

  /** Colour scheme in effect (reflected for styling): from config. */
  @property({ reflect: true }) scheme: WidgetConfig['theme']['scheme'] = 'light';

  /** High-contrast, large-text mode: from config. */
  @property({ type: Boolean, reflect: true }) contrast = false;

  /** The high-contrast mode's colours (reflected for styling): from config. */
  @property({ reflect: true, attribute: 'contrast-colors' }) contrastColors: WidgetConfig['theme']['contrastColors'] = 'black-on-white';

  /** Side of the screen the launcher is on, after avoiding focused host content. */
  @property({ reflect: true }) side: 'left' | 'right' = 'right';

  /**
   * Set when the panel lives in the script tag's launcher (`attachPanel`): the launcher owns the
   * button and its place; this element renders the dialog only and follows the launcher.
   */
  @property({ attribute: false }) bridge?: LauncherBridge;

  @state() private remote: 'idle' | 'loading' | 'loaded' | 'failed' = 'idle';
  @state() private announcement = '';
  /** Chat messages that arrived while the panel was closed: a count on the launcher. */
  @state() private unread = 0;
  /** The panel has been opened at least once (before that only the launcher is rendered). */
  @state() private activated = false;

  @query('.launcher') private launcherButton?: HTMLButtonElement;
  @query('#title') private heading?: HTMLElement;

  private readonly configProvider = new ContextProvider(this, { context: configContext });
  private readonly clockProvider = new ContextProvider(this, { context: clockContext, initialValue: systemClock });
  private readonly apiProvider = new ContextProvider(this, { context: apiContext });
  private readonly l10n = new LocalizeController(this, () => this.config.locale);
  private readonly router = new ViewRouterController(this, (current, previous) => this.viewChanged(current, previous));
  private readonly channels = new ChannelLoaderController(
    this,
    () => {
      this.announcement = this.l10n.msg.channelLoad.failed;
    },
    () => this.l10n.locale,
  );
  private readonly avoidance = new FocusAvoidanceController(this, () => (this.bridge ? undefined : this.launcherButton));
  // The panel yields to a page element it would cover (WCAG 2.4.11); Esc on the page closes it.
  protected readonly coverGuard: CoverGuardController = new CoverGuardController(this, {
    isOpen: () => this.open,
    panel: () => this.renderRoot.querySelector('.panel'),
    widget: (): Element => this.bridge?.host ?? this,
    yieldTo: () => this.hide({ restoreFocus: false }),
  });
  private unsubscribe: (() => void)[] = [];
  private focusHeadingAfterUpdate = false;
  /** Back on the home view from a channel: its entry takes focus instead of the heading. */
  private returnToEntry?: Exclude<ViewName, 'home'> | undefined;
  private remoteAbort?: AbortController;

  private get config(): WidgetConfig {
    return this.store.config;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = [
      this.store.subscribe(() => this.requestUpdate()),
      this.commands.subscribe(() => this.runPendingCommand()),
    ];
    this.runPendingCommand();
    if (this.bridge) {
      // The script tag's launcher reads tracking links itself and passes them on as open().
      this.unsubscribe.push(this.bridge.onAvoidance(() => this.requestUpdate()));
      return;
    }
    addEventListener('hashchange', this.openTrackingLink);
    this.openTrackingLink();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.openTrackingLink);
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.remoteAbort?.abort();
  }

  /**
   * Opens the panel on `view` with optional prefill for it; without a view, where the citizen
   * left off (what they typed is still there).
   */
  show(view?: ViewName, prefill?: Record<string, unknown>): void {
    if (view !== undefined || prefill) {
      const target = view !== undefined && this.isEnabled(view) ? view : 'home';
      if (target !== this.router.current.view || prefill) this.router.go(target, prefill);
    }
    if (this.open) {
      this.focusHeadingAfterUpdate = true;
      return;
    }
    this.open = true;
    this.activated = true;
    this.focusHeadingAfterUpdate = true;
    this.bridge?.setOpen(true);
    this.countUnread(0);
    this.loadRemoteConfig();
    this.dispatchEvent(new GsOpenEvent(this.router.current.view));
  }

  /** Closes the panel; focus goes back to the launcher when it was inside the panel. */
  hide({ restoreFocus = true } = {}): void {
    if (!this.open) return;
    const focusWasInside = this.matches(':focus-within');
    this.open = false;
    this.bridge?.setOpen(false);
    this.dispatchEvent(new GsCloseEvent());
    if (restoreFocus || focusWasInside) void this.updateComplete.then(() => (this.bridge?.button ?? this.launcherButton)?.focus());
  }

  toggle(view?: ViewName, prefill?: Record<string, unknown>): void {
    if (this.open) this.hide();
    else this.show(view, prefill);
  }

  /** A view that may be shown: home, an enabled channel, the survey (whatever channel it is about). */
  private isEnabled(view: ViewName): boolean {
    return view === 'home' || view === 'survey' || (CHANNELS.includes(view) && this.config.channels[view].enabled);
  }

  /**
   * A tracking link (`…#gs-status=2026-000123`, the parameter from config) opens the status view
   * with the number; a survey link (`…#gs-survey=<token>`) the survey.
   */
  private readonly openTrackingLink = (): void => {
    const token = surveyTokenIn(location.hash);
    if (token) return this.show('survey', { token });
    const number = new URLSearchParams(location.hash.slice(1)).get(this.config.statusParam)?.trim();
    if (number && number.length <= 40) this.show('status', { number });
  };

  private runPendingCommand(): void {
    const command = this.commands.take();
    if (!command) return;
    const request: OpenRequest = command.action === 'close' ? {} : command.request;
    if (command.action === 'open') this.show(request.view, request.prefill);
    else if (command.action === 'close') this.hide({ restoreFocus: false });
    else this.toggle(request.view, request.prefill);
  }

  private loadRemoteConfig(): void {
    if (this.remote !== 'idle' && this.remote !== 'failed') return;
    if (this.store.has('remote')) {
      this.remote = 'loaded';
      return;
    }
    this.remote = 'loading';
    this.announcement = this.l10n.msg.config.loading;
    this.remoteAbort = new AbortController();
    fetchConfigLayer(this.api(this.config.backend), this.remoteAbort.signal)
      .then((remote) => {
        this.store.set('remote', remote);
        this.remote = 'loaded';
        this.announcement = '';
      })
      .catch(() => {
        if (this.remoteAbort?.signal.aborted) return;
        this.remote = 'failed';
        this.announcement = this.l10n.msg.config.unavailable;
      });
  }

  private viewChanged(current: ViewEntry, previous: ViewEntry | undefined): void {
    this.focusHeadingAfterUpdate = this.open;
    this.returnToEntry = current.view === 'home' && previous && previous.view !== 'home' ? previous.view : undefined;
    if (current.view !== 'home') this.channels.fetch(current.view);
    this.dispatchEvent(new GsViewEvent(current.view, previous?.view));
  }

  /** The citizen points at or focuses a channel on the home view: its file starts to arrive. */
  private readonly onPrefetch = (event: GsPrefetchEvent): void => {
    event.stopPropagation();
    this.channels.prefetch(event.view);
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    // `open` set directly (attribute or property) works like show().
    if (changed.has('open') && this.open && !this.activated) {
      this.activated = true;
      this.loadRemoteConfig();
    }
    const config = this.config;
    this.configProvider.setValue(config);
    if (changed.has('clock')) this.clockProvider.setValue(this.clock);
    this.apiProvider.setValue(this.api(config.backend));
    this.scheme = config.theme.scheme;
    this.contrast = config.theme.contrast;
    this.contrastColors = config.theme.contrastColors;
    const { side } = config.position;
    this.side = this.placement().flip ? (side === 'right' ? 'left' : 'right') : side;
    if (this.bridge) {
      const { offsetX, offsetY } = config.position;
      this.bridge.applySettings({ side, offsetX, offsetY, scheme: config.theme.scheme, contrast: config.theme.contrast, contrastColors: config.theme.contrastColors, locale: this.l10n.locale, label: this.texts().launcher });
    }
  }

  /** Where the launcher moved to keep a focused page element visible: its own, or the script tag launcher's. */
  private placement(): { flip: boolean; lift: number } {
    return this.bridge?.avoidance ?? this.avoidance.value;
  }

  private apiClient?: ApiClient;
  private api(backend: string): ApiClient {
    if (this.apiClient?.baseUrl !== backend) this.apiClient = new ApiClient(backend);
    return this.apiClient;
  }

  protected override updated(): void {
    const { offsetX, offsetY } = this.config.position;
    // CSSOM custom properties: allowed under a strict style-src, unlike style attributes.
    this.style.setProperty('--_gs-offset-x', `${offsetX}px`);
    this.style.setProperty('--_gs-offset-y', `${offsetY + this.placement().lift}px`);
    if (this.focusHeadingAfterUpdate && this.open) {
      this.focusHeadingAfterUpdate = false;
      const entry = this.returnToEntry;
      this.returnToEntry = undefined;
      if (entry) void this.focusEntry(entry);
      else this.heading?.focus();
    }
  }

  /** Focuses the home view's entry of `channel` (where the citizen came from), else the heading. */
  private async focusEntry(channel: Exclude<ViewName, 'home'>): Promise<void> {
    const home = this.renderRoot.querySelector('gs-home-view');
    await home?.updateComplete;
    const entry = home?.shadowRoot?.querySelector<HTMLElement>(`button[data-channel="${channel}"]`);
    if (entry) entry.focus();
    else this.heading?.focus();
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      this.hide();
    }
  };

  /** A chat message came live: counted on the launcher while the panel is closed. */
  private readonly onIncomingMessage = (): void => {
    if (!this.open) this.countUnread(this.unread + 1);
  };

  private countUnread(count: number): void {
    if (count === this.unread) return;
    this.unread = count;
    const words = this.l10n.plural(count, this.l10n.msg.unreadMessages);
    this.bridge?.setUnread(count, words);
    if (count && !this.bridge) this.announcement = words;
  }

  private readonly onNavigate = (event: GsNavigateEvent): void => {
    event.stopPropagation();
    this.show(event.view, event.prefill);
  };

  private texts() {
    const msg = this.l10n.msg;
    const own = this.config.texts[this.l10n.locale] ?? {};
    return { launcher: own.launcher ?? msg.launcher, title: own.title ?? msg.panelTitle, intro: own.intro ?? msg.intro };
  }

  protected override render() {
    const msg = this.l10n.msg;
    const texts = this.texts();
    const view = this.router.current.view;
    const title = view === 'home' ? texts.title : view === 'survey' ? msg.quality.title : msg.channels[view].title;
    return html`
      ${this.bridge ? nothing : this.renderLauncher(texts.launcher)}
      ${this.activated ? this.renderPanel(title, texts.intro) : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  private renderLauncher(label: string) {
    return html`
      <button
        class="launcher"
        part="launcher"
        type="button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        lang=${this.l10n.locale}
        @click=${() => this.toggle()}
      >
        ${helpIcon}<span class="launcher-text"
          >${this.open ? this.l10n.msg.launcherHide : label}${this.unread
            ? html`<span class="visually-hidden">, ${this.l10n.plural(this.unread, this.l10n.msg.unreadMessages)}</span>`
            : nothing}</span
        >${this.unread ? html`<span class="unread" part="unread" aria-hidden="true">${this.unread}</span>` : nothing}
      </button>
    `;
  }

  private renderPanel(title: string, intro: string) {
    const msg = this.l10n.msg;
    return html`
      <section
        id="panel"
        class="panel"
        part="panel"
        role="dialog"
        aria-labelledby="title"
        lang=${this.l10n.locale}
        ?hidden=${!this.open}
        @keydown=${this.onKeydown}
        @gs-navigate=${this.onNavigate}
        @gs-incoming-message=${this.onIncomingMessage}
        @gs-prefetch=${this.onPrefetch}
      >
        <div class="header" part="header">
          ${this.router.canGoBack
            ? html`<button class="button-icon back" part="back" type="button" aria-label=${msg.back} @click=${() => this.router.back()}>
                ${backIcon}
              </button>`
            : nothing}
          <h2 id="title" part="title" tabindex="-1">${title}</h2>
          <button class="button-icon close" part="close" type="button" aria-label=${msg.close} @click=${() => this.hide()}>
            ${closeIcon}
          </button>
        </div>
        <div class="body" part="body">
          ${this.remote === 'failed' ? html`<p class="notice">${msg.config.unavailable}</p>` : nothing}
          ${this.renderView(intro)}
        </div>
      </section>
    `;
  }

  private renderView(intro: string) {
    const { view, prefill } = this.router.current;
    if (view === 'home') {
      const available = CHANNELS.filter((id) => channelViews[id]);
      return html`<gs-home-view .intro=${intro} .available=${available}></gs-home-view>`;
    }
    const channel = channelViews[view];
    if (!channel) return html`<gs-coming-soon .channel=${view}></gs-coming-soon>`;
    const msg = this.l10n.msg.channelLoad;
    switch (this.channels.state(view)) {
      case 'ready':
        return channel.render(prefill);
      case 'failed':
        return html`<div class="notice" role="alert">${msg.failed}</div>
          <p><button class="button-primary" type="button" @click=${() => this.channels.fetch(view)}>${msg.retry}</button></p>
          <gs-contacts-card></gs-contacts-card>`;
      default:
        return html`<p class="loading">${msg.loading}</p>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-support-widget': GsSupportWidget;
  }
}
