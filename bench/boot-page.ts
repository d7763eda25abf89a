/**
 * The code the boot bench runs inside the page, as strings: tsx's transform would put `__name`
 * helpers into functions passed to page.evaluate, which the page does not have.
 *
 * `HELPERS` installs `window.__bench` (waiting on DOM changes through shadow roots, settling,
 * the next frame, long tasks, Resource Timing); the other functions take one JSON argument and
 * are called as `(${FN})(${JSON.stringify(arg)})`.
 */

/** Installed once per page after it has loaded and gone idle, before any measurement. */
export const HELPERS = String.raw`(() => {
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ startTime: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
  window.__bench = {
    /**
     * Resolves with probe().value once it is truthy. probe() also names the roots (document,
     * shadow roots) to watch: it runs again on every mutation in them (a microtask after the
     * change, so the time is exact), and every 250 ms as a safety net. Bounded by timeoutMs.
     */
    until(label, probe, timeoutMs, describe) {
      return new Promise((resolve, reject) => {
        const observed = new Set();
        let done = false;
        const observer = new MutationObserver(() => test());
        const finish = (fn) => {
          done = true;
          observer.disconnect();
          clearTimeout(timer);
          clearInterval(poll);
          fn();
        };
        function test() {
          if (done) return;
          let result;
          try {
            result = probe();
          } catch (error) {
            return finish(() => reject(error));
          }
          for (const root of result.roots) {
            if (root && !observed.has(root)) {
              observed.add(root);
              observer.observe(root, { childList: true, subtree: true, attributes: true });
            }
          }
          if (result.value) finish(() => resolve(result.value));
        }
        const timer = setTimeout(() => {
          let state = '';
          try {
            state = describe ? ' (' + JSON.stringify(describe()) + ')' : '';
          } catch (error) {
            state = ' (' + error + ')';
          }
          finish(() => reject(new Error('timed out after ' + timeoutMs + ' ms waiting for ' + label + state)));
        }, timeoutMs);
        const poll = setInterval(test, 250);
        test();
      });
    },
    settle() {
      return new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 50), { timeout: 2000 }));
    },
    nextFrame() {
      return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    },
    /** Long tasks that started at or after t0 (read after settle(): entries arrive late). */
    longTasksSince(t0) {
      return longTasks.filter((e) => e.startTime >= t0 - 1);
    },
    resourcesSince(t0) {
      return performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime >= t0 - 1)
        .map((e) => ({
          path: new URL(e.name).pathname,
          initiatorType: e.initiatorType,
          startMs: e.startTime - t0,
          responseEndMs: e.responseEnd - t0,
          transferSize: e.transferSize,
          encodedBodySize: e.encodedBodySize,
          decodedBodySize: e.decodedBodySize,
        }));
    },
    /** Polls Resource Timing (every 20 ms, bounded) until a request to path has finished. */
    async waitForResource(path, t0, timeoutMs) {
      const end = performance.now() + timeoutMs;
      while (performance.now() < end) {
        const entry = performance.getEntriesByType('resource').find((e) => e.startTime >= t0 - 1 && new URL(e.name).pathname === path);
        if (entry) return entry.responseEnd - t0;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('no request to ' + path + ' within ' + timeoutMs + ' ms');
    },
  };
})()`;

/**
 * Inserts a classic <script src> and waits until what it starts is ready:
 * kind 'blank' (an empty file: the harness's own cost), 'lit' (the bare Lit element rendered its
 * button), 'ours' (<gs-support-widget> defined, mounted, its button.launcher rendered),
 * 'bundle' (the one-file Lit build's <gs-support-widget> rendered).
 */
export const LOAD = String.raw`async ({ src, kind, timeoutMs }) => {
  const B = window.__bench;
  const t0 = performance.now();
  const script = document.createElement('script');
  script.src = src;
  const loaded = new Promise((resolve, reject) => {
    script.onload = resolve;
    script.onerror = () => reject(new Error('the script did not load: ' + src));
  });
  document.head.append(script);
  await loaded;
  if (kind === 'lit') {
    await customElements.whenDefined('bare-lit');
    const el = document.querySelector('bare-lit');
    await el.updateComplete;
    if (!el.shadowRoot.querySelector('button')) throw new Error('the bare Lit element rendered no button');
  } else if (kind === 'ours' || kind === 'bundle') {
    await customElements.whenDefined('gs-support-widget');
    const rendered = () => {
      const el = document.querySelector('gs-support-widget');
      return { roots: [document.body, el?.shadowRoot], value: el?.shadowRoot?.querySelector('button.launcher') ? el : null };
    };
    // Both mount themselves while the script runs (the page has loaded): no waiting, as a rule,
    // so that the harness adds no work of its own to ours that it does not add to the others.
    const el = rendered().value || (await B.until('the launcher', rendered, timeoutMs));
    if (kind === 'bundle') await el.updateComplete;
  }
  const ready = performance.now();
  await B.nextFrame();
  const frame = performance.now();
  const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(src));
  return {
    t0,
    readyMs: ready - t0,
    fetchMs: entry ? entry.responseEnd - t0 : null,
    evalStartMs: entry ? ready - entry.responseEnd : null,
    frameMs: frame - t0,
  };
}`;

/** The launcher's shadow root and its button (the script tag's <gs-support-widget>). */
const LAUNCHER = String.raw`const host = document.querySelector('gs-support-widget');
  const L = host && host.shadowRoot;
  const button = L && L.querySelector('button.launcher');
  if (!button) throw new Error('no launcher on the page');`;

/** The home view is interactive: the dialog shown, the four channel buttons rendered. */
const HOME_READY = String.raw`() => {
    const panel = L.querySelector('gs-support-panel');
    const P = panel && panel.shadowRoot;
    const dialog = P && P.querySelector('[role="dialog"]');
    const home = P && P.querySelector('gs-home-view');
    const H = home && home.shadowRoot;
    const roots = [L, P, H];
    if (!dialog || dialog.hidden || !H) return { roots, value: null };
    for (const id of ['request', 'status', 'callback', 'offices']) {
      if (!H.querySelector('button.channel[data-channel="' + id + '"]')) return { roots, value: null };
    }
    return { roots, value: dialog.checkVisibility() ? home : null };
  }`;

/** What the panel shows, for the message of a step that timed out. */
const PANEL_STATE = String.raw`() => {
    const panel = L.querySelector('gs-support-panel');
    const P = panel && panel.shadowRoot;
    const dialog = P && P.querySelector('[role="dialog"]');
    const home = P && P.querySelector('gs-home-view');
    const H = home && home.shadowRoot;
    return {
      panelDefined: !!customElements.get('gs-support-panel'),
      panelAttached: !!panel,
      launcherBusy: button.getAttribute('aria-busy'),
      launcherExpanded: button.getAttribute('aria-expanded'),
      launcherLive: (L.querySelector('[role="status"]') || {}).textContent,
      fallback: !!L.querySelector('[role="dialog"]'),
      panelOpen: panel ? panel.open : null,
      dialog: dialog ? { hidden: dialog.hidden, visible: dialog.checkVisibility(), title: (P.querySelector('#title') || {}).textContent } : null,
      body: P ? (P.querySelector('.body') || {}).textContent?.trim().slice(0, 200) : null,
      channels: H ? [...H.querySelectorAll('button.channel')].map((b) => b.dataset.channel) : null,
      requests: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop() + ' ' + Math.round(e.startTime) + '-' + Math.round(e.responseEnd)),
      now: Math.round(performance.now()),
    };
  }`;

/** Hovers are made by Playwright's mouse; this records when the launcher saw it. */
export const ARM_HOVER = String.raw`() => {
  ${LAUNCHER}
  window.__hoverAt = undefined;
  // Capture: at the target, capture listeners run before the launcher's own (which starts the import).
  button.addEventListener('pointerenter', () => (window.__hoverAt = performance.now()), { once: true, capture: true });
}`;

/** The launcher's intent without Playwright's mouse (for the CPU profile: no actionability checks in it). */
export const SYNTHETIC_HOVER = String.raw`() => {
  ${LAUNCHER}
  button.dispatchEvent(new PointerEvent('pointerenter'));
}`;

/** After the hover: waits until the panel module has loaded and attached itself (bounded). */
export const AWAIT_PREFETCH = String.raw`async ({ timeoutMs }) => {
  ${LAUNCHER}
  await window.__bench.until('the panel to attach after the hover', () => ({ roots: [L], value: customElements.get('gs-support-panel') && L.querySelector('gs-support-panel') }), timeoutMs, ${PANEL_STATE});
  const attached = performance.now();
  if (window.__hoverAt === undefined) throw new Error('the launcher saw no pointerenter');
  return { t0: window.__hoverAt, prefetchMs: attached - window.__hoverAt };
}`;

/** element.click() on the launcher (no pointerenter) until the home view is interactive. */
export const OPEN = String.raw`async ({ timeoutMs }) => {
  ${LAUNCHER}
  const B = window.__bench;
  const t0 = performance.now();
  button.click();
  const busy = button.getAttribute('aria-busy') === 'true';
  await B.until('the home view', ${HOME_READY}, timeoutMs, ${PANEL_STATE});
  const ready = performance.now();
  await B.nextFrame();
  const frame = performance.now();
  return { t0, readyMs: ready - t0, frameMs: frame - t0, busyShown: busy };
}`;

/** element.click() on a channel's entry on the home view until its element has rendered. */
export const OPEN_CHANNEL = String.raw`async ({ channel, tag, inner, prefetch, timeoutMs }) => {
  ${LAUNCHER}
  const B = window.__bench;
  const P = L.querySelector('gs-support-panel').shadowRoot;
  const entry = P.querySelector('gs-home-view').shadowRoot.querySelector('button.channel[data-channel="' + channel + '"]');
  if (!entry) throw new Error('no entry for ' + channel + ' on the home view');
  if (prefetch) {
    // A hover on the entry fetches the channel's file; the click comes once it is defined.
    entry.dispatchEvent(new PointerEvent('pointerenter'));
    await B.until('prefetched <' + tag + '>', () => ({ roots: [P], value: customElements.get(tag) || null }), timeoutMs, ${PANEL_STATE});
    await new Promise((r) => setTimeout(r, 300));
  }
  const t0 = performance.now();
  entry.click();
  await B.until('<' + tag + '>' + (inner ? ' <' + inner + '>' : ''), () => {
    const el = P.querySelector(tag);
    const S = el && el.shadowRoot;
    const I = inner ? S && S.querySelector(inner) : el;
    const IS = I && (inner ? I.shadowRoot : S);
    const ready = el && customElements.get(tag) && el.hasUpdated && S && S.childElementCount > 0 && IS && IS.childElementCount > 0;
    // The inner element's own shadow root too: a change only there is otherwise seen by the 250 ms poll.
    return { roots: [P, S, inner ? IS : null], value: ready ? el : null };
  }, timeoutMs, ${PANEL_STATE});
  const ready = performance.now();
  await B.nextFrame();
  const frame = performance.now();
  return { t0, readyMs: ready - t0, frameMs: frame - t0 };
}`;
