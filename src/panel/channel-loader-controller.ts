import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../protocol/config.js';
import { channelViews, loadChannel, type ChannelLoadState, type PanelView } from './channel-views.js';

/**
 * The panel's channel files as its views need them: `fetch` when a view opens (the view shows
 * «Загружаем раздел…», then the element, or «Повторить» after a failure), `prefetch` when an
 * entry is pointed at or focused (a failure there is silent: the view tries again).
 */
export class ChannelLoaderController implements ReactiveController {
  private states: Partial<Record<PanelView, ChannelLoadState>> = {};

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onFailed: (id: PanelView) => void,
    /** The language whose texts come with a channel's file. */
    private readonly getLocale: () => Locale,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Where a channel's file is: undefined until first asked for. */
  state(id: PanelView): ChannelLoadState | undefined {
    return this.states[id];
  }

  fetch(id: PanelView): void {
    const state = this.states[id];
    if (!channelViews[id] || state === 'ready' || state === 'loading') return;
    this.set(id, 'loading');
    loadChannel(id, this.getLocale()).then(
      () => this.set(id, 'ready'),
      () => {
        this.set(id, 'failed');
        this.onFailed(id);
      },
    );
  }

  prefetch(id: PanelView): void {
    if (channelViews[id] && !this.states[id]) void loadChannel(id, this.getLocale()).catch(() => undefined);
  }

  private set(id: PanelView, state: ChannelLoadState): void {
    this.states = { ...this.states, [id]: state };
    this.host.requestUpdate();
  }
}
