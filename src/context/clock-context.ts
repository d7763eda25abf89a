import { createContext } from '@lit/context';

/** What "now" is. Tests and stories provide a fixed clock; the page gets the real one. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const clockContext = createContext<Clock>(Symbol('gs-clock'));
