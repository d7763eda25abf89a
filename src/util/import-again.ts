/**
 * Browsers remember a module file that failed to load (offline, 404) and fail every later
 * `import()` of the same URL without asking the network again (whatwg/html#6768). A retry
 * therefore imports the file under a new URL: the one the error names, with a query string.
 * Without a URL in the error (other browsers), `importer` is called again as it is.
 */
export function importAgain<T>(error: unknown, importer: () => Promise<T>): Promise<T> {
  const url = /\b(https?:\/\/\S+?\.m?js)(?:\?\S*)?$/.exec(error instanceof Error ? error.message : String(error))?.[1];
  return url ? (import(/* @vite-ignore */ `${url}?retry=${Date.now().toString(36)}`) as Promise<T>) : importer();
}
