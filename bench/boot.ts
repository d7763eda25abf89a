/**
 * Boot benchmark of the script-tag build (not a test: it prints numbers and fails only when the
 * page itself fails). Run by `npm run bench`, after `npm run build`.
 *
 * Serves dist/ on 127.0.0.1 with a blank page and, in headless Chromium, for each CPU setting
 * (normal, and 4× slowed with CDP Emulation.setCPUThrottlingRate) runs one discarded warm-up
 * and then RUNS measured runs, each in a fresh browser context with the HTTP cache disabled:
 *
 *  1. boot: from just before the <script src=".../gov-support-widget.js"> element is inserted
 *     until `gs-support-widget` is defined, mounted by the embed script and its first render
 *     is complete (customElements.whenDefined + element.updateComplete), by performance.now()
 *     in the page; split at the script's responseEnd (Resource Timing) into fetch and
 *     evaluation + init; plus the CDP Performance.getMetrics ScriptDuration delta;
 *  2. JS heap added: JSHeapUsedSize after HeapProfiler.collectGarbage, before and after boot;
 *  3. open: launcher.click() until the panel, home view and contacts card have rendered and the
 *     panel is visible, and until the next frame after that.
 *
 * Env: BENCH_RUNS (default 10, at least 5), CHROME_PATH (default /usr/bin/chromium).
 * Output: a table on stdout and bench/results/boot-latest.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type CDPSession } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = join(ROOT, 'dist', 'gov-support-widget.js');
const RESULTS = join(ROOT, 'bench', 'results', 'boot-latest.json');
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS) || 10);
const CONDITIONS = [
  { name: 'cpu1x', label: 'CPU 1×', rate: 1 },
  { name: 'cpu4x', label: 'CPU 4× slower', rate: 4 },
] as const;
/** The whole benchmark stops by itself after this long. */
const DEADLINE_MS = 110_000;

const BLANK_PAGE = '<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>boot bench</title></head><body></body></html>';

function serve(script: Buffer): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const headers = { 'cache-control': 'no-store' };
    if (path === '/') res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(BLANK_PAGE);
    else if (path === '/gov-support-widget.js') res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    // The panel asks its backend (the script's origin) for GET /config on first open.
    else if (path === '/config') res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end('{}');
    else res.writeHead(404, headers).end();
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

// Page-side code is passed as strings: tsx's transform would put `__name` helpers into functions.
const SETTLE = `new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 50), { timeout: 1000 }))`;

const BOOT = `(async () => {
  const url = '/gov-support-widget.js';
  const t0 = performance.now();
  const script = document.createElement('script');
  script.src = url;
  const loaded = new Promise((resolve, reject) => {
    script.onload = resolve;
    script.onerror = () => reject(new Error('the script did not load'));
  });
  document.head.append(script);
  await customElements.whenDefined('gs-support-widget');
  const defined = performance.now();
  const widget = document.querySelector('gs-support-widget');
  if (!widget) throw new Error('the embed script mounted no gs-support-widget');
  await widget.updateComplete;
  const rendered = performance.now();
  await loaded;
  const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(url));
  if (!widget.shadowRoot?.querySelector('.launcher')) throw new Error('no launcher rendered');
  return {
    totalMs: rendered - t0,
    definedMs: defined - t0,
    fetchMs: entry ? entry.responseEnd - t0 : null,
    evalInitMs: entry ? rendered - entry.responseEnd : null,
  };
})()`;

const OPEN = `(async () => {
  const widget = document.querySelector('gs-support-widget');
  const launcher = widget.shadowRoot.querySelector('.launcher');
  const t0 = performance.now();
  launcher.click();
  await widget.updateComplete;
  const home = widget.shadowRoot.querySelector('gs-home-view');
  await home?.updateComplete;
  await home?.shadowRoot?.querySelector('gs-contacts-card')?.updateComplete;
  const panel = widget.shadowRoot.querySelector('#panel');
  if (!panel || !panel.checkVisibility()) throw new Error('the panel is not visible after the click');
  const rendered = performance.now();
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { openRenderedMs: rendered - t0, openFrameMs: performance.now() - t0 };
})()`;

interface Run {
  totalMs: number;
  definedMs: number;
  fetchMs: number | null;
  evalInitMs: number | null;
  scriptDurationMs: number;
  heapAddedKiB: number;
  openRenderedMs: number;
  openFrameMs: number;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await metrics(cdp)).JSHeapUsedSize ?? NaN;
}

async function run(browser: Browser, origin: string, rate: number): Promise<Run> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`);
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.goto(`${origin}/`);
    // Let the page's own load work settle before measuring.
    await page.evaluate(SETTLE);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.enable');

    const heapBefore = await heapUsed(cdp);
    const scriptBefore = (await metrics(cdp)).ScriptDuration ?? 0;
    const boot = (await page.evaluate(BOOT)) as Pick<Run, 'totalMs' | 'definedMs' | 'fetchMs' | 'evalInitMs'>;
    const scriptAfter = (await metrics(cdp)).ScriptDuration ?? 0;
    const heapAfter = await heapUsed(cdp);
    const open = (await page.evaluate(OPEN)) as Pick<Run, 'openRenderedMs' | 'openFrameMs'>;
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return {
      ...boot,
      scriptDurationMs: (scriptAfter - scriptBefore) * 1000,
      heapAddedKiB: (heapAfter - heapBefore) / 1024,
      ...open,
    };
  } finally {
    await context.close();
  }
}

interface Summary {
  median: number;
  min: number;
  max: number;
}

function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

const METRICS: { key: keyof Run; label: string; unit: string; digits: number }[] = [
  { key: 'totalMs', label: 'boot: insert <script> → defined + first render', unit: 'ms', digits: 1 },
  { key: 'fetchMs', label: '  of which fetch (to responseEnd, localhost)', unit: 'ms', digits: 1 },
  { key: 'evalInitMs', label: '  of which evaluation + init + first render', unit: 'ms', digits: 1 },
  { key: 'scriptDurationMs', label: 'CDP ScriptDuration delta (boot)', unit: 'ms', digits: 1 },
  { key: 'heapAddedKiB', label: 'JS heap added (after GC)', unit: 'KiB', digits: 0 },
  { key: 'openRenderedMs', label: 'open: click → panel rendered + visible', unit: 'ms', digits: 1 },
  { key: 'openFrameMs', label: 'open: click → next frame', unit: 'ms', digits: 1 },
];

async function main(): Promise<void> {
  const deadline = setTimeout(() => {
    console.error(`bench: stopped after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();

  const script = readFileSync(SCRIPT);
  const size = { bytes: script.length, gzipBytes: gzipSync(script, { level: 9 }).length };
  const server = await serve(script);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const browserVersion = `Chromium ${browser.version()}`;
  const started = Date.now();
  const results: Record<string, { label: string; cpuThrottlingRate: number; runs: Run[]; summary: Record<string, Summary> }> = {};
  try {
    for (const condition of CONDITIONS) {
      await run(browser, origin, condition.rate); // warm-up, discarded
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await run(browser, origin, condition.rate));
      const summary: Record<string, Summary> = {};
      for (const { key } of METRICS) {
        const values = runs.map((r) => r[key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
        if (values.length) summary[key] = summarize(values);
      }
      results[condition.name] = { label: condition.label, cpuThrottlingRate: condition.rate, runs, summary };
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  const environment = {
    date: new Date().toISOString(),
    node: process.version,
    chromium: browserVersion,
    os: `${process.platform} ${release()}`,
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    runsPerCondition: RUNS,
    warmUpRunsDiscarded: 1,
    wallSeconds: Math.round((Date.now() - started) / 100) / 10,
  };

  const fmt = (s: Summary | undefined, digits: number) =>
    s ? `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})` : 'n/a';
  console.log(`\ndist/gov-support-widget.js: ${size.bytes} bytes raw, ${size.gzipBytes} bytes gzip -9`);
  console.log(`${environment.chromium}, Node ${environment.node}, ${environment.cpu}; ${RUNS} runs per setting, median (min–max)\n`);
  const header = ['metric', ...CONDITIONS.map((c) => c.label)];
  const rows = METRICS.map(({ key, label, unit, digits }) => [`${label}, ${unit}`, ...CONDITIONS.map((c) => fmt(results[c.name]?.summary[key], digits))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));

  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify({ environment, file: { path: 'dist/gov-support-widget.js', ...size }, results }, null, 2)}\n`);
  console.log(`\nwrote ${RESULTS.slice(ROOT.length + 1)} (${environment.wallSeconds} s)`);
}

await main();
