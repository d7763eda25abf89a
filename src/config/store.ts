import type { ChannelId, WidgetConfig, WidgetConfigInput } from '../protocol/config.js';
import { mergeLayers, reportConfigProblems, resolveConfig } from './resolve.js';

/** Where a config layer came from, lowest precedence first. */
export const LAYERS = ['remote', 'attributes', 'api'] as const;
export type ConfigLayer = (typeof LAYERS)[number];

/** Views the panel can show. */
export type ViewName = 'home' | ChannelId;

export interface OpenRequest {
  view?: ViewName;
  prefill?: Record<string, unknown>;
}

type Listener = () => void;

/**
 * Holds the config layers (built-in defaults < GET /config < script data-* < configure()) and
 * the pending open/close requests of the page API, so the API works before the widget mounts.
 * It does no I/O itself: the widget loads the remote layer on first open.
 */
export class ConfigStore {
  private layers: Partial<Record<ConfigLayer, unknown>> = {};
  private current: WidgetConfig;
  private listeners = new Set<Listener>();
  /** The last open/close the page asked for, waiting for (or handled by) the widget. */
  pending: { action: 'open'; request: OpenRequest } | { action: 'close' } | { action: 'toggle'; request: OpenRequest } | undefined;
  private commandListeners = new Set<Listener>();

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

  /** Page API → widget: remember the command, tell the mounted widget if there is one. */
  command(command: NonNullable<ConfigStore['pending']>): void {
    this.pending = command;
    for (const listener of this.commandListeners) listener();
  }

  onCommand(listener: Listener): () => void {
    this.commandListeners.add(listener);
    return () => this.commandListeners.delete(listener);
  }

  takePending(): ConfigStore['pending'] {
    const pending = this.pending;
    this.pending = undefined;
    return pending;
  }

  private resolve(): WidgetConfig {
    const { config, problems } = resolveConfig(mergeLayers(...LAYERS.map((name) => this.layers[name])));
    reportConfigProblems(problems, this.log);
    return config;
  }
}

/** The page's one store, shared by the embed script's API and every element without a provider. */
export const pageConfigStore = new ConfigStore();
