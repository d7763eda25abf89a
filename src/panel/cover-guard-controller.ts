import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface CoverGuardOptions {
  /** Whether the panel is open now. */
  isOpen: () => boolean;
  /** The panel's box on screen. */
  panel: () => Element | null | undefined;
  /** The widget's outermost element on the page: focus inside it is the widget's own. */
  widget: () => Element;
  /** The panel yields: it closes, leaving focus where the citizen put it. */
  yieldTo: () => void;
}

/**
 * The open panel floats over the host page, which stays usable. So that a page element with focus
 * is never hidden under it (WCAG 2.2 SC 2.4.11): when focus moves into the page onto an element the
 * panel covers, even in part, the panel yields (closes; what the citizen typed stays) and the page
 * element keeps focus. Esc pressed anywhere on the page closes the open panel too.
 */
export class CoverGuardController implements ReactiveController {
  private frame = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: CoverGuardOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('focusin', this.onFocusIn, true);
    document.addEventListener('keydown', this.onKeydown);
  }

  hostDisconnected(): void {
    document.removeEventListener('focusin', this.onFocusIn, true);
    document.removeEventListener('keydown', this.onKeydown);
    cancelAnimationFrame(this.frame);
  }

  private readonly onFocusIn = (event: FocusEvent): void => {
    if (!this.options.isOpen()) return;
    const path = event.composedPath();
    const target = path[0];
    if (!(target instanceof Element) || path.includes(this.options.widget())) return;
    // After the browser has scrolled the element into view.
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      if (this.options.isOpen() && this.covers(target)) this.options.yieldTo();
    });
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || !this.options.isOpen()) return;
    if (event.composedPath().includes(this.options.widget())) return;
    this.options.yieldTo();
  };

  private covers(element: Element): boolean {
    const panel = this.options.panel()?.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    if (!panel || box.width + box.height === 0) return false;
    return box.left < panel.right && panel.left < box.right && box.top < panel.bottom && panel.top < box.bottom;
  }
}
