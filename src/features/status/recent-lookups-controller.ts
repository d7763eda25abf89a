import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { z } from 'zod/mini';

const KEY = 'gov-support-widget:recent-status';
const MAX = 5;
const Stored = z.array(z.string().check(z.maxLength(40)));

/**
 * Request numbers the citizen looked up on this device (localStorage; never the second factor),
 * newest first, for a one-click re-check. Storage that the browser refuses is simply not used.
 */
export class RecentLookupsController implements ReactiveController {
  value: string[] = [];

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    try {
      const parsed = Stored.safeParse(JSON.parse(localStorage.getItem(KEY) ?? '[]'));
      this.value = parsed.success ? parsed.data.slice(0, MAX) : [];
    } catch {
      this.value = [];
    }
    this.host.requestUpdate();
  }

  remember(number: string): void {
    this.save([number, ...this.value.filter((n) => n !== number)].slice(0, MAX));
  }

  clear(): void {
    this.save([]);
  }

  private save(numbers: string[]): void {
    this.value = numbers;
    try {
      if (numbers.length) localStorage.setItem(KEY, JSON.stringify(numbers));
      else localStorage.removeItem(KEY);
    } catch {
      // Storage refused (private mode, quota): the list lives for this page only.
    }
    this.host.requestUpdate();
  }
}
