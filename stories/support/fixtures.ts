/**
 * Shared story fixtures: a fixed clock (stories never depend on today's date), a demo-like
 * config, a fresh ConfigStore per story, a clock provider for standalone elements, and the
 * tall «host page» frame the fixed-position widget floats over.
 */
import { ContextProvider } from '@lit/context';
import type { ArgTypes, Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { GsSupportWidget } from '../../src/panel/support-widget.js';
import { CommandQueue } from '../../src/config/commands.js';
import { ConfigStore, pageConfigStore } from '../../src/config/store.js';
import { clockContext, type Clock } from '../../src/context/clock-context.js';
import { CHANNELS, LOCALES, type ChannelId, type Locale, type WeeklyHours, type WidgetConfigInput } from '../../src/protocol/config.js';

/** Monday 16 March 2026, 12:00 Moscow (09:00 UTC): everything with weekday hours is open. */
export const MONDAY_NOON = Date.UTC(2026, 2, 16, 9, 0);
/** Monday 16 March 2026, 22:30 Moscow: only the 24/7 line is open. */
export const MONDAY_LATE = Date.UTC(2026, 2, 16, 19, 30);
/** Sunday 15 March 2026, 12:00 Moscow: a day off for weekday-only lines. */
export const SUNDAY_NOON = Date.UTC(2026, 2, 15, 9, 0);

export const CLOCKS = { 'Mon 12:00 MSK': MONDAY_NOON, 'Mon 22:30 MSK': MONDAY_LATE, 'Sun 12:00 MSK': SUNDAY_NOON } as const;
export type ClockName = keyof typeof CLOCKS;

export const fixedClock = (instant: number): Clock => ({ now: () => instant });

type Range = { from: string; to: string };
/** Weekly hours, Moscow time: `days` get `ranges`, the other days are days off. */
function weekly(ranges: Range[], days: readonly (keyof Omit<WeeklyHours, 'timeZone'>)[]): WeeklyHours {
  const week: WeeklyHours = { timeZone: 'Europe/Moscow', mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  for (const day of days) week[day] = ranges;
  return week;
}
const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** Like the demo backend's config: several phones, e-mail, messengers, chat and callback hours. */
export const demoConfig: WidgetConfigInput = {
  locale: 'ru',
  theme: { scheme: 'light', contrast: false },
  channels: {
    chat: { enabled: true, hours: weekly([{ from: '08:00', to: '22:00' }], EVERY_DAY) },
    request: { enabled: true },
    status: { enabled: true },
    callback: { enabled: true, hours: weekly([{ from: '09:00', to: '20:00' }], WEEKDAYS) },
    offices: { enabled: true },
  },
  contacts: {
    phones: [
      { number: '8 800 100-70-10', label: 'Единый номер, бесплатно по России', hours: weekly([{ from: '00:00', to: '24:00' }], EVERY_DAY) },
      { number: '+7 495 727-47-47', label: 'Для звонков из-за рубежа', hours: weekly([{ from: '09:00', to: '18:00' }], WEEKDAYS) },
    ],
    emails: [
      {
        address: 'support@example.gov.ru',
        hours: {
          ...weekly([{ from: '08:00', to: '20:00' }], WEEKDAYS),
          sat: [{ from: '10:00', to: '16:00' }],
        },
      },
    ],
    messengers: [
      { label: 'Telegram', url: 'https://t.me/example_support' },
      { label: 'ВКонтакте', url: 'https://vk.com/example_support' },
    ],
  },
};

/** What the widget stories vary; each maps onto the config (the root reflects it as attributes). */
export interface WidgetStoryArgs {
  /** Which view is open: `closed` shows only the launcher. */
  view: 'closed' | 'home' | ChannelId;
  scheme: 'auto' | 'light' | 'dark';
  contrast: boolean;
  locale: Locale;
  side: 'left' | 'right';
  time: ClockName;
  onGsOpen?: (event: Event) => void;
  onGsClose?: (event: Event) => void;
  onGsView?: (event: Event) => void;
  [cssProperty: `--gs-${string}`]: string | undefined;
}

/**
 * A fresh store for one story. The `remote` layer is set (to nothing) so that opening the panel
 * does not request `GET /config`: the stories need no backend and fetch nothing.
 */
export function storyStore(overrides: WidgetConfigInput = {}): ConfigStore {
  const store = new ConfigStore();
  store.set('remote', {});
  store.set('api', demoConfig);
  store.set('api', overrides, { merge: true });
  return store;
}

export const widgetArgs: WidgetStoryArgs = {
  view: 'home',
  scheme: 'light',
  contrast: false,
  locale: 'ru',
  side: 'right',
  time: 'Mon 12:00 MSK',
};

/** Arg types of the root's stories; the manifest supplies the rest (descriptions, events, parts, tokens). */
export const widgetArgTypes: ArgTypes = {
  view: {
    description: 'Which view the story opens (`closed`: only the launcher). Opening goes through the page API, as `GovSupport.open(view)` would.',
    control: 'select',
    options: ['closed', 'home', ...CHANNELS],
    table: { category: 'story' },
  },
  time: {
    description: 'The fixed "now" given to the `clock` property.',
    control: 'select',
    options: Object.keys(CLOCKS),
    table: { category: 'story' },
  },
  locale: {
    description: 'Config `locale` (otherwise `<html lang>` decides, then Russian).',
    control: 'inline-radio',
    options: LOCALES,
    table: { category: 'story' },
  },
  scheme: { control: 'inline-radio', options: ['auto', 'light', 'dark'], description: 'Config `theme.scheme`; the root reflects it as the `scheme` attribute.' },
  contrast: { control: 'boolean', description: 'Config `theme.contrast`: high-contrast, large-text mode; reflected as the `contrast` attribute.' },
  side: { control: 'inline-radio', options: ['right', 'left'], description: 'Config `position.side`; reflected as the `side` attribute.' },
  open: { control: false },
  store: { control: false },
  clock: { control: false },
};

const EVENTS = [
  ['gs-open', 'onGsOpen'],
  ['gs-close', 'onGsClose'],
  ['gs-view', 'onGsView'],
] as const;

/**
 * A fresh root element for one story: its own store (demo config + the args), a fixed clock,
 * the `--gs-*` args as inline tokens, and the events wired to Storybook's actions. The panel
 * is opened through its own command queue, as `GovSupport.open(view)` does.
 */
export function renderWidget(args: WidgetStoryArgs): HTMLElement {
  const store = storyStore({
    locale: args.locale,
    theme: { scheme: args.scheme, contrast: args.contrast },
    position: { side: args.side },
  });
  const commands = new CommandQueue();
  if (args.view !== 'closed') commands.send({ action: 'open', request: { view: args.view } });
  const widget = document.createElement('gs-support-widget') as GsSupportWidget;
  widget.store = store;
  widget.commands = commands;
  widget.clock = fixedClock(CLOCKS[args.time]);
  applyTokens(widget, args);
  for (const [type, arg] of EVENTS) {
    const listener = args[arg];
    if (typeof listener === 'function') widget.addEventListener(type, listener);
  }
  return widget;
}

/** Copies the `--gs-*` args onto the element's inline style (the theming API). */
export function applyTokens(element: HTMLElement, args: object): void {
  for (const [name, value] of Object.entries(args)) {
    if (name.startsWith('--gs-') && typeof value === 'string' && value !== '') element.style.setProperty(name, value);
  }
}

/**
 * Provides a clock to the elements inside it, as `gs-support-widget` does: standalone elements
 * otherwise read the real time.
 */
export class StoryClockProvider extends HTMLElement {
  private readonly provider = new ContextProvider(this, { context: clockContext });
  set clock(clock: Clock) {
    this.provider.setValue(clock);
  }
  connectedCallback(): void {
    this.style.display = 'block';
  }
}
if (!customElements.get('gs-story-clock')) customElements.define('gs-story-clock', StoryClockProvider);

/** Wraps `element` in a clock provider fixed at `instant`. */
export function withFixedClock(element: HTMLElement, instant: number): HTMLElement {
  const provider = document.createElement('gs-story-clock') as StoryClockProvider;
  provider.clock = fixedClock(instant);
  provider.append(element);
  return provider;
}

/**
 * The page's store is what standalone elements read: each story of those sets the `api` layer
 * (the demo config) before it renders and takes it away afterwards.
 */
export function usePageConfig(overrides: WidgetConfigInput = {}): () => void {
  pageConfigStore.set('remote', {});
  pageConfigStore.set('api', demoConfig);
  pageConfigStore.set('api', overrides, { merge: true });
  return () => {
    pageConfigStore.set('api', undefined);
    pageConfigStore.set('remote', undefined);
  };
}

/**
 * A tall mock host page for the root element. The root's launcher and panel are
 * `position: fixed`; the frame's `transform` makes it their containing block, so the widget
 * stays inside its story (also when several stories share one page).
 */
export const hostPageFrame: Decorator<WidgetStoryArgs> = (story, { args }) => {
  const dark = args.scheme === 'dark' || args.contrast === true;
  return html`<div
    style="position: relative; height: max(100vh, 680px); min-height: 680px; overflow: hidden; transform: translateZ(0);
      font: 16px/1.5 system-ui, sans-serif; padding: 24px 32px; box-sizing: border-box;
      background: ${dark ? '#2b2f36' : '#f4f6f8'}; color: ${dark ? '#f4f6f8' : '#1b1f24'};"
  >
    <main style="max-width: 560px">
      <h1 style="font-size: 24px; margin: 0 0 12px">Портал государственных услуг</h1>
      <p style="margin: 0 0 12px">Пример страницы сайта, на которой подключён виджет поддержки. Кнопка «Помощь» всегда в углу экрана.</p>
      <p style="margin: 0">Записаться на приём, получить справку, подать заявление: всё это можно сделать онлайн.</p>
    </main>
    ${story()}
  </div>`;
};

/** A plain padded frame for standalone elements. */
export const padded = (story: () => unknown) =>
  html`<div style="max-width: 420px; padding: 16px; font: 16px/1.5 system-ui, sans-serif">${story()}</div>`;
