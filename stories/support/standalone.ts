/**
 * Theme of a standalone feature element (gs-request-form, gs-file-attachments, gs-error-summary
 * placed on a site's page without gs-support-widget). Every element includes the token sheet,
 * whose `:host([scheme='dark'])` and `:host([contrast])` rules switch the public `--gs-*` values;
 * inner elements inherit them. The element itself paints no background (it sits on the site's
 * page, or in the widget's panel), so the story frame paints the page in the scheme's background.
 */
import type { ArgTypes, Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';
import { LOCALES } from '../../src/protocol/config.js';
import { applyTokens, CLOCKS, withFixedClock, type ClockName } from './fixtures.js';

export interface ThemeArgs {
  scheme: 'light' | 'dark';
  contrast: boolean;
}

export const themeArgs: ThemeArgs = { scheme: 'light', contrast: false };

export const themeArgTypes: ArgTypes = {
  scheme: {
    description: 'Set as the `scheme` attribute on the element: the token sheet\'s dark values apply to it and every element inside it.',
    control: 'inline-radio',
    options: ['light', 'dark'],
    table: { category: 'story' },
  },
  contrast: {
    description: 'Set as the `contrast` attribute on the element: the high-contrast, large-text mode («версия для слабовидящих»).',
    control: 'boolean',
    table: { category: 'story' },
  },
};

/** Puts the theme on `element` as the attributes the token sheet reads. */
export function applyTheme(element: HTMLElement, args: ThemeArgs): void {
  element.setAttribute('scheme', args.scheme);
  element.toggleAttribute('contrast', args.contrast);
}

/** The page colours under the element: `--gs-color-bg` of the light, dark and contrast themes. */
function pageColours(args: Partial<ThemeArgs>): { background: string; color: string } {
  if (args.contrast) return { background: '#ffffff', color: '#000000' };
  if (args.scheme === 'dark') return { background: '#14181f', color: '#eef1f5' };
  return { background: '#ffffff', color: '#1b1f24' };
}

/**
 * A page in the theme's background with the element in a column as wide as the widget's panel
 * (use with `layout: 'fullscreen'`).
 */
export const themedPage: Decorator<Partial<ThemeArgs>> = (story, { args }) => {
  const { background, color } = pageColours(args);
  return html`<div
    style="min-height: 100vh; box-sizing: border-box; padding: 24px 16px; background: ${background}; color: ${color};
      font: 16px/1.5 system-ui, sans-serif"
  >
    <div style="max-width: ${args.contrast ? 560 : 440}px">${story()}</div>
  </div>`;
};

/** Args of a standalone feature element's stories (form-like elements with prefill and a backend). */
export interface StandaloneArgs extends ThemeArgs {
  prefill?: Record<string, unknown>;
  backend?: string;
  locale: 'ru' | 'en';
  time: ClockName;
  [cssProperty: `--gs-${string}`]: string | undefined;
}

/** Controls of those args; `timeDescription` says what the fixed clock matters for. */
export function standaloneArgTypes(timeDescription: string): ArgTypes {
  return {
    locale: { control: 'inline-radio', options: LOCALES },
    time: { description: timeDescription, control: 'select', options: Object.keys(CLOCKS), table: { category: 'story' } },
    ...themeArgTypes,
    prefill: { control: 'object' },
    backend: { control: false, description: 'Not set: the page\'s origin, where the story\'s mocks answer.' },
  };
}

/**
 * Creates `tag` with the args (locale, backend, prefill, theme, `--gs-*` tokens), listens with
 * each `on*` handler of `events` (`{ 'gs-submit': args.onGsSubmit }`), inside a fixed clock.
 */
export function renderStandalone(tag: string, args: StandaloneArgs, events: Record<string, unknown> = {}): HTMLElement {
  const element = document.createElement(tag) as HTMLElement & { locale?: string; backend?: string; prefill?: Record<string, unknown> };
  element.locale = args.locale;
  if (args.backend !== undefined) element.backend = args.backend;
  if (args.prefill) element.prefill = args.prefill;
  applyTheme(element, args);
  applyTokens(element, args);
  for (const [name, handler] of Object.entries(events)) {
    if (typeof handler === 'function') element.addEventListener(name, handler as EventListener);
  }
  return withFixedClock(element, CLOCKS[args.time]);
}

/** The same story in the dark scheme, and in the high-contrast mode. */
export const darkVariant = <S extends { args?: object }>(story: S): S => ({ ...story, args: { ...story.args, scheme: 'dark' } });
export const highContrastVariant = <S extends { args?: object }>(story: S): S => ({ ...story, args: { ...story.args, contrast: true } });
