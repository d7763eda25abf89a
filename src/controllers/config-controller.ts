import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pageConfigStore, type ConfigStore } from '../config/store.js';
import { configContext } from '../context/config-context.js';
import type { Locale, WidgetConfig } from '../protocol/config.js';

export interface StandaloneAttributes {
  backend?: string | undefined;
  locale?: Locale | undefined;
}

/**
 * The config an element works with: from the nearest `gs-support-widget` (context), or, when the
 * element stands alone in a page, the page's config store with the element's own `backend` and
 * `locale` attributes on top.
 */
export class ConfigController implements ReactiveController {
  private readonly consumer: ContextConsumer<typeof configContext, ReactiveControllerHost & HTMLElement>;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & StandaloneAttributes,
    private readonly store: ConfigStore = pageConfigStore,
  ) {
    this.consumer = new ContextConsumer(host, { context: configContext, subscribe: true });
    host.addController(this);
  }

  /** True when a provider (the widget root) supplies the config. */
  get provided(): boolean {
    return this.consumer.value !== undefined;
  }

  get value(): WidgetConfig {
    const provided = this.consumer.value;
    if (provided) return provided;
    const config = this.store.config;
    const { backend, locale } = this.host;
    return {
      ...config,
      backend: backend !== undefined ? backend.replace(/\/+$/, '') : config.backend,
      locale: locale ?? config.locale,
    };
  }

  hostConnected(): void {
    this.unsubscribe = this.store.subscribe(() => {
      if (!this.provided) this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
