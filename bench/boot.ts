/**
 * Boot benchmark of the script tag's build, loaded in steps (issue 13, point 9). Not a test: it
 * prints numbers and fails only when a page fails (a script error, a step that never finishes).
 * Run by `npm run bench` after `npm run build`, or `npx tsx bench/boot.ts` on an existing dist/.
 *
 * The real reference backend (server/app.ts `buildApp`, a fresh SQLite file, the demo widget
 * config) on 127.0.0.1 serves dist/ at /dist/, answers GET /config and the channels' own requests,
 * and serves this bench's pages from a temporary site folder: a blank page, an empty script, and a
 * bare Lit element bundled here at start (esbuild, minified, one classic script, like ours).
 *
 * Each run launches a fresh Chromium; every measurement gets a fresh browser context (HTTP cache
 * disabled through CDP), at 1× and 4× CPU (CDP Emulation.setCPUThrottlingRate):
 *  1. page load of a blank page (an empty script), a bare Lit element, ours (the launcher), and
 *     for reference the one-file build: script CPU (CDP ScriptDuration delta), insert → ready and
 *     → next frame (performance.now in the page), long tasks, JS heap added (after GC); and, in a
 *     context of its own, a CPU profile of the same load: the JS time in the script's own stacks
 *     (ScriptDuration leaves out microtasks, where Lit renders; see BENCHMARKS.md);
 *  2. click on the launcher → home view interactive, cold (element.click(), no intent before) and
 *     after an intent prefetch (a real hover; the panel module loaded and attached; then the click);
 *  3. click on each channel's entry (after the panel) → its element rendered;
 *  4. the files each step fetches (Resource Timing), gzip -9 of each, against scripts/size-budget.mjs.
 * Then, BENCH_PROFILE_RUNS times: CPU profiles at 1× of the panel's start (self time by function,
 * mapped through dist/'s source maps; the 1× load profiles above give the same table for the
 * launcher and the bare Lit element), and a trace of both loads at 4× CPU (what the long tasks
 * hold: script or rendering).
 *
 * Env: BENCH_RUNS (default 5; below 5 only to try the bench out), BENCH_PROFILE_RUNS (default 2, 0 = none),
 * BENCH_DEADLINE_S (default 900: the whole bench stops by itself), CHROME_PATH (default /usr/bin/chromium).
 * Output: tables on stdout, progress on stderr, bench/results/boot-latest.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { buildApp } from '../server/app.js';
import { ARM_HOVER, AWAIT_PREFETCH, HELPERS, LOAD, OPEN, OPEN_CHANNEL, SYNTHETIC_HOVER } from './boot-page.js';
import { SourceMaps, stackTimeMs, summarizeProfile, type Profile, type ProfileSummary } from './cpu-profile.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const RESULTS = join(ROOT, 'bench', 'results', 'boot-latest.json');
/** Fewer than 5 only for trying the bench out: such figures are not for the record (a warning says so). */
const RUNS = Math.max(1, Math.floor(Number(process.env.BENCH_RUNS)) || 5);
const PROFILE_RUNS = Math.max(0, Math.floor(Number(process.env.BENCH_PROFILE_RUNS ?? 2)));
const DEADLINE_MS = (Number(process.env.BENCH_DEADLINE_S) || 900) * 1000;
/** Every wait inside a page is bounded by this (at 4× CPU too). */
const STEP_TIMEOUT_MS = 30_000;
const RATES = [1, 4] as const;
type Rate = (typeof RATES)[number];
const rateKey = (rate: Rate) => `cpu${rate}x` as const;

const VARIANTS = [
  { id: 'blank', label: 'blank page (an empty script)', src: '/empty.js' },
  { id: 'lit', label: 'bare Lit element', src: '/bare-lit.js' },
  { id: 'ours', label: 'ours: the launcher', src: '/dist/gov-support-widget.js' },
  { id: 'bundle', label: 'one-file build (reference)', src: '/dist/gov-support-widget.bundle.js' },
] as const;
type VariantId = (typeof VARIANTS)[number]['id'];
/** The variants whose load is also CPU-profiled, each run and rate (the empty script has no code). */
const PROFILED = ['lit', 'ours', 'bundle'] as const;

const CHANNELS = [
  { id: 'request', tag: 'gs-request-form', label: 'request form' },
  { id: 'status', tag: 'gs-status-lookup', label: 'status lookup' },
  { id: 'callback', tag: 'gs-callback-request', label: 'callback request' },
  { id: 'offices', tag: 'gs-office-finder', label: 'office finder' },
  // The chat is ready when its opening form is (the composer of a new conversation); cold, and
  // after a hover on its entry has fetched its file (issue 15).
  { id: 'chat', tag: 'gs-chat', inner: 'gs-chat-opening', label: 'chat, cold: opening form ready' },
  { id: 'chatPrefetched', channel: 'chat', prefetch: true, tag: 'gs-chat', inner: 'gs-chat-opening', label: 'chat, after hover: opening form ready' },
] as const;
type ChannelId = (typeof CHANNELS)[number]['id'];

const HEAD = '<meta charset="utf-8"><link rel="icon" href="data:,"><title>boot bench</title>';
/**
 * "Blank": no script, no style, one heading and one line of text. Not an empty <body>: the first
 * text a page lays out pays for font setup (a 90–200 ms rendering task at 4× CPU here, with the
 * bare Lit element as with ours), which a real host page has paid before any widget arrives.
 */
const BODY = '<main><h1>Портал госуслуг</h1><p>Страница сайта: текст, без скриптов.</p></main>';
const BLANK_PAGE = `<!doctype html><html lang="ru"><head>${HEAD}</head><body>${BODY}</body></html>`;
const OURS_PAGE = `<!doctype html><html lang="ru"><head>${HEAD}<script src="/dist/gov-support-widget.js" defer></script></head><body>${BODY}</body></html>`;

/**
 * The bare Lit element: one LitElement that renders a button, mounted like ours, and placed and
 * styled like our launcher (fixed, system-ui 600, shadow), so that both first frames lay out the
 * same kind of box and text (a font the page does not use costs its first frame some time).
 */
const BARE_LIT_SOURCE = `
import { LitElement, css, html } from 'lit';
class BareLit extends LitElement {
  static styles = css\`button { position: fixed; right: 24px; bottom: 24px; z-index: 2147483000; min-height: 56px; padding: 0 20px; font: 600 17px system-ui, sans-serif; border: 2px solid #fff; border-radius: 28px; background: #0d4cd3; color: #fff; box-shadow: 0 8px 32px rgb(16 24 40 / 0.24); cursor: pointer; }\`;
  static properties = { label: { type: String } };
  constructor() {
    super();
    this.label = 'Помощь';
  }
  render() {
    return html\`<button type="button" @click=\${() => this.dispatchEvent(new Event('bare-click'))}>\${this.label}</button>\`;
  }
}
customElements.define('bare-lit', BareLit);
document.body.append(document.createElement('bare-lit'));
`;

// ---------------------------------------------------------------------------------------------
// What one measurement gives

interface Request {
  path: string;
  initiatorType: string;
  startMs: number;
  responseEndMs: number;
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
}
interface LongTask {
  startTime: number;
  duration: number;
}
interface LoadRun {
  readyMs: number;
  fetchMs: number | null;
  evalStartMs: number | null;
  frameMs: number;
  scriptMs: number;
  taskMs: number;
  longTasks: number;
  longestTaskMs: number;
  heapAddedKiB: number;
  requests: Request[];
}
interface OpenRun {
  /** Hover → panel module loaded and attached (prefetch only). */
  prefetchMs?: number;
  prefetchRequests?: Request[];
  readyMs: number;
  frameMs: number;
  busyShown: boolean;
  /** Click → the response to GET /config has arrived. */
  configMs: number;
  scriptMs: number;
  taskMs: number;
  longTasks: number;
  longestTaskMs: number;
  /** JS heap after the panel opened (and its config arrived) minus before the first intent. */
  heapAddedKiB: number;
  requests: Request[];
}
interface ChannelRun {
  readyMs: number;
  frameMs: number;
  scriptMs: number;
  taskMs: number;
  longTasks: number;
  longestTaskMs: number;
  requests: Request[];
}
type ByRate<T> = Record<ReturnType<typeof rateKey>, T[]>;
const byRate = <T>(): ByRate<T> => ({ cpu1x: [], cpu4x: [] });

// ---------------------------------------------------------------------------------------------
// Browser plumbing

interface Session {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  errors: string[];
}

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

async function openPage(browser: Browser, origin: string, path: string, rate: Rate): Promise<Session> {
  const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Moscow', viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} ${message.location().url}`);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.enable');
  await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  await page.evaluate(HELPERS);
  await settle(page);
  return { context, page, cdp, errors };
}

const call = <T>(page: Page, fn: string, arg: unknown = {}): Promise<T> => page.evaluate(`(${fn})(${JSON.stringify(arg)})`) as Promise<T>;
const settle = (page: Page) => page.evaluate('window.__bench.settle()');

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await metrics(cdp)).JSHeapUsedSize ?? NaN;
}

/** Script and task time (ms) the page's main thread spent while `work` ran. */
async function cpuOf<T>(cdp: CDPSession, work: () => Promise<T>): Promise<{ result: T; scriptMs: number; taskMs: number }> {
  const before = await metrics(cdp);
  const result = await work();
  const after = await metrics(cdp);
  return {
    result,
    scriptMs: ((after.ScriptDuration ?? 0) - (before.ScriptDuration ?? 0)) * 1000,
    taskMs: ((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000,
  };
}

async function longTasksSince(page: Page, t0: number): Promise<{ longTasks: number; longestTaskMs: number }> {
  const tasks = (await page.evaluate(`window.__bench.longTasksSince(${t0})`)) as LongTask[];
  return { longTasks: tasks.length, longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)) };
}

const resourcesSince = (page: Page, t0: number) => page.evaluate(`window.__bench.resourcesSince(${t0})`) as Promise<Request[]>;

function checkErrors(session: Session, what: string): void {
  if (session.errors.length) throw new Error(`${what}: page errors: ${session.errors.join('; ')}`);
}

/** A real hover on the launcher; resolves once the panel module has loaded and attached. */
async function hoverPrefetch(session: Session): Promise<{ prefetchMs: number; prefetchRequests: Request[] }> {
  const { page } = session;
  await call(page, ARM_HOVER);
  await page.locator('gs-support-widget').locator('button.launcher').hover();
  const { t0, prefetchMs } = await call<{ t0: number; prefetchMs: number }>(page, AWAIT_PREFETCH, { timeoutMs: STEP_TIMEOUT_MS });
  // Away from the launcher, so that the opening panel cannot come under the pointer.
  await page.mouse.move(2, 2);
  await settle(page);
  return { prefetchMs, prefetchRequests: await resourcesSince(page, t0) };
}

// ---------------------------------------------------------------------------------------------
// The measurements

async function measureLoad(browser: Browser, origin: string, rate: Rate, variant: (typeof VARIANTS)[number]): Promise<LoadRun> {
  const session = await openPage(browser, origin, '/blank.html', rate);
  try {
    const { page, cdp } = session;
    const heapBefore = await heapUsed(cdp);
    const kind = variant.id;
    const { result, scriptMs, taskMs } = await cpuOf(cdp, () =>
      call<{ t0: number; readyMs: number; fetchMs: number | null; evalStartMs: number | null; frameMs: number }>(page, LOAD, { src: variant.src, kind, timeoutMs: STEP_TIMEOUT_MS }),
    );
    await settle(page);
    const tasks = await longTasksSince(page, result.t0);
    const requests = await resourcesSince(page, result.t0);
    const heapAfter = await heapUsed(cdp);
    checkErrors(session, `load ${variant.id}`);
    const { t0: _t0, ...times } = result;
    return { ...times, scriptMs, taskMs, ...tasks, heapAddedKiB: (heapAfter - heapBefore) / 1024, requests };
  } finally {
    await session.context.close();
  }
}

/** Opens the panel by a click on the launcher; with `prefetch`, after a hover has loaded it. */
async function openPanel(session: Session, prefetch: boolean): Promise<OpenRun> {
  const { page, cdp } = session;
  const heapBefore = await heapUsed(cdp);
  const before = prefetch ? await hoverPrefetch(session) : {};
  const { result, scriptMs, taskMs } = await cpuOf(cdp, () =>
    call<{ t0: number; readyMs: number; frameMs: number; busyShown: boolean }>(page, OPEN, { timeoutMs: STEP_TIMEOUT_MS }),
  );
  const configMs = (await page.evaluate(`window.__bench.waitForResource('/config', ${result.t0}, ${STEP_TIMEOUT_MS})`)) as number;
  await settle(page);
  const tasks = await longTasksSince(page, result.t0);
  const requests = await resourcesSince(page, result.t0);
  const heapAfter = await heapUsed(cdp);
  const { t0: _t0, ...times } = result;
  return { ...before, ...times, configMs, scriptMs, taskMs, ...tasks, heapAddedKiB: (heapAfter - heapBefore) / 1024, requests };
}

async function measureOpen(browser: Browser, origin: string, rate: Rate, prefetch: boolean): Promise<OpenRun> {
  const session = await openPage(browser, origin, '/ours.html', rate);
  try {
    const run = await openPanel(session, prefetch);
    checkErrors(session, `open (${prefetch ? 'prefetch' : 'cold'})`);
    return run;
  } finally {
    await session.context.close();
  }
}

async function measureChannel(browser: Browser, origin: string, rate: Rate, channel: (typeof CHANNELS)[number]): Promise<ChannelRun> {
  const session = await openPage(browser, origin, '/ours.html', rate);
  try {
    const { page, cdp } = session;
    await openPanel(session, true);
    const { result, scriptMs, taskMs } = await cpuOf(cdp, () =>
      call<{ t0: number; readyMs: number; frameMs: number }>(page, OPEN_CHANNEL, {
        channel: 'channel' in channel ? channel.channel : channel.id,
        tag: channel.tag,
        inner: 'inner' in channel ? channel.inner : '',
        prefetch: 'prefetch' in channel,
        timeoutMs: STEP_TIMEOUT_MS,
      }),
    );
    await settle(page);
    const tasks = await longTasksSince(page, result.t0);
    const requests = await resourcesSince(page, result.t0);
    checkErrors(session, `channel ${channel.id}`);
    return { readyMs: result.readyMs, frameMs: result.frameMs, scriptMs, taskMs, ...tasks, requests };
  } finally {
    await session.context.close();
  }
}

/**
 * CPU profile (100 µs sampling) of inserting a script on the blank page until the next frame
 * after it is ready: the script's own JS time, microtasks included (see stackTimeMs).
 */
async function profileLoad(browser: Browser, origin: string, variant: (typeof VARIANTS)[number], rate: Rate): Promise<Profile> {
  const session = await openPage(browser, origin, '/blank.html', rate);
  try {
    const { page, cdp } = session;
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await call(page, LOAD, { src: variant.src, kind: variant.id, timeoutMs: STEP_TIMEOUT_MS });
    const profile = (await cdp.send('Profiler.stop')).profile as Profile;
    checkErrors(session, `profile load ${variant.id}`);
    return profile;
  } finally {
    await session.context.close();
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string } };
}
/** A main-thread task of 50 ms or more, and the time of named trace events inside it. */
interface TracedTask {
  ms: number;
  /** script (the <script> ran in it), rendering (style, layout, paint), or the bench's insert. */
  what: string;
  inside: Record<string, number>;
}
/** Trace events whose time is shown per long task (nested ones overlap: read them as labels). */
const TRACE_PARTS = [
  'EvaluateScript',
  'V8.CompileCode',
  'CustomElementReactionQueue::invokeReactions',
  'CSSParserImpl::parseStyleSheet',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Commit',
  'ResourceFetcher::requestResource',
] as const;

/**
 * A CDP trace (devtools.timeline) of inserting a script on the blank page: the renderer main
 * thread's tasks of 50 ms or more from the insert until the next frame has gone, with what is
 * inside them (script or rendering). Names are Chromium's trace event names.
 */
async function traceLoad(browser: Browser, origin: string, variant: (typeof VARIANTS)[number], rate: Rate): Promise<TracedTask[]> {
  const session = await openPage(browser, origin, '/blank.html', rate);
  try {
    const { page, cdp } = session;
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
    const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.compile', 'blink'] },
      transferMode: 'ReportEvents',
    });
    await call(page, LOAD, { src: variant.src, kind: variant.id, timeoutMs: STEP_TIMEOUT_MS });
    await settle(page);
    await cdp.send('Tracing.end');
    await Promise.race([complete, new Promise((_, fail) => setTimeout(() => fail(new Error('the trace did not complete')), STEP_TIMEOUT_MS))]);
    checkErrors(session, `trace ${variant.id}`);
    // The page's main thread: where the script was evaluated.
    const evaluated = events.find((e) => e.name === 'EvaluateScript' && e.args?.data?.url?.endsWith(variant.src));
    if (!evaluated) return [];
    const main = events.filter((e) => e.pid === evaluated.pid && e.tid === evaluated.tid && e.ph === 'X' && typeof e.dur === 'number');
    const tasks = main.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur! >= 50_000);
    return tasks
      .filter((task) => !tasks.some((other) => other !== task && other.ts <= task.ts && other.ts + other.dur! >= task.ts + task.dur!))
      .map((task) => {
        const inside: Record<string, number> = {};
        for (const e of main) {
          if (e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur! && (TRACE_PARTS as readonly string[]).includes(e.name)) {
            inside[e.name] = Math.round(((inside[e.name] ?? 0) + e.dur! / 1000) * 10) / 10;
          }
        }
        const what = inside.EvaluateScript
          ? 'script'
          : inside.Layout || inside.Paint || inside.UpdateLayoutTree
            ? 'rendering'
            : inside['ResourceFetcher::requestResource']
              ? 'the bench inserting the <script> (before t0: not counted as the page’s long task)'
              : 'other';
        return { ms: Math.round(task.dur! / 100) / 10, what, inside };
      });
  } finally {
    await session.context.close();
  }
}

/**
 * CPU profiles (1×) of the panel's start: the intent (a pointerenter dispatched in the page, so
 * that no Playwright mouse machinery is in the profile) → panel loaded and attached; then the
 * click → home view interactive.
 */
async function profilePanel(browser: Browser, origin: string): Promise<{ intent: Profile; click: Profile }> {
  const session = await openPage(browser, origin, '/ours.html', 1);
  try {
    const { page, cdp } = session;
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.evaluate(`(async () => { (${ARM_HOVER})(); (${SYNTHETIC_HOVER})(); return (${AWAIT_PREFETCH})(${JSON.stringify({ timeoutMs: STEP_TIMEOUT_MS })}); })()`);
    const intent = (await cdp.send('Profiler.stop')).profile as Profile;
    await settle(page);
    await cdp.send('Profiler.start');
    await call(page, OPEN, { timeoutMs: STEP_TIMEOUT_MS });
    const click = (await cdp.send('Profiler.stop')).profile as Profile;
    checkErrors(session, 'profile panel');
    return { intent, click };
  } finally {
    await session.context.close();
  }
}

/** Retries a measurement once in a fresh context (a shared machine has hiccups); then gives up. */
async function attempt<T>(what: string, measure: () => Promise<T>): Promise<T> {
  try {
    return await measure();
  } catch (error) {
    process.stderr.write(`  ${what} failed (${(error as Error).message}); once more\n`);
    return measure();
  }
}

// ---------------------------------------------------------------------------------------------
// Figures

interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

function summarize(values: (number | null | undefined)[]): Summary | undefined {
  const sorted = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return undefined;
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length };
}

function summarizeAll<T extends object>(runs: T[]): Record<string, Summary> {
  const out: Record<string, Summary> = {};
  const keys = new Set(runs.flatMap((r) => Object.keys(r)));
  for (const key of keys) {
    const s = summarize(runs.map((r) => (r as Record<string, unknown>)[key] as number));
    if (s) out[key] = s;
  }
  return out;
}

const gzipCache = new Map<string, number>();
function gzip9(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) gzipCache.set(file, (size = gzipSync(readFileSync(file), { level: 9 }).length));
  return size;
}

interface StepBytes {
  /** Our files (under /dist/, or the bare Lit bundle) the step fetched. */
  files: { path: string; encodedBodySize: number; transferSize: number; gzip9: number }[];
  /** Requests to the backend's API in the step (GET /config, the channel's data). */
  api: { path: string; encodedBodySize: number; transferSize: number }[];
  totals: { files: number; encodedBodySize: number; transferSize: number; gzip9: number; apiRequests: number; apiEncodedBodySize: number };
}

function stepBytes(requests: Request[], siteDir: string): StepBytes {
  const files: StepBytes['files'] = [];
  const api: StepBytes['api'] = [];
  for (const r of requests) {
    const local = r.path.startsWith('/dist/') ? join(DIST, r.path.slice('/dist/'.length)) : r.path.endsWith('.js') ? join(siteDir, r.path) : undefined;
    if (local && existsSync(local)) files.push({ path: r.path, encodedBodySize: r.encodedBodySize, transferSize: r.transferSize, gzip9: gzip9(local) });
    else api.push({ path: r.path, encodedBodySize: r.encodedBodySize, transferSize: r.transferSize });
  }
  const sum = <T>(list: T[], key: keyof T) => list.reduce((s, x) => s + (x[key] as number), 0);
  return {
    files,
    api,
    totals: {
      files: files.length,
      encodedBodySize: sum(files, 'encodedBodySize'),
      transferSize: sum(files, 'transferSize'),
      gzip9: sum(files, 'gzip9'),
      apiRequests: api.length,
      apiEncodedBodySize: sum(api, 'encodedBodySize'),
    },
  };
}

/** The same step's file list in every run (else the figure would depend on the run). */
function fileListsAgree(lists: Request[][]): boolean {
  const key = (list: Request[]) =>
    list
      .map((r) => r.path)
      .filter((p) => p.startsWith('/dist/') || p.endsWith('.js'))
      .sort()
      .join(' ');
  return new Set(lists.map(key)).size <= 1;
}

interface BudgetRow {
  step: string;
  mark: string;
  files: number;
  kb: number;
  limit: string;
}
/** `node scripts/size-budget.mjs`: its rows as printed (it exits 1 when a step is over its ceiling). */
function sizeBudget(): { rows: BudgetRow[]; output: string } {
  let output: string;
  try {
    output = execFileSync(process.execPath, ['scripts/size-budget.mjs'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  const rows: BudgetRow[] = [];
  for (const line of output.split('\n')) {
    const m = /^(ok|open|OVER)\s+(\S+)\s+(\d+) files\s+([\d.]+) KB\s+(.*?)\s{2}/.exec(line);
    if (m) rows.push({ mark: m[1]!, step: m[2]!, files: Number(m[3]), kb: Number(m[4]), limit: m[5]! });
  }
  return { rows, output };
}

// Table printing
const ms = (s: Summary | undefined, digits = 1) => (s ? `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})` : 'n/a');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = loadavg();
  const deadline = setTimeout(() => {
    console.error(`bench: stopped after ${DEADLINE_MS / 1000} s (BENCH_DEADLINE_S)`);
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();
  const progress = (text: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${text}\n`);

  if (RUNS < 5) progress(`BENCH_RUNS=${RUNS}: fewer than 5 runs, a try-out; these figures are not for the record`);
  const manifestFile = join(DIST, 'widget', '.vite', 'manifest.json');
  for (const file of [join(DIST, 'gov-support-widget.js'), join(DIST, 'gov-support-widget.bundle.js'), manifestFile]) {
    if (!existsSync(file)) throw new Error(`${file.slice(ROOT.length + 1)} is missing: run npm run build first (npm run bench does)`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, { file: string }>;

  const tmp = mkdtempSync(join(tmpdir(), 'gs-boot-bench-'));
  const siteDir = join(tmp, 'site');
  mkdirSync(siteDir);
  const bare = await esbuild({
    stdin: { contents: BARE_LIT_SOURCE, resolveDir: ROOT, loader: 'js', sourcefile: 'bare-lit.js' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  writeFileSync(join(siteDir, 'bare-lit.js'), bare.outputFiles[0]!.contents);
  writeFileSync(join(siteDir, 'empty.js'), '/* empty */\n');
  writeFileSync(join(siteDir, 'blank.html'), BLANK_PAGE);
  writeFileSync(join(siteDir, 'ours.html'), OURS_PAGE);

  const backend = await buildApp({
    dbPath: join(tmp, 'db', 'bench.sqlite'),
    configPath: join(ROOT, 'demo', 'data', 'widget-config.json'),
    corsOrigins: [],
    distDir: DIST,
    siteDir,
    logger: false,
  });
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(backend.app.server.address() as AddressInfo).port}`;

  const load = Object.fromEntries(VARIANTS.map((v) => [v.id, byRate<LoadRun>()])) as Record<VariantId, ByRate<LoadRun>>;
  const open = { cold: byRate<OpenRun>(), prefetch: byRate<OpenRun>() };
  const channels = Object.fromEntries(CHANNELS.map((c) => [c.id, byRate<ChannelRun>()])) as Record<ChannelId, ByRate<ChannelRun>>;
  const profiles: { intent: Profile; click: Profile }[] = [];
  /** JS time in each script's own stacks at load (a profiled load in a context of its own). */
  const loadJs = Object.fromEntries(PROFILED.map((id) => [id, byRate<number>()])) as Record<(typeof PROFILED)[number], ByRate<number>>;
  /** The 1× load profiles of the launcher and the bare Lit element, for the table of functions. */
  const loadProfiles: Record<'ours' | 'lit', Profile[]> = { ours: [], lit: [] };
  const traces: { variant: VariantId; rate: Rate; longTasks: TracedTask[] }[] = [];
  let browserVersion = '';
  try {
    // Warm-up (discarded): the OS's file cache, the server's first responses.
    {
      const browser = await launch();
      browserVersion = browser.version();
      try {
        for (const variant of VARIANTS) await measureLoad(browser, origin, 1, variant);
        await measureOpen(browser, origin, 1, false);
        await measureChannel(browser, origin, 1, CHANNELS[0]);
      } finally {
        await browser.close().catch(() => {});
      }
      progress('warm-up done');
    }
    for (let run = 0; run < RUNS; run++) {
      // A fresh browser per run; the order of the page variants and channels turns with the run,
      // so that none is always measured first (or last) on a machine whose load drifts.
      const browser = await launch();
      try {
        for (const rate of RATES) {
          const key = rateKey(rate);
          for (let i = 0; i < VARIANTS.length; i++) {
            const variant = VARIANTS[(i + run) % VARIANTS.length]!;
            load[variant.id][key].push(await attempt(`load ${variant.id} ${key}`, () => measureLoad(browser, origin, rate, variant)));
          }
          for (let i = 0; i < PROFILED.length; i++) {
            const variant = VARIANTS.find((v) => v.id === PROFILED[(i + run) % PROFILED.length])!;
            const profile = await attempt(`profile load ${variant.id} ${key}`, () => profileLoad(browser, origin, variant, rate));
            loadJs[variant.id as (typeof PROFILED)[number]][key].push(stackTimeMs(profile, (url) => url.endsWith(variant.src)));
            if (rate === 1 && (variant.id === 'ours' || variant.id === 'lit')) loadProfiles[variant.id].push(profile);
          }
          for (const prefetch of run % 2 ? [true, false] : [false, true]) {
            open[prefetch ? 'prefetch' : 'cold'][key].push(await attempt(`open ${prefetch ? 'prefetch' : 'cold'} ${key}`, () => measureOpen(browser, origin, rate, prefetch)));
          }
          for (let i = 0; i < CHANNELS.length; i++) {
            const channel = CHANNELS[(i + run) % CHANNELS.length]!;
            channels[channel.id][key].push(await attempt(`channel ${channel.id} ${key}`, () => measureChannel(browser, origin, rate, channel)));
          }
        }
      } finally {
        await browser.close().catch(() => {});
      }
      progress(`run ${run + 1}/${RUNS} done`);
    }
    if (PROFILE_RUNS > 0) {
      const browser = await launch();
      try {
        for (let i = 0; i < PROFILE_RUNS; i++) {
          profiles.push(await attempt('profile panel', () => profilePanel(browser, origin)));
          for (const variant of [VARIANTS[2], VARIANTS[1]]) {
            traces.push({ variant: variant.id, rate: 4, longTasks: await attempt(`trace ${variant.id}`, () => traceLoad(browser, origin, variant, 4)) });
          }
        }
      } finally {
        await browser.close().catch(() => {});
      }
      progress(`${PROFILE_RUNS} CPU profiles done`);
    }
  } finally {
    await backend.close().catch(() => {});
  }
  try {
    report({ siteDir, bare: bare.outputFiles[0]!.contents, manifest, load, loadJs, loadProfiles, open, channels, profiles, traces, browserVersion, started, loadAtStart });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

interface Measured {
  siteDir: string;
  bare: Uint8Array;
  manifest: Record<string, { file: string }>;
  load: Record<VariantId, ByRate<LoadRun>>;
  open: { cold: ByRate<OpenRun>; prefetch: ByRate<OpenRun> };
  channels: Record<ChannelId, ByRate<ChannelRun>>;
  loadJs: Record<(typeof PROFILED)[number], ByRate<number>>;
  loadProfiles: Record<'ours' | 'lit', Profile[]>;
  profiles: { intent: Profile; click: Profile }[];
  traces: { variant: VariantId; rate: Rate; longTasks: TracedTask[] }[];
  browserVersion: string;
  started: number;
  loadAtStart: number[];
}

/** Summaries, targets, tables on stdout and the JSON file. */
function report({ siteDir, bare, manifest, load, loadJs, loadProfiles, open, channels, profiles, traces, browserVersion, started, loadAtStart }: Measured): void {
  // ----- Summaries
  const summary = {
    load: Object.fromEntries(VARIANTS.map((v) => [v.id, Object.fromEntries(RATES.map((r) => [rateKey(r), summarizeAll(load[v.id][rateKey(r)])]))])) as Record<
      VariantId,
      Record<string, Record<string, Summary>>
    >,
    open: Object.fromEntries((['cold', 'prefetch'] as const).map((m) => [m, Object.fromEntries(RATES.map((r) => [rateKey(r), summarizeAll(open[m][rateKey(r)])]))])) as Record<
      'cold' | 'prefetch',
      Record<string, Record<string, Summary>>
    >,
    channels: Object.fromEntries(CHANNELS.map((c) => [c.id, Object.fromEntries(RATES.map((r) => [rateKey(r), summarizeAll(channels[c.id][rateKey(r)])]))])) as Record<
      ChannelId,
      Record<string, Record<string, Summary>>
    >,
    /** JS time in the script's own stacks at load, from the CPU profiles (ms). */
    loadJs: Object.fromEntries(PROFILED.map((id) => [id, Object.fromEntries(RATES.map((r) => [rateKey(r), summarize(loadJs[id][rateKey(r)])]))])) as Record<
      (typeof PROFILED)[number],
      Record<string, Summary | undefined>
    >,
  };
  const med = (s: Summary | undefined) => s?.median ?? NaN;

  // ----- Bytes per step (from the first run at 1×; the file lists are checked to agree across runs)
  const allRuns = <T>(r: ByRate<T>) => [...r.cpu1x, ...r.cpu4x];
  const bytes = {
    launcher: stepBytes(load.ours.cpu1x[0]!.requests, siteDir),
    bareLit: stepBytes(load.lit.cpu1x[0]!.requests, siteDir),
    oneFile: stepBytes(load.bundle.cpu1x[0]!.requests, siteDir),
    panelCold: stepBytes(open.cold.cpu1x[0]!.requests, siteDir),
    panelPrefetchHover: stepBytes(open.prefetch.cpu1x[0]!.prefetchRequests ?? [], siteDir),
    panelPrefetchClick: stepBytes(open.prefetch.cpu1x[0]!.requests, siteDir),
    ...Object.fromEntries(CHANNELS.map((c) => [c.id, stepBytes(channels[c.id].cpu1x[0]!.requests, siteDir)])),
  } as Record<string, StepBytes>;
  const consistent = {
    launcher: fileListsAgree(allRuns(load.ours).map((r) => r.requests)),
    panelCold: fileListsAgree(allRuns(open.cold).map((r) => r.requests)),
    panelPrefetchHover: fileListsAgree(allRuns(open.prefetch).map((r) => r.prefetchRequests ?? [])),
    ...Object.fromEntries(CHANNELS.map((c) => [c.id, fileListsAgree(allRuns(channels[c.id]).map((r) => r.requests))])),
  } as Record<string, boolean>;
  const budget = sizeBudget();

  // ----- Targets of issue 13, point 9
  const litScript = (r: Rate) => med(summary.load.lit[rateKey(r)]!.scriptMs);
  const oursScript = (r: Rate) => med(summary.load.ours[rateKey(r)]!.scriptMs);
  const blankScript = (r: Rate) => med(summary.load.blank[rateKey(r)]!.scriptMs);
  const runsWithLongTask = load.ours.cpu4x.filter((r) => r.longTasks > 0).length;
  const heapKiB = med(summary.load.ours.cpu1x!.heapAddedKiB);
  const litJs = (r: Rate) => med(summary.loadJs.lit[rateKey(r)]);
  const oursJs = (r: Rate) => med(summary.loadJs.ours[rateKey(r)]);
  const targets = [
    ...RATES.map((r) => ({
      target: `launcher script CPU at load ≤ bare Lit element's (${r}× CPU, JS time in its own stacks from the CPU profile, medians)`,
      value: `${oursJs(r).toFixed(1)} ms vs ${litJs(r).toFixed(1)} ms (${(oursJs(r) / litJs(r)).toFixed(2)}×)`,
      holds: oursJs(r) <= litJs(r),
    })),
    ...RATES.map((r) => ({
      target: `launcher script CPU at load ≤ bare Lit element's (${r}× CPU, ScriptDuration medians: leaves out Lit's render, a microtask)`,
      value: `${oursScript(r).toFixed(1)} ms vs ${litScript(r).toFixed(1)} ms (${(oursScript(r) / litScript(r)).toFixed(2)}×; net of the blank page's ${blankScript(r).toFixed(1)} ms: ${((oursScript(r) - blankScript(r)) / (litScript(r) - blankScript(r))).toFixed(2)}×)`,
      holds: oursScript(r) <= litScript(r),
    })),
    {
      target: 'no long task at load at 4× CPU (launcher)',
      value: `${runsWithLongTask} of ${load.ours.cpu4x.length} runs had one; longest ${Math.max(0, ...load.ours.cpu4x.map((r) => r.longestTaskMs)).toFixed(0)} ms`,
      holds: runsWithLongTask === 0,
    },
    {
      target: 'JS heap added at load ≤ 0.25 MB (256 KiB)',
      value: `${heapKiB.toFixed(0)} KiB (blank page ${med(summary.load.blank.cpu1x!.heapAddedKiB).toFixed(0)} KiB, bare Lit ${med(summary.load.lit.cpu1x!.heapAddedKiB).toFixed(0)} KiB)`,
      holds: heapKiB <= 256,
    },
    ...RATES.map((r) => {
      const limit = r === 1 ? 100 : 300;
      const s = summary.open.prefetch[rateKey(r)]!.readyMs;
      return { target: `click → home view interactive after prefetch ≤ ${limit} ms at ${r}× CPU`, value: `${ms(s)} ms`, holds: med(s) <= limit };
    }),
  ];

  // ----- Profiles
  let profileSummary: Partial<Record<'launcher' | 'bareLit' | 'intent' | 'click', ProfileSummary>> | undefined;
  {
    const maps = new SourceMaps(DIST);
    const merge = (list: ProfileSummary[]): ProfileSummary => {
      // Mean self time over the profiles, per function and per source.
      const fn = new Map<string, { function: string; code: string; ms: number }>();
      const src = new Map<string, number>();
      for (const p of list) {
        for (const f of p.topFunctions) fn.set(f.function, { ...f, ms: (fn.get(f.function)?.ms ?? 0) + f.ms / list.length });
        for (const s of p.bySource) src.set(s.source, (src.get(s.source) ?? 0) + s.ms / list.length);
      }
      const r1 = (x: number) => Math.round(x * 10) / 10;
      return {
        totalMs: r1(list.reduce((s, p) => s + p.totalMs, 0) / list.length),
        topFunctions: [...fn.values()].sort((a, b) => b.ms - a.ms).slice(0, 12).map((f) => ({ ...f, ms: r1(f.ms) })),
        bySource: [...src.entries()].sort((a, b) => b[1] - a[1]).map(([source, v]) => ({ source, ms: r1(v) })),
      };
    };
    const each = (list: Profile[]) => (list.length ? merge(list.map((p) => summarizeProfile(p, maps, 40))) : undefined);
    profileSummary = {
      launcher: each(loadProfiles.ours),
      bareLit: each(loadProfiles.lit),
      intent: each(profiles.map((p) => p.intent)),
      click: each(profiles.map((p) => p.click)),
    };
  }

  const environment = {
    date: new Date().toISOString(),
    node: process.version,
    chromium: `Chromium ${browserVersion}`,
    os: `${process.platform} ${release()}`,
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    /** The machine's 1/5/15-minute load averages at start and end (other work on a shared machine). */
    loadAverage: { start: loadAtStart.map((x) => Math.round(x * 100) / 100), end: loadavg().map((x) => Math.round(x * 100) / 100) },
    runs: RUNS,
    profileRuns: PROFILE_RUNS,
    server: 'server/app.ts buildApp (the reference backend, a fresh SQLite file, demo/data/widget-config.json) on 127.0.0.1',
    bareLit: { bytes: bare.length, gzip9: gzipSync(bare, { level: 9 }).length },
    panelFile: manifest['src/panel/index.ts']?.file,
    wallSeconds: Math.round((Date.now() - started) / 1000),
  };

  // ----- Print
  const out: string[] = [];
  out.push(`\n${environment.chromium}, Node ${environment.node}, nproc ${environment.nproc} (${environment.cpu}), load average ${environment.loadAverage.start[0]} at start, ${environment.loadAverage.end[0]} at end; ${RUNS} runs (a fresh browser each, a fresh context per figure), median (min–max)`);
  for (const rate of RATES) {
    const key = rateKey(rate);
    out.push(`\n1. Page load, CPU ${rate}×`);
    out.push(
      table(
        ['page', 'JS in its own stacks (CPU profile), ms', 'script CPU (ScriptDuration Δ), ms', 'main-thread tasks Δ, ms', 'insert → ready, ms', 'of which eval + start, ms', '→ next frame, ms', 'long tasks (max in a run), longest ms', 'JS heap added, KiB'],
        VARIANTS.map((v) => {
          const s = summary.load[v.id][key]!;
          const runs = load[v.id][key];
          const js = (PROFILED as readonly string[]).includes(v.id) ? summary.loadJs[v.id as (typeof PROFILED)[number]][key] : undefined;
          return [
            v.label,
            js ? ms(js) : '—',
            ms(s.scriptMs),
            ms(s.taskMs),
            ms(s.readyMs),
            ms(s.evalStartMs),
            ms(s.frameMs),
            `${med(s.longTasks)} (${Math.max(...runs.map((r) => r.longTasks))}), ${Math.max(0, ...runs.map((r) => r.longestTaskMs)).toFixed(0)}`,
            ms(s.heapAddedKiB, 0),
          ];
        }),
      ),
    );
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    const lit = summary.load.lit[key]!;
    const ours = summary.load.ours[key]!;
    const blank = summary.load.blank[key]!;
    const jsOf = (id: (typeof PROFILED)[number]) => med(summary.loadJs[id][key]);
    out.push(
      `ours ÷ bare Lit: JS in own stacks ${ratio(jsOf('ours'), jsOf('lit'))}, ScriptDuration ${ratio(med(ours.scriptMs), med(lit.scriptMs))} (net of blank ${ratio(med(ours.scriptMs) - med(blank.scriptMs), med(lit.scriptMs) - med(blank.scriptMs))}), ` +
        `eval + start ${ratio(med(ours.evalStartMs), med(lit.evalStartMs))}, insert → ready ${ratio(med(ours.readyMs), med(lit.readyMs))}, heap ${ratio(med(ours.heapAddedKiB), med(lit.heapAddedKiB))}; ` +
        `one-file build ÷ bare Lit: JS in own stacks ${ratio(jsOf('bundle'), jsOf('lit'))}, ScriptDuration ${ratio(med(summary.load.bundle[key]!.scriptMs), med(lit.scriptMs))}`,
    );
  }
  out.push('\n2. Open: click on the launcher → home view interactive (dialog shown, the four channel buttons rendered)');
  const openRow = (label: string, pick: (m: 'cold' | 'prefetch', key: string) => string, mode: 'cold' | 'prefetch') => [label, ...RATES.map((r) => pick(mode, rateKey(r)))];
  const o = (field: string, digits = 1) => (m: 'cold' | 'prefetch', key: string) => ms(summary.open[m][key]![field], digits);
  const lt = (m: 'cold' | 'prefetch', key: string) => {
    const runs = open[m][key as 'cpu1x'];
    return `${med(summary.open[m][key]!.longTasks)} (max ${Math.max(...runs.map((r) => r.longTasks))}), longest ${ms(summary.open[m][key]!.longestTaskMs, 0)}`;
  };
  out.push(
    table(
      ['', ...RATES.map((r) => `CPU ${r}×`)],
      [
        openRow('cold: click → home view interactive, ms', o('readyMs'), 'cold'),
        openRow('cold: click → next frame, ms', o('frameMs'), 'cold'),
        openRow('cold: script CPU click → next frame, ms', o('scriptMs'), 'cold'),
        openRow('cold: long tasks', lt, 'cold'),
        openRow('prefetch: hover → panel loaded + attached, ms', o('prefetchMs'), 'prefetch'),
        openRow('prefetch: click → home view interactive, ms', o('readyMs'), 'prefetch'),
        openRow('prefetch: click → next frame, ms', o('frameMs'), 'prefetch'),
        openRow('prefetch: script CPU click → next frame, ms', o('scriptMs'), 'prefetch'),
        openRow('prefetch: long tasks after the click', lt, 'prefetch'),
        openRow('click → GET /config answered (cold), ms', o('configMs'), 'cold'),
        openRow('JS heap added by the panel (cold), KiB', o('heapAddedKiB', 0), 'cold'),
      ],
    ),
  );
  out.push('\n3. Channels: click on the entry (panel open, no hover on the entry) → its element rendered');
  out.push(
    table(
      ['channel', ...RATES.flatMap((r) => [`click → rendered, ${r}×`, `→ next frame, ${r}×`, `long tasks / longest, ${r}×`])],
      CHANNELS.map((c) => [
        `${c.label} <${c.tag}>`,
        ...RATES.flatMap((r) => {
          const s = summary.channels[c.id][rateKey(r)]!;
          return [ms(s.readyMs), ms(s.frameMs), `${med(s.longTasks)}, ${ms(s.longestTaskMs, 0)}`];
        }),
      ]),
    ),
  );
  out.push('\n4. Bytes fetched per step (Resource Timing of the first 1× run; gzip -9 of the same files, as scripts/size-budget.mjs counts)');
  const budgetRow = (step: string) => budget.rows.find((r) => r.step === step);
  const bytesRow = (label: string, key: string, budgetStep?: string): string[] => {
    const b = bytes[key]!;
    const row = budgetStep ? budgetRow(budgetStep) : undefined;
    const agree = consistent[key] === false ? ' (file list differed between runs!)' : '';
    return [
      label,
      `${b.totals.files}${agree}`,
      `${b.totals.encodedBodySize} B`,
      `${kib(b.totals.gzip9)} (${b.totals.gzip9} B)`,
      row ? `${row.mark} ${row.files} files ${row.kb.toFixed(1)} KB, ${row.limit}` : '—',
      b.api.length ? b.api.map((a) => `${a.path} ${a.encodedBodySize} B`).join(', ') : 'none',
    ];
  };
  out.push(
    table(
      ['step', 'files', 'as served (encodedBodySize)', 'gzip -9', 'size-budget.mjs', 'API requests'],
      [
        bytesRow('page load: bare Lit element', 'bareLit'),
        bytesRow('page load: ours (launcher)', 'launcher', 'launcher'),
        bytesRow('page load: one-file build', 'oneFile'),
        bytesRow('intent → home view (cold click)', 'panelCold', 'panel'),
        bytesRow('  prefetch: on hover', 'panelPrefetchHover', 'panel'),
        bytesRow('  prefetch: on the click', 'panelPrefetchClick'),
        ...CHANNELS.map((c) => bytesRow(`open ${c.label}`, c.id, c.id)),
      ],
    ),
  );
  out.push('\nTargets (issue 13, point 9)');
  for (const t of targets) out.push(`${t.holds ? 'holds ' : 'MISSES'}  ${t.target}: ${t.value}`);
  if (profileSummary) {
    for (const [name, label] of [
      ['launcher', 'page load of the launcher (insert → ready → next frame)'],
      ['bareLit', 'page load of the bare Lit element (insert → ready → next frame)'],
      ['intent', 'intent (pointerenter) → panel loaded and attached (fetch, evaluation, attach)'],
      ['click', 'click (prefetched) → home view interactive'],
    ] as const) {
      const p = profileSummary[name];
      if (!p) continue;
      const count = name === 'launcher' ? loadProfiles.ours.length : name === 'bareLit' ? loadProfiles.lit.length : profiles.length;
      out.push(`\nCPU profile at 1×, ${label}: ${p.totalMs} ms of samples (idle excluded), mean of ${count}`);
      out.push(`by source: ${p.bySource.slice(0, 8).map((s) => `${s.source} ${s.ms} ms`).join(', ')}`);
      out.push(table(['self ms', 'function (source:line)', 'code'], p.topFunctions.slice(0, 10).map((f) => [f.ms.toFixed(1), f.function, f.code])));
    }
  }
  if (traces.length) {
    out.push('\nLong tasks at load, 4× CPU, from a CDP trace (insert → next frame; ms of named trace events inside each, nested names overlap)');
    for (const t of traces) {
      const label = VARIANTS.find((v) => v.id === t.variant)!.label;
      const tasks = t.longTasks.map((task) => `${task.ms} ms ${task.what} [${Object.entries(task.inside).map(([name, v]) => `${name} ${v}`).join(', ')}]`);
      out.push(`${label}: ${tasks.length ? tasks.join('; ') : 'none'}`);
    }
  }
  console.log(out.join('\n'));

  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify({ environment, targets, summary, bytes, bytesConsistentAcrossRuns: consistent, sizeBudget: budget.rows, profile: profileSummary, traces, runs: { load, loadJs, open, channels } }, null, 2)}\n`,
  );
  console.log(`\nwrote ${RESULTS.slice(ROOT.length + 1)} (${environment.wallSeconds} s)`);
}

await main();
