/** Logs a problem of the widget: nothing is ever thrown into the host page. */
export function report(error: unknown): void {
  console.error('[gov-support-widget]', error);
}

/** `fn`, logging instead of throwing. */
export function guard<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined {
  return (...args) => {
    try {
      return fn(...args);
    } catch (error) {
      report(error);
      return undefined;
    }
  };
}
