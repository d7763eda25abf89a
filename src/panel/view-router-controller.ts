import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ViewName } from '../config/store.js';

export interface ViewEntry {
  view: ViewName;
  prefill?: Record<string, unknown> | undefined;
}

/**
 * Navigation inside the panel: a stack of views with back, and no browser history (the host
 * page's URL and history are never touched).
 */
export class ViewRouterController implements ReactiveController {
  private stack: ViewEntry[] = [{ view: 'home' }];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: (current: ViewEntry, previous: ViewEntry | undefined) => void = () => {},
  ) {
    host.addController(this);
  }

  get current(): ViewEntry {
    return this.stack[this.stack.length - 1]!;
  }

  get canGoBack(): boolean {
    return this.stack.length > 1;
  }

  /** Shows `view`; going to home clears the stack, going to the current view only updates its prefill. */
  go(view: ViewName, prefill?: Record<string, unknown>): void {
    const previous = this.current;
    if (view === 'home') this.stack = [{ view: 'home' }];
    else if (previous.view === view) this.stack[this.stack.length - 1] = { view, prefill };
    else this.stack.push({ view, prefill });
    this.changed(previous);
  }

  back(): void {
    if (!this.canGoBack) return;
    const previous = this.stack.pop();
    this.changed(previous);
  }

  private changed(previous: ViewEntry | undefined): void {
    this.host.requestUpdate();
    if (previous?.view !== this.current.view) this.onChange(this.current, previous);
  }

  hostConnected(): void {}
}
