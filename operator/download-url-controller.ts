import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A `blob:` URL for a file the console makes itself (a CSV of numbers it already has), for a
 * plain `<a download>` link: made when the text changes, revoked when replaced or when the host
 * leaves the page. No network: the strict CSP does not restrict a download link's target.
 */
export class DownloadUrlController implements ReactiveController {
  private url = '';
  private text: string | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly type = 'text/csv;charset=utf-8',
  ) {
    host.addController(this);
  }

  /** The URL of `text` (the same URL while the text is the same). */
  urlOf(text: string): string {
    if (text === this.text && this.url) return this.url;
    this.revoke();
    this.text = text;
    this.url = URL.createObjectURL(new Blob([text], { type: this.type }));
    return this.url;
  }

  hostDisconnected(): void {
    this.revoke();
  }

  private revoke() {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = '';
    this.text = undefined;
  }
}
