import { WidgetConfig, type ConfigResponse } from '#protocol/config.js';
import { formatPath } from './http/validation.js';
import { readJsonFile } from './json-file.js';
import { fromProjectRoot } from './project-root.js';

/** The demo configuration shipped with the backend; site owners point WIDGET_CONFIG at their own. */
export const DEFAULT_WIDGET_CONFIG_PATH = fromProjectRoot('demo/data/widget-config.json');

/**
 * Reads and validates the widget configuration file. Fails fast with every problem listed
 * by field path (`contacts.phones[0].number: …`), so a broken file never reaches citizens.
 * Without a path, the all-defaults configuration is used.
 */
export function loadWidgetConfig(path?: string | URL): WidgetConfig {
  if (path === undefined) return WidgetConfig.parse({});
  const { raw, where } = readJsonFile(path, 'widget config');
  const result = WidgetConfig.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${formatPath(issue.path)}: ${issue.message}`);
    throw new Error(`Invalid widget config ${where}:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** What `GET /config` answers: the configuration without `backend` (the widget already knows it). */
export function toConfigResponse(config: WidgetConfig): ConfigResponse {
  const { backend: _backend, identityToken: _identityToken, ...response } = config;
  return response;
}
