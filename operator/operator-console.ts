import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DEFAULT_STATUSES, StatusDefinition } from '../src/protocol/status.js';
import { OperatorApi, errorText, type BookingQuery, type CallbackQuery, type FiguresQuery, type ListQuery, type OperatorSession } from './api.js';
import { messages } from './messages.js';
import { OperatorChatSession } from './chat-session.js';
import { OperatorRouter, type OperatorView } from './router.js';
import { consoleSheets } from './styles.js';
import './login-view.js';
import './request-list-view.js';
import './request-detail-view.js';
import './callback-queue-view.js';
import './booking-day-view.js';
import './chat-view.js';
import './figures-view.js';
import './alerts-view.js';
import './alert-banner.js';
import type { GsOperatorAlertBanner } from './alert-banner.js';

const NAME_KEY = 'gs-operator-name';

interface Screen extends HTMLElement {
  focusHeading(): void;
}

/** The nav's sections. */
const SECTIONS: { view: OperatorView; label: string; matches: (v: OperatorView) => boolean; supervisorOnly?: boolean }[] = [
  { view: { name: 'requests' }, label: messages.nav.requests, matches: (v) => v.name === 'requests' || v.name === 'request' },
  { view: { name: 'callbacks' }, label: messages.nav.callbacks, matches: (v) => v.name === 'callbacks' },
  { view: { name: 'bookings' }, label: messages.nav.bookings, matches: (v) => v.name === 'bookings' },
  { view: { name: 'chat' }, label: messages.nav.chat, matches: (v) => v.name === 'chat' },
  { view: { name: 'figures' }, label: messages.nav.figures, matches: (v) => v.name === 'figures' },
  { view: { name: 'alerts' }, label: messages.alerts.nav, matches: (v) => v.name === 'alerts', supervisorOnly: true },
];

/**
 * The operator console: login, then the sections behind a nav. Any 401 after login returns to
 * the login screen with «Сеанс истёк». Focus moves to the new screen's heading on each change.
 */
@customElement('gs-operator-console')
export class GsOperatorConsole extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      :host {
        min-height: 100vh !important;
        background: var(--_gs-color-bg) !important;
      }
      .skip-link {
        position: absolute;
        color: var(--_gs-color-primary);
        border: 2px solid var(--_gs-color-primary);
        inset-inline-start: 8px;
        top: -100px;
        background: var(--_gs-color-bg);
        padding: 8px 12px;
        z-index: 1;
      }
      .skip-link:focus {
        top: 8px;
      }
      header {
        background: var(--_gs-color-primary);
        color: var(--_gs-color-on-primary);
      }
      .bar {
        max-width: 72rem;
        margin: 0 auto;
        padding: var(--_gs-space) calc(var(--_gs-space) * 2);
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_gs-space) * 2);
        align-items: center;
      }
      .brand {
        font-weight: 700;
        font-size: 1.125em;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav button {
        background: transparent;
        color: var(--_gs-color-on-primary);
        border: 2px solid transparent;
        padding: 0.25em 0.75em;
        font-weight: 600;
      }
      nav button[aria-current='page'] {
        border-bottom-color: var(--_gs-color-on-primary);
        border-radius: 0;
      }
      .session {
        margin-inline-start: auto;
        display: flex;
        gap: var(--_gs-space);
        align-items: center;
      }
      .session button {
        background: transparent;
        color: var(--_gs-color-on-primary);
        border: 2px solid var(--_gs-color-on-primary);
        padding: 0.25em 1em;
        font-weight: 600;
      }
      header :focus-visible {
        outline-color: var(--_gs-color-on-primary);
      }
      main {
        max-width: 72rem;
        margin: 0 auto;
        padding: calc(var(--_gs-space) * 3) calc(var(--_gs-space) * 2);
      }
      main.narrow {
        max-width: 32rem;
      }
    `,
  ];

  /** Backend origin ('' = this page's origin). */
  @property() backend = '';
  @state() private session: OperatorSession | null = null;
  @state() private checking = true;
  @state() private loginNotice = '';
  @state() private statuses: StatusDefinition[] = DEFAULT_STATUSES.map((s) => StatusDefinition.parse(s));
  @state() private startupError = '';
  private listQuery: ListQuery = {};
  private callbackQuery: CallbackQuery = {};
  private bookingQuery: BookingQuery = {};
  private figuresQuery?: FiguresQuery;
  private readonly router = new OperatorRouter(this, () => this.focusScreen());
  private api = new OperatorApi('', () => this.expire());
  /** The operator's chat: connected when «Чат» is first opened, kept until logout. */
  private chat?: OperatorChatSession;

  override connectedCallback(): void {
    super.connectedCallback();
    this.api = new OperatorApi(this.backend, () => this.expire());
    void this.start();
  }

  private async start() {
    void this.api.statuses().then(
      (statuses) => (this.statuses = statuses),
      () => {
        /* the defaults stay */
      },
    );
    try {
      const session = await this.api.currentSession();
      if (session) this.session = { ...session, operatorName: session.operatorName || (sessionStorage.getItem(NAME_KEY) ?? '') };
    } catch (error) {
      this.startupError = errorText(error);
    } finally {
      this.checking = false;
      this.focusScreen();
    }
  }

  /** A 401 after login: back to the login screen, saying why. */
  private expire() {
    if (!this.session) return;
    this.session = null;
    this.endChat();
    this.loginNotice = messages.login.sessionExpired;
    this.router.reset();
    this.focusScreen();
  }

  private onLogin(event: CustomEvent<OperatorSession>) {
    this.session = event.detail;
    this.loginNotice = '';
    this.startupError = '';
    sessionStorage.setItem(NAME_KEY, event.detail.operatorName);
    this.router.reset();
    this.focusScreen();
  }

  private async logout() {
    this.endChat();
    await this.api.logout();
    sessionStorage.removeItem(NAME_KEY);
    this.session = null;
    this.loginNotice = messages.login.loggedOut;
    this.router.reset();
    this.focusScreen();
  }

  private endChat() {
    this.chat?.shutdown();
    this.chat = undefined;
  }

  private chatSession(): OperatorChatSession {
    this.chat ??= new OperatorChatSession(() => this.api.chatTicket(), this.session?.operatorName ?? '', this.backend);
    return this.chat;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.endChat();
  }

  private focusScreen() {
    void this.updateComplete.then(() => this.renderRoot.querySelector<Screen>('main > *')?.focusHeading?.());
  }

  override render() {
    const view = this.router.current;
    return html`
      <header>
        <button class="skip-link" type="button" @click=${this.skip}>${messages.skipLink}</button>
        <div class="bar">
          <span class="brand">${messages.appTitle}</span>
          ${this.session
            ? html`
                <nav aria-label=${messages.navLabel}>
                  <ul>
                    ${SECTIONS.filter((s) => !s.supervisorOnly || this.session?.role === 'supervisor').map(
                      (s) =>
                        html`<li><button type="button" aria-current=${s.matches(view) ? 'page' : 'false'} @click=${() => this.router.go(s.view, { section: true })}>${s.label}</button></li>`,
                    )}
                  </ul>
                </nav>
                <div class="session">
                  ${this.session.operatorName ? html`<span>${messages.signedInAs(this.session.operatorName)}</span>` : nothing}
                  <button type="button" @click=${this.logout}>${messages.logout}</button>
                </div>
              `
            : nothing}
        </div>
        ${this.session
          ? html`<gs-operator-alert-banner
              .api=${this.api}
              ?supervisor=${this.session.role === 'supervisor'}
              @open-alerts=${() => this.router.go({ name: 'alerts' }, { section: true })}
            ></gs-operator-alert-banner>`
          : nothing}
      </header>
      <main id="main" tabindex="-1" class=${this.session ? '' : 'narrow'}>
        ${this.checking ? html`<p role="status">${messages.loading}</p>` : this.session ? this.renderView(view) : this.renderLogin()}
      </main>
    `;
  }

  private renderLogin() {
    return html`<gs-operator-login .api=${this.api} .notice=${this.loginNotice || this.startupError} @operator-login=${this.onLogin}></gs-operator-login>`;
  }

  private renderView(view: OperatorView) {
    switch (view.name) {
      case 'requests':
        return html`<gs-operator-request-list
          .api=${this.api}
          .statuses=${this.statuses}
          .query=${this.listQuery}
          @list-query=${(e: CustomEvent<ListQuery>) => (this.listQuery = e.detail)}
          @open-request=${(e: CustomEvent<string>) => this.router.go({ name: 'request', number: e.detail })}
        ></gs-operator-request-list>`;
      case 'request':
        return html`<gs-operator-request-detail
          .api=${this.api}
          .statuses=${this.statuses}
          .number=${view.number}
          @go-back=${() => (this.router.canGoBack ? this.router.back() : this.router.go({ name: 'requests' }, { section: true }))}
        ></gs-operator-request-detail>`;
      case 'callbacks':
        return html`<gs-operator-callback-queue
          .api=${this.api}
          .query=${this.callbackQuery}
          @callback-query=${(e: CustomEvent<CallbackQuery>) => (this.callbackQuery = e.detail)}
        ></gs-operator-callback-queue>`;
      case 'bookings':
        return html`<gs-operator-booking-day
          .api=${this.api}
          .query=${this.bookingQuery}
          @booking-query=${(e: CustomEvent<BookingQuery>) => (this.bookingQuery = e.detail)}
        ></gs-operator-booking-day>`;
      case 'chat':
        return html`<gs-operator-chat
          .session=${this.chatSession()}
          .operatorName=${this.session?.operatorName ?? ''}
          .attachmentUrl=${(id: string) => this.api.attachmentUrl(id)}
        ></gs-operator-chat>`;
      case 'figures':
        return html`<gs-operator-figures
          .api=${this.api}
          .viewerRole=${this.session?.role ?? 'operator'}
          .query=${this.figuresQuery}
          @figures-query=${(e: CustomEvent<FiguresQuery>) => (this.figuresQuery = e.detail)}
        ></gs-operator-figures>`;
      case 'alerts':
        return html`<gs-operator-alerts
          .api=${this.api}
          @alerts-changed=${() => void this.renderRoot.querySelector<GsOperatorAlertBanner>('gs-operator-alert-banner')?.refresh()}
        ></gs-operator-alerts>`;
    }
  }

  /** «Перейти к основному содержанию»: a button, the target being in this shadow root. */
  private skip() {
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-console': GsOperatorConsole;
  }
}
