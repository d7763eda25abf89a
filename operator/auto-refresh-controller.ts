import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface AutoRefreshOptions {
  /** Milliseconds between refreshes. */
  intervalMs: number;
  /** Called on each tick while the host is connected and the page is visible. */
  refresh: () => void;
}

/**
 * Calls `refresh` every `intervalMs` while its host is in the page (the console removes a view
 * when another one is shown); a hidden tab skips its ticks and catches up once visible again.
 */
export class AutoRefreshController implements ReactiveController {
  private timer?: ReturnType<typeof setInterval>;
  private missed = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: AutoRefreshOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.start();
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostDisconnected(): void {
    this.stop();
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  /** Starts counting again from now (after a refresh the operator asked for). */
  restart(): void {
    this.stop();
    this.start();
  }

  private start() {
    this.timer = setInterval(this.tick, this.options.intervalMs);
  }

  private stop() {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.missed = false;
  }

  private readonly tick = () => {
    if (document.visibilityState === 'hidden') {
      this.missed = true;
      return;
    }
    this.options.refresh();
  };

  private readonly onVisibility = () => {
    if (document.visibilityState !== 'visible' || !this.missed) return;
    this.missed = false;
    this.restart();
    this.options.refresh();
  };
}
