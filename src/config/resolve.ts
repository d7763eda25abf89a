import { WidgetConfig, type WidgetConfigInput } from '../protocol/config.js';

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge of config layers, later wins; arrays and scalars are replaced whole. */
export function mergeLayers(...layers: readonly unknown[]): Plain {
  const out: Plain = {};
  for (const layer of layers) {
    if (!isPlain(layer)) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      const current = out[key];
      out[key] = isPlain(value) ? mergeLayers(isPlain(current) ? current : {}, value) : structuredCloneSafe(value);
    }
  }
  return out;
}

function structuredCloneSafe<T>(value: T): T {
  return Array.isArray(value) ? (value.map((v) => (isPlain(v) ? mergeLayers(v) : v)) as T) : value;
}

const REMOVED = Symbol('removed');

/** Removes what `path` names: a whole field, or (inside a list) the one bad entry. */
function removeAt(root: Plain, path: readonly PropertyKey[]): void {
  const index = path.findIndex((segment) => typeof segment === 'number');
  const target = index === -1 ? path : path.slice(0, index + 1);
  let node: unknown = root;
  for (const segment of target.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Plain)[segment as string];
  }
  const last = target[target.length - 1];
  if (node === null || typeof node !== 'object' || last === undefined) return;
  if (Array.isArray(node) && typeof last === 'number') node[last] = REMOVED;
  else delete (node as Plain)[last as string];
}

function dropRemoved(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== REMOVED).map(dropRemoved);
  if (isPlain(value)) {
    for (const key of Object.keys(value)) value[key] = dropRemoved(value[key]);
  }
  return value;
}

export interface ConfigProblem {
  /** Dotted field path, e.g. `position.offsetX` or `contacts.phones.1.number`. */
  path: string;
  message: string;
}

/**
 * Turns merged layers into a valid WidgetConfig. Each invalid value is dropped so that the
 * field falls back to its default (an invalid list entry drops just that entry), and each
 * problem is returned with its field path. Never throws.
 */
export function resolveConfig(merged: unknown): { config: WidgetConfig; problems: ConfigProblem[] } {
  const draft = mergeLayers(merged);
  const problems: ConfigProblem[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const result = WidgetConfig.safeParse(draft);
    if (result.success) return { config: result.data, problems };
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          problems.push({ path: [...issue.path, key].join('.'), message: 'unknown setting, ignored' });
          removeAt(draft, [...issue.path, key]);
        }
      } else {
        problems.push({ path: issue.path.join('.') || '(root)', message: `${issue.message} (${issue.code}); the default is used` });
        removeAt(draft, issue.path);
      }
    }
    dropRemoved(draft);
  }
  return { config: WidgetConfig.parse({}), problems };
}

const reported = new Set<string>();

/** Reports each config problem once per page (not on every re-merge). */
export function reportConfigProblems(problems: readonly ConfigProblem[], log: (message: string) => void = console.warn): void {
  for (const problem of problems) {
    const key = `${problem.path}\u0000${problem.message}`;
    if (reported.has(key)) continue;
    reported.add(key);
    log(`[gov-support-widget] config.${problem.path}: ${problem.message}`);
  }
}

export type { WidgetConfigInput };
