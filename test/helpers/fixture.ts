import { ContextProvider } from '@lit/context';
import { fixture as owcFixture } from '@open-wc/testing';
import type { LitElement, TemplateResult } from 'lit';
import { ConfigStore } from '../../src/config/store.js';
import { clockContext, type Clock } from '../../src/context/clock-context.js';
import { configContext } from '../../src/context/config-context.js';
import type { WidgetConfigInput } from '../../src/protocol/config.js';
import '../../src/index.js';

const wrappers: HTMLElement[] = [];
afterEach(() => {
  for (const wrapper of wrappers.splice(0)) wrapper.remove();
});

/** Monday 16 March 2026, 12:00 in Moscow (09:00 UTC). Tests never use today's date. */
export const MONDAY_NOON_MSK = Date.UTC(2026, 2, 16, 9, 0);

export const fixedClock = (at: number): Clock => ({ now: () => at });

/** A config store with the given settings as the site's `configure()` layer. */
export function storeWith(config: WidgetConfigInput | Record<string, unknown> = {}, log: (m: string) => void = () => {}): ConfigStore {
  const store = new ConfigStore(log);
  store.set('api', config);
  return store;
}

export interface FixtureOptions {
  config?: WidgetConfigInput | Record<string, unknown>;
  /** Milliseconds since the epoch that the element sees as "now". */
  now?: number;
  /** Console warnings/errors matching these are expected and do not fail the fixture. */
  allowConsole?: RegExp[];
}

/**
 * Renders `template` inside a config + clock provider (as gs-support-widget would provide them),
 * with animations finished, and fails when the render logs a warning or an error.
 */
export async function fixture<T extends Element = LitElement>(template: TemplateResult, options: FixtureOptions = {}): Promise<T> {
  const store = storeWith(options.config);
  const wrapper = document.createElement('div');
  new ContextProvider(wrapper, { context: configContext, initialValue: store.config });
  new ContextProvider(wrapper, { context: clockContext, initialValue: fixedClock(options.now ?? MONDAY_NOON_MSK) });
  const problems: string[] = [];
  const original = { warn: console.warn, error: console.error };
  const capture =
    (kind: 'warn' | 'error') =>
    (...args: unknown[]) => {
      const text = args.map(String).join(' ');
      if (!options.allowConsole?.some((re) => re.test(text))) problems.push(`${kind}: ${text}`);
      original[kind](...args);
    };
  console.warn = capture('warn');
  console.error = capture('error');
  try {
    document.body.append(wrapper);
    wrappers.push(wrapper);
    const host = await owcFixture<T>(template, { parentNode: wrapper });
    await settle(host);
    if (problems.length) throw new Error(`The element logged while rendering:\n${problems.join('\n')}`);
    return host;
  } finally {
    console.warn = original.warn;
    console.error = original.error;
  }
}

/** Waits for Lit updates (also of elements nested in shadow roots) and finishes animations. */
export async function settle(element: Element): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const pending: Promise<unknown>[] = [];
    const visit = (root: Element | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if ('updateComplete' in el) pending.push((el as LitElement).updateComplete);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    if ('updateComplete' in element) pending.push((element as LitElement).updateComplete);
    if (element.shadowRoot) visit(element.shadowRoot);
    await Promise.all(pending);
  }
  for (const animation of document.getAnimations()) animation.finish();
}

/** Finds an element through nested shadow roots: `deep(host, 'gs-home-view', 'button')`. */
export function deep<T extends Element = HTMLElement>(host: Element, ...selectors: string[]): T {
  let node: Element | ShadowRoot = host;
  for (const selector of selectors) {
    const root: Element | ShadowRoot = node instanceof Element && node.shadowRoot ? node.shadowRoot : node;
    const next: Element | null = root.querySelector(selector);
    if (!next) throw new Error(`Not found: ${selectors.join(' → ')} (stopped at ${selector})`);
    node = next;
  }
  return node as T;
}

/** Text as a person reads it: whitespace folded. */
export const text = (el: Element | ShadowRoot | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The element that has focus, through shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
