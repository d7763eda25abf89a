/**
 * Reading a CDP CPU profile (Profiler.stop) of the widget: self time per function, mapped back
 * to the sources through the build's own source maps (dist/**.js.map), and per source package.
 * A small source-map reader of its own (Base64 VLQ), so the bench needs no extra dependency.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}
export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTime {
  /** `name (source:line)`: the function's name in the source when the map has it. */
  function: string;
  /** The original source line where the function starts, trimmed. */
  code: string;
  ms: number;
}
export interface ProfileSummary {
  totalMs: number;
  topFunctions: SelfTime[];
  /** Self time per package (`lit-html`, `zod`, …) or folder of src/, and V8's own categories. */
  bySource: { source: string; ms: number }[];
}

interface SourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
  names: string[];
  /** Per generated line: segments [column, source, line, column, name?], sorted by column. */
  lines: number[][][];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    let digit = B64.indexOf(char);
    const more = digit & 32;
    digit &= 31;
    value += digit * 2 ** shift;
    if (more) shift += 5;
    else {
      values.push(value % 2 ? -Math.floor(value / 2) : value / 2);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function parseMap(json: { sources: string[]; sourcesContent?: (string | null)[]; names?: string[]; mappings: string }): SourceMap {
  const lines: number[][][] = [];
  let source = 0;
  let line = 0;
  let column = 0;
  let name = 0;
  for (const text of json.mappings.split(';')) {
    const segments: number[][] = [];
    let generated = 0;
    if (text) {
      for (const part of text.split(',')) {
        const v = decodeVlq(part);
        generated += v[0]!;
        if (v.length < 4) continue;
        source += v[1]!;
        line += v[2]!;
        column += v[3]!;
        if (v.length >= 5) {
          name += v[4]!;
          segments.push([generated, source, line, column, name]);
        } else segments.push([generated, source, line, column]);
      }
    }
    segments.sort((a, b) => a[0]! - b[0]!);
    lines.push(segments);
  }
  return { sources: json.sources, sourcesContent: json.sourcesContent, names: json.names ?? [], lines };
}

/** Maps generated positions of dist/ files (by URL under /dist/) to their sources. */
export class SourceMaps {
  readonly #maps = new Map<string, SourceMap | null>();
  constructor(readonly distDir: string) {}

  #map(url: string): SourceMap | null {
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      return null;
    }
    if (!path.startsWith('/dist/')) return null;
    const file = join(this.distDir, path.slice('/dist/'.length));
    if (!this.#maps.has(file)) {
      const mapFile = `${file}.map`;
      this.#maps.set(file, existsSync(mapFile) ? parseMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null);
    }
    return this.#maps.get(file) ?? null;
  }

  /** 0-based line and column, as CDP gives them. */
  lookup(url: string, line: number, column: number): { source: string; line: number; name?: string; code: string } | null {
    const map = this.#map(url);
    const segments = map?.lines[line];
    if (!map || !segments?.length) return null;
    let found = segments[0]!;
    for (const segment of segments) {
      if (segment[0]! <= column) found = segment;
      else break;
    }
    const source = map.sources[found[1]!] ?? '?';
    const code = map.sourcesContent?.[found[1]!]?.split('\n')[found[2]!]?.trim() ?? '';
    return { source: tidySource(source), line: found[2]! + 1, ...(found[4] !== undefined ? { name: map.names[found[4]] } : {}), code };
  }
}

/** `../../node_modules/lit-html/lit-html.js` → `lit-html/lit-html.js`; `../../src/x.ts` → `src/x.ts`. */
function tidySource(source: string): string {
  const modules = source.lastIndexOf('node_modules/');
  if (modules >= 0) return source.slice(modules + 'node_modules/'.length);
  const src = source.indexOf('src/');
  return src >= 0 ? source.slice(src) : source.replace(/^(\.\.\/)+/, '');
}

/** `lit-html/…` → `lit-html`; `@lit/reactive-element/…` → `@lit/reactive-element`; `src/features/x/…` → `src/features/x`. */
function sourceGroup(source: string): string {
  const parts = source.split('/');
  if (parts[0] === 'src') return parts.slice(0, Math.min(parts.length - 1, 3)).join('/') || source;
  return parts[0]!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Self time per function and per source, idle excluded, top `top` functions. */
export function summarizeProfile(profile: Profile, maps: SourceMaps, top = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample lasts until the next one (the last one until the profile's end).
  let time = profile.startTime;
  const stamps = samples.map((_, i) => (time += deltas[i] ?? 0));
  for (let i = 0; i < samples.length; i++) {
    const duration = (i + 1 < samples.length ? stamps[i + 1]! : profile.endTime) - stamps[i]!;
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + Math.max(0, duration));
  }
  const functions = new Map<string, SelfTime>();
  const sources = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    totalUs += us;
    let key: string;
    let group: string;
    let code = '';
    if (!frame.url) {
      key = frame.functionName || '(anonymous)';
      group = frame.functionName.startsWith('(') ? frame.functionName : '(no URL: the bench, native)';
    } else {
      const mapped = maps.lookup(frame.url, frame.lineNumber, frame.columnNumber);
      if (mapped) {
        key = `${mapped.name || frame.functionName || '(anonymous or top level)'} (${mapped.source}:${mapped.line})`;
        group = sourceGroup(mapped.source);
        code = mapped.code.slice(0, 90);
      } else {
        const path = new URL(frame.url).pathname;
        key = `${frame.functionName || '(anonymous)'} (${path}:${frame.lineNumber + 1}:${frame.columnNumber + 1})`;
        group = path;
      }
    }
    const entry = functions.get(key) ?? { function: key, code, ms: 0 };
    entry.ms += us / 1000;
    functions.set(key, entry);
    sources.set(group, (sources.get(group) ?? 0) + us / 1000);
  }
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    totalMs: round(totalUs / 1000),
    topFunctions: [...functions.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((f) => ({ ...f, ms: round(f.ms) })),
    bySource: [...sources.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([source, ms]) => ({ source, ms: round(ms) })),
  };
}

/**
 * Time (ms) of the samples whose stack passes through a frame of a script `isOurs` accepts: its
 * own functions and whatever they call (DOM, built-ins), at any depth; microtasks and callbacks
 * included, which CDP's ScriptDuration leaves out. Idle, GC and "(program)" are not in it.
 */
export function stackTimeMs(profile: Profile, isOurs: (url: string) => boolean): number {
  const parent = new Map<number, number>();
  for (const node of profile.nodes as (ProfileNode & { children?: number[] })[]) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const memo = new Map<number, boolean>();
  const inOurs = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const result = !!node && (isOurs(node.callFrame.url) || (up !== undefined && inOurs(up)));
    memo.set(id, result);
    return result;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let time = profile.startTime;
  const stamps = samples.map((_, i) => (time += deltas[i] ?? 0));
  let us = 0;
  for (let i = 0; i < samples.length; i++) {
    if (inOurs(samples[i]!)) us += Math.max(0, (i + 1 < samples.length ? stamps[i + 1]! : profile.endTime) - stamps[i]!);
  }
  return us / 1000;
}
