import type { ApiClient } from '../api/client.js';
import { configEndpoints } from '../protocol/config.js';

/**
 * The backend's layer of the configuration (`GET /config`), for `ConfigStore.set('remote', …)`:
 * taken as it comes, the store resolves it field by field with the page's own layers.
 */
export function fetchConfigLayer(client: ApiClient, signal: AbortSignal): Promise<unknown> {
  return client.call(configEndpoints.getConfig, { signal, timeoutMs: 10_000 });
}
