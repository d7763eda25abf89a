import { svg } from 'lit';

/** The console's decorative icons: always beside a text that says the same (aria-hidden). */

/** A warning triangle: a fraud report. */
export const alertIcon = svg`<svg class="icon" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 2.5c.5 0 1 .3 1.3.8l9 16c.5.9-.1 2.2-1.3 2.2H3c-1.2 0-1.8-1.3-1.3-2.2l9-16c.3-.5.8-.8 1.3-.8Zm0 14.3a1.3 1.3 0 1 0 0 2.6 1.3 1.3 0 0 0 0-2.6Zm-1.2-8.3.3 6.5h1.8l.3-6.5h-2.4Z"/></svg>`;

/** A clock: past the answer due date. */
export const clockIcon = svg`<svg class="icon" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20Zm0 2.2a7.8 7.8 0 1 0 0 15.6 7.8 7.8 0 0 0 0-15.6ZM11 6.5h2v5.1l3.6 2.1-1 1.7L11 12.8V6.5Z"/></svg>`;

/** A lock: seen by operators only. */
export const lockIcon = svg`<svg class="icon" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 2a5 5 0 0 1 5 5v3h1a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h1V7a5 5 0 0 1 5-5Zm0 2.2A2.8 2.8 0 0 0 9.2 7v3h5.6V7A2.8 2.8 0 0 0 12 4.2Z"/></svg>`;

/** A paper plane: sent to the citizen. */
export const sendIcon = svg`<svg class="icon" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M2.4 10.2 20.6 2.6c.9-.4 1.8.5 1.4 1.4l-7.6 18.2c-.4 1-1.8.9-2.1-.1l-1.9-6.5-6.5-1.9c-1-.3-1.1-1.7-.1-2.1Zm4.2.9 4.6 1.4.5.4 5.7-5.7-6.8 4-4 .1Z"/></svg>`;
