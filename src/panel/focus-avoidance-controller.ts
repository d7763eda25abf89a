import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { avoidFocus, type Offset } from '../shared/launcher-avoidance.js';

export type { Offset };

/**
 * Keeps the fixed launcher from hiding the host page's focused element (WCAG 2.4.11): when the
 * page moves focus under the launcher, it moves to the other side, or above the element.
 */
export class FocusAvoidanceController implements ReactiveController {
  value: Offset = { lift: 0, flip: false };
  private frame = 0;
  private focused: Element | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly launcher: () => HTMLElement | null | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('focusin', this.onFocusIn, true);
    document.addEventListener('focusout', this.onFocusOut, true);
    window.addEventListener('scroll', this.schedule, { passive: true, capture: true });
    window.addEventListener('resize', this.schedule, { passive: true });
  }

  hostDisconnected(): void {
    document.removeEventListener('focusin', this.onFocusIn, true);
    document.removeEventListener('focusout', this.onFocusOut, true);
    window.removeEventListener('scroll', this.schedule, true);
    window.removeEventListener('resize', this.schedule);
    cancelAnimationFrame(this.frame);
  }

  private readonly onFocusIn = (event: FocusEvent): void => {
    const path = event.composedPath();
    const target = path[0];
    // Focus inside the widget itself needs no avoiding.
    this.focused = target instanceof Element && !path.includes(this.host) ? target : null;
    this.schedule();
  };

  private readonly onFocusOut = (): void => {
    this.focused = null;
    this.schedule();
  };

  private readonly schedule = (): void => {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.update());
  };

  private update(): void {
    const next = this.compute();
    if (next.lift !== this.value.lift || next.flip !== this.value.flip) {
      this.value = next;
      this.host.requestUpdate();
    }
  }

  private compute(): Offset {
    const button = this.launcher();
    if (!this.focused || !this.focused.isConnected || !button) return { lift: 0, flip: false };
    return avoidFocus(button.getBoundingClientRect(), this.focused.getBoundingClientRect(), this.value, window.innerWidth);
  }
}
