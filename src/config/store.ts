import type { ChannelId, WidgetConfig, WidgetConfigInput } from '../protocol/config.js';
import { mergeLayers, reportConfigProblems, resolveConfig } from './resolve.js';

/** Where a config layer came from, lowest precedence first. */
export const LAYERS = ['remote', 'attributes', 'api'] as const;
export type ConfigLayer = (typeof LAYERS)[number];

/** Views the panel can show: home, a channel, or the survey a survey link opens (`{ token }`). */
export type ViewName = 'home' | ChannelId | 'survey';

export interface OpenRequest {
  view?: ViewName;
  prefill?: Record<string, unknown>;
}

type Listener = () => void;

/**
 * Holds the config layers (built-in defaults < GET /config < script data-* < configure()), so
 * `configure()` works before the widget mounts; the page API's open/close travel in a
 * CommandQueue (commands.ts). It does no I/O itself: the widget loads the remote layer on first open.
 */
export class ConfigStore {
  private layers: Partial<Record<ConfigLayer, unknown>> = {};
  private current: WidgetConfig;
  private listeners = new Set<Listener>();

  constructor(private readonly log: (message: string) => void = console.warn) {
    this.current = this.resolve();
  }

  get config(): WidgetConfig {
    return this.current;
  }

  /** Replaces one layer (`api` layers merge: configure() may be called many times). */
  set(layer: ConfigLayer, value: WidgetConfigInput | unknown, { merge = false } = {}): void {
    this.layers[layer] = merge ? mergeLayers(this.layers[layer], value) : value;
    this.current = this.resolve();
    for (const listener of this.listeners) listener();
  }

  has(layer: ConfigLayer): boolean {
    return this.layers[layer] !== undefined;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private resolve(): WidgetConfig {
    const { config, problems } = resolveConfig(mergeLayers(...LAYERS.map((name) => this.layers[name])));
    reportConfigProblems(problems, this.log);
    return config;
  }
}

/** The page's one store, shared by the embed script's API and every element without a provider. */
export const pageConfigStore = new ConfigStore();
