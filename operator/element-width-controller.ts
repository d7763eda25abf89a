import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The host's content width in CSS pixels, kept up to date by a ResizeObserver: a chart draws
 * its SVG in a viewBox of that width, so its text stays at the page's size at any width or zoom.
 */
export class ElementWidthController implements ReactiveController {
  /** The width last seen; `fallback` until the host is laid out. */
  value: number;
  private observer?: ResizeObserver;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    fallback = 600,
  ) {
    this.value = fallback;
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const width = Math.floor(entries[entries.length - 1]?.contentRect.width ?? 0);
      if (width > 0 && width !== this.value) {
        this.value = width;
        this.host.requestUpdate();
      }
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
