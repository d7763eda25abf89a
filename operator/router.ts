import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The console's sections. */
export type OperatorView = { name: 'requests' } | { name: 'request'; number: string } | { name: 'callbacks' } | { name: 'bookings' } | { name: 'chat' } | { name: 'figures' } | { name: 'alerts' };

/**
 * Navigation between screens, like the widget's ViewRouterController: a stack with back, one
 * onChange per screen change (the console moves focus to the new screen's heading there).
 */
export class OperatorRouter implements ReactiveController {
  private stack: OperatorView[] = [{ name: 'requests' }];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: (current: OperatorView) => void = () => {},
  ) {
    host.addController(this);
  }

  get current(): OperatorView {
    return this.stack[this.stack.length - 1]!;
  }

  get canGoBack(): boolean {
    return this.stack.length > 1;
  }

  /** Opens `view`; a top-level section (nav item) clears the stack. */
  go(view: OperatorView, { section = false } = {}): void {
    if (section) this.stack = [view];
    else this.stack.push(view);
    this.changed();
  }

  back(): void {
    if (!this.canGoBack) return;
    this.stack.pop();
    this.changed();
  }

  reset(): void {
    this.stack = [{ name: 'requests' }];
    this.host.requestUpdate();
  }

  private changed(): void {
    this.host.requestUpdate();
    this.onChange(this.current);
  }

  hostConnected(): void {}
}
