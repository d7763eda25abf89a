import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface Offset {
  /** Extra lift of the launcher, in px, so it does not cover the focused host element. */
  lift: number;
  /** The launcher moved to the other side. */
  flip: boolean;
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const GAP = 8;

function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

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
    const target = this.focused.getBoundingClientRect();
    if (target.width === 0 && target.height === 0) return { lift: 0, flip: false };
    // The launcher's rect where it would be without any avoidance.
    const current = button.getBoundingClientRect();
    const home: Rect = {
      left: current.left,
      right: current.right,
      top: current.top + this.value.lift,
      bottom: current.bottom + this.value.lift,
    };
    if (this.value.flip) {
      const width = home.right - home.left;
      const mirroredLeft = window.innerWidth - home.right;
      home.left = mirroredLeft;
      home.right = mirroredLeft + width;
    }
    if (!overlaps(home, target)) return { lift: 0, flip: false };
    const width = home.right - home.left;
    const mirrored: Rect = { ...home, left: window.innerWidth - home.right, right: window.innerWidth - home.right + width };
    if (!overlaps(mirrored, target)) return { lift: 0, flip: true };
    return { lift: Math.max(0, Math.ceil(home.bottom - target.top + GAP)), flip: false };
  }
}
