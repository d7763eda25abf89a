import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clockContext, systemClock, type Clock } from '../context/clock-context.js';

/**
 * "Now" for an element, from the nearest clock provider (the page clock otherwise), and a
 * re-render every `intervalMs` so that «сейчас открыто» flips at the right minute.
 */
export class ClockController implements ReactiveController {
  private readonly consumer: ContextConsumer<{ __context__: Clock }, ReactiveControllerHost & HTMLElement>;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: { intervalMs?: number } = {},
  ) {
    this.consumer = new ContextConsumer(host, { context: clockContext, subscribe: true });
    host.addController(this);
  }

  now(): number {
    return (this.consumer.value ?? systemClock).now();
  }

  hostConnected(): void {
    this.timer = setInterval(() => this.host.requestUpdate(), this.options.intervalMs ?? 30_000);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
