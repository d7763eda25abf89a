import { avoidFocus, type Offset } from '../shared/launcher-avoidance.js';
import type { LauncherBridge, LauncherSettings, PanelHandle, PanelModule, QueuedCall } from './bridge.js';
import { h, helpIcon } from './dom.js';
import { renderFallback } from './fallback.js';
import { launcherCss } from './launcher.styles.js';
import { panelLoader } from './loader.js';
import { messages } from './messages.js';
import { guard, report } from './report.js';
import { applyConfig, labelOf, readSettings, type Dataset, type LauncherState } from './settings.js';
import { surveyTokenIn } from './survey-link.js';

/** What an entry (the script tag, or a bundler app) gives the launcher. */
export interface LauncherOptions {
  /**
   * Fetches the panel module: at the first sign of intent (`attempt` 0), and again after a
   * failure (1, 2, …; see loader.ts for why a retry may need another URL).
   */
  loadPanel: (attempt: number) => Promise<PanelModule>;
  /** The script tag's data-* settings as written. */
  dataset?: Dataset;
  /** The origin the script came from (the backend when data-backend is absent). */
  scriptOrigin?: string | undefined;
}

let sheet: CSSStyleSheet | undefined;

const isOpening = (call: QueuedCall) => call.method === 'open' || call.method === 'toggle';

/**
 * The floating «Помощь» button of the script tag: a plain custom element (no framework) that
 * costs the page a few kilobytes. At the first sign of intent (pointer over or focus on the
 * button, a touch, `GovSupport.open()`, a tracking link) it fetches the panel, which
 * `attachPanel` puts into this element's shadow root; clicks and page-API calls then go to the
 * panel. A click before the panel has arrived shows the button busy and opens the panel when it
 * arrives; a panel that will not load gives a fallback dialog with the site's contacts and
 * «Повторить». Before any intent it sends no request and touches no storage.
 *
 * Host attributes (reflected): `side` (right|left, after the focus-avoidance flip), `scheme`
 * (auto|light|dark), `contrast`. CSS custom properties set on the host through CSSOM (allowed
 * under a strict style-src), read by its own styles and by the panel to place itself:
 * `--_gs-offset-x` (px), `--_gs-offset-y` (the offset plus the avoidance lift, px),
 * `--_gs-panel-left` / `--_gs-panel-right` (one is the horizontal offset, the other `auto`).
 *
 * @summary Floating «Помощь» button that loads the support panel on intent.
 *
 * @csspart launcher - The floating button.
 *
 * @cssprop [--gs-color-primary=#0d4cd3] - Brand colour of the button.
 * @cssprop [--gs-color-primary-hover=#0a3aa3] - The button under the pointer.
 * @cssprop [--gs-color-on-primary=#ffffff] - Text and border of the button.
 * @cssprop [--gs-color-focus=#b25e00] - Focus ring.
 * @cssprop [--gs-font-family=system-ui] - Font stack.
 * @cssprop [--gs-font-size=medium] - Base text size: the reader's own browser setting (x-large, 1.5 times that, in the high-contrast mode).
 * @cssprop [--gs-shadow=0 8px 32px rgb(16 24 40 / 0.24)] - Shadow of the button.
 * @cssprop [--gs-z-index=2147483000] - Stacking level.
 * @cssprop [--gs-panel-width=25em] - Width of the fallback dialog on wide screens (grows with the text).
 */
export class GsLauncher extends HTMLElement {
  /** Page-API calls made before the panel arrived, for it to replay in order (`takeQueue`). */
  #queue: QueuedCall[] = [];
  /** The panel, once attached: clicks and page-API calls go to it. */
  #handle?: PanelHandle;
  #state: LauncherState = readSettings({});
  #options?: LauncherOptions;
  #load?: () => Promise<PanelModule>;
  #module?: PanelModule;
  #loading = false;
  /** The citizen (or the page) asked for the panel, which has not opened yet. */
  #wanted = false;
  #busy = false;
  #button?: HTMLButtonElement;
  #label?: HTMLElement;
  #live?: HTMLElement;
  #unread?: HTMLElement;
  #unreadWords?: HTMLElement;
  #fallback?: HTMLElement;
  #connection?: AbortController;
  #avoidance: Offset = { lift: 0, flip: false };
  #avoidanceListeners = new Set<() => void>();
  #focused: Element | null = null;
  #frame = 0;

  /** Called once by the entry (on a `<gs-support-widget>` the site wrote, it may be on the page already). */
  init(options: LauncherOptions): void {
    this.#options = options;
    this.#state = readSettings(options.dataset ?? {});
    this.#load = panelLoader(options.loadPanel);
    this.#apply();
    if (this.#wanted) this.#intent();
  }

  connectedCallback(): void {
    try {
      const first = !this.#button;
      if (first) this.#render();
      this.#apply();
      this.#connection = new AbortController();
      const options = { capture: true, passive: true, signal: this.#connection.signal };
      document.addEventListener('focusin', this.#onFocus, options);
      document.addEventListener('focusout', this.#onFocus, options);
      addEventListener('scroll', this.#schedule, options);
      addEventListener('resize', this.#schedule, options);
      addEventListener('hashchange', this.#openTrackingLink, options);
      if (first) this.#openTrackingLink();
      // The panel arrived while the launcher was not on the page (data-mount="manual").
      if (this.#module) this.#attach();
    } catch (error) {
      report(error);
    }
  }

  disconnectedCallback(): void {
    this.#connection?.abort();
    cancelAnimationFrame(this.#frame);
  }

  /** Appends the launcher to `target` (<body> by default) unless it is on the page already. */
  mount(target?: Element): this {
    if (!this.isConnected) (target ?? document.body).append(this);
    return this;
  }

  /**
   * A page-API call: to the panel once it is there; before that queued for it, with the
   * launcher's part of `configure()` applied at once, and `open`/`toggle` fetching the panel.
   */
  call(method: QueuedCall['method'], args: unknown[]): void {
    if (this.#handle) return (this.#handle[method] as (...args: unknown[]) => void)(...args);
    this.#queue.push({ method, args } as QueuedCall);
    if (method === 'configure') {
      applyConfig(this.#state, args[0]);
      this.#apply();
    } else if (method === 'close') {
      this.#wanted = false;
      this.#setBusy(false);
      this.#closeFallback(true);
    } else this.#request();
  }

  #render(): void {
    const root = this.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(launcherCss);
    }
    root.adoptedStyleSheets = [sheet];
    this.#label = h('span', { class: 'launcher-text' });
    this.#unread = h('span', { class: 'unread', part: 'unread', 'aria-hidden': 'true', hidden: '' });
    this.#unreadWords = h('span', { class: 'visually-hidden' });
    this.#button = h('button', { class: 'launcher', part: 'launcher', type: 'button', 'aria-expanded': 'false' }, helpIcon(), this.#label, this.#unread);
    this.#live = h('div', { class: 'visually-hidden', role: 'status' });
    this.#button.onclick = this.#onClick;
    for (const type of ['pointerenter', 'focus', 'touchstart']) this.#button.addEventListener(type, this.#intent, { passive: true });
    root.append(this.#button, this.#live);
  }

  /** Shows the settings: host attributes, custom properties, the label. */
  #apply(): void {
    const { side: configured, offsetX, offsetY, scheme, contrast, contrastColors, locale } = this.#state;
    const side = this.#avoidance.flip ? (configured === 'right' ? 'left' : 'right') : configured;
    const x = `${offsetX}px`;
    this.setAttribute('side', side);
    this.setAttribute('scheme', scheme);
    this.toggleAttribute('contrast', contrast);
    this.setAttribute('contrast-colors', contrastColors);
    for (const [name, value] of [
      ['offset-x', x],
      ['offset-y', `${offsetY + this.#avoidance.lift}px`],
      ['panel-left', side === 'left' ? x : 'auto'],
      ['panel-right', side === 'right' ? x : 'auto'],
    ]) {
      this.style.setProperty(`--_gs-${name}`, value!);
    }
    if (this.#button) this.#button.lang = this.#live!.lang = locale;
    this.#showLabel();
  }

  /** The button says what a click does: «Помощь» opens, «Свернуть помощь» closes what is open. */
  #showLabel(): void {
    if (!this.#label || !this.#button) return;
    const open = this.#button.getAttribute('aria-expanded') === 'true';
    // The unread words stay inside the label: one accessible name, «Помощь, 1 новое сообщение».
    this.#label.replaceChildren(open ? messages[this.#state.locale].hide : labelOf(this.#state), this.#unreadWords!);
  }

  readonly #onClick = guard((): void => {
    if (this.#handle) this.#handle.toggle();
    else if (this.#fallback) this.#dismiss();
    // A second click while busy would not open it twice, nor close it again.
    else if (!this.#busy) {
      this.#queue.push({ method: 'open', args: [] });
      this.#request();
    }
  });

  /** Someone wants the panel open: show the button busy and fetch the panel. */
  #request(): void {
    this.#wanted = true;
    this.#setBusy(true);
    this.#intent();
  }

  /** Fetches the panel (once; again after a failure) and attaches it. */
  readonly #intent = (): void => {
    if (this.#handle || this.#loading || !this.#load) return;
    if (this.#module) return this.#attach();
    this.#loading = true;
    this.#load()
      .then(
        (module) => {
          this.#module = module;
          this.#attach();
        },
        (error: unknown) => {
          report(error);
          this.#failed();
        },
      )
      .finally(() => (this.#loading = false))
      .catch(report);
  };

  /** Puts the panel into the shadow root (once rendered); the panel replays the queue. */
  #attach(): void {
    if (!this.#module || this.#handle || !this.#button) return;
    this.#closeFallback(false);
    try {
      this.#handle = this.#module.attachPanel(this.#bridge());
    } catch (error) {
      report(error);
      return this.#failed();
    }
    this.#wanted = false;
    this.#setBusy(false);
  }

  #failed(): void {
    this.#setBusy(false);
    if (!this.#wanted) return;
    if (!this.#fallback) return this.#showFallback();
    // Still failing after «Повторить»: say so again.
    const msg = messages[this.#state.locale];
    this.#live!.textContent = `${msg.fallbackTitle}. ${msg.fallbackMessage}`;
  }

  readonly #retry = (): void => {
    if (!this.#queue.some(isOpening)) this.#queue.push({ method: 'open', args: [] });
    this.#request();
  };

  #showFallback(): void {
    const button = this.#button;
    if (!button) return;
    const fallback = (this.#fallback = renderFallback(this.#state, { retry: this.#retry, close: this.#dismiss }));
    this.shadowRoot!.append(fallback);
    button.setAttribute('aria-expanded', 'true');
    this.#showLabel();
    button.setAttribute('aria-controls', fallback.id);
    fallback.querySelector('h2')!.focus();
    addEventListener('online', this.#retry, { signal: this.#connection?.signal });
  }

  /**
   * The citizen closed the fallback: the requests to open go (a later hover must not open the
   * panel), and a retry under way no longer keeps the button busy (a new click counts).
   */
  readonly #dismiss = (): void => {
    this.#wanted = false;
    this.#setBusy(false);
    this.#queue = this.#queue.filter((call) => !isOpening(call));
    this.#closeFallback(true);
  };

  /** Removes the fallback; focus inside it goes back to the button when `returnFocus`. */
  #closeFallback(returnFocus: boolean): void {
    const fallback = this.#fallback;
    if (!fallback) return;
    const focusWasInside = !!this.shadowRoot!.activeElement;
    this.#fallback = undefined;
    fallback.remove();
    removeEventListener('online', this.#retry);
    this.#button!.setAttribute('aria-expanded', 'false');
    this.#showLabel();
    this.#button!.removeAttribute('aria-controls');
    if (returnFocus && focusWasInside) this.#button!.focus();
  }

  #setBusy(busy: boolean): void {
    this.#busy = busy;
    if (busy) this.#button?.setAttribute('aria-busy', 'true');
    else this.#button?.removeAttribute('aria-busy');
    if (this.#live) this.#live.textContent = busy ? messages[this.#state.locale].busy : '';
  }

  /**
   * A tracking link (`…#gs-status=2026-000123`, the parameter from the settings) opens the status
   * view; a survey link (`…#gs-survey=<token>`, from an e-mail or SMS) the survey. Following the
   * link is the citizen's intent: the panel is fetched.
   */
  readonly #openTrackingLink = guard((): void => {
    const token = surveyTokenIn(location.hash);
    if (token) return this.call('open', ['survey', { token }]);
    const number = new URLSearchParams(location.hash.slice(1)).get(this.#state.statusParam)?.trim();
    if (number && number.length <= 40) this.call('open', ['status', { number }]);
  });

  #bridge(): LauncherBridge {
    const launcher = this;
    const button = this.#button!;
    const root = this.shadowRoot!;
    return {
      host: this,
      root,
      button,
      dataset: this.#options?.dataset ?? {},
      scriptOrigin: this.#options?.scriptOrigin,
      get avoidance() {
        return launcher.#avoidance;
      },
      onAvoidance: (listener) => {
        this.#avoidanceListeners.add(listener);
        return () => this.#avoidanceListeners.delete(listener);
      },
      takeQueue: () => this.#queue.splice(0),
      setOpen: (open) => {
        button.setAttribute('aria-expanded', `${open}`);
        this.#showLabel();
        // Only an id that resolves in this shadow root (a panel in its own shadow root does not).
        if (open && root.getElementById('panel')) button.setAttribute('aria-controls', 'panel');
      },
      setUnread: (count, words) => {
        this.#unread!.textContent = count ? `${count}` : '';
        this.#unread!.hidden = !count;
        this.#unreadWords!.textContent = count ? `, ${words}` : '';
        if (count) this.#live!.textContent = words;
      },
      applySettings: ({ label, ...settings }: LauncherSettings) => {
        Object.assign(this.#state, settings);
        this.#state.labels[settings.locale] = label;
        this.#apply();
      },
    };
  }

  // Focus avoidance: the button keeps out of the way of the page's focused element (WCAG 2.4.11).
  readonly #onFocus = (event: FocusEvent): void => {
    const path = event.composedPath();
    // Focus inside the widget itself needs no avoiding.
    this.#focused = event.type === 'focusin' && path[0] instanceof Element && !path.includes(this) ? path[0] : null;
    this.#schedule();
  };

  readonly #schedule = (): void => {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(this.#reposition);
  };

  readonly #reposition = guard((): void => {
    const button = this.#button;
    const focused = this.#focused;
    const next = button && focused?.isConnected ? avoidFocus(button.getBoundingClientRect(), focused.getBoundingClientRect(), this.#avoidance, innerWidth) : { lift: 0, flip: false };
    if (next.lift === this.#avoidance.lift && next.flip === this.#avoidance.flip) return;
    this.#avoidance = next;
    this.#apply();
    for (const listener of this.#avoidanceListeners) listener();
  });
}

// No HTMLElementTagNameMap entry: 'gs-support-widget' is declared there by the Lit widget
// (src/panel/support-widget.ts), which is what the tag is in bundler apps.
