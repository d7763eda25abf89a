import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RequestStatusView, STATUS_STREAM_EVENT } from '../../protocol/status.js';

/** off: not watching; live: updates arrive; reconnecting: the stream dropped and retries; stopped: the server refused it. */
export type WatchState = 'off' | 'live' | 'reconnecting' | 'stopped';

/**
 * Live status of one request over Server-Sent Events (`GET /requests/watch?token=…`): the
 * browser's own EventSource, which reconnects by itself; on every (re)connection the server
 * sends the current status first, so nothing changed during an outage is missed.
 */
export class StatusWatchController implements ReactiveController {
  value: WatchState = 'off';
  private source?: EventSource;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onStatus: (view: RequestStatusView) => void,
  ) {
    host.addController(this);
  }

  watch(url: string): void {
    this.stop();
    const source = (this.source = new EventSource(url));
    source.addEventListener(STATUS_STREAM_EVENT, (event) => {
      let data: unknown;
      try {
        data = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return;
      }
      const parsed = RequestStatusView.safeParse(data);
      this.set('live');
      if (parsed.success) this.onStatus(parsed.data);
    });
    source.onerror = () => this.set(source.readyState === EventSource.CLOSED ? 'stopped' : 'reconnecting');
  }

  stop(): void {
    this.source?.close();
    this.source = undefined;
    this.set('off');
  }

  private set(state: WatchState): void {
    if (this.value === state) return;
    this.value = state;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stop();
  }
}
