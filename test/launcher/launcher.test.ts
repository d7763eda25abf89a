import { expect } from '@open-wc/testing';
import { a11ySnapshot, sendKeys, setViewport } from '@web/test-runner-commands';
import { GsLauncher } from '../../src/launcher/launcher-element.js';
import { startLauncher } from '../../src/launcher/start.js';
import { ControlledLoader, fallback, frames, live, resetPage, settle, start } from './helpers.js';

describe('gs-support-widget (the script tag launcher)', () => {
  const pageErrors: string[] = [];
  const onError = (event: ErrorEvent) => pageErrors.push(event.message);
  const onRejection = (event: PromiseRejectionEvent) => pageErrors.push(`unhandled: ${event.reason}`);
  const consoleError = console.error;
  let logged: unknown[][] = [];

  beforeEach(() => {
    resetPage();
    pageErrors.length = 0;
    logged = [];
    console.error = (...args: unknown[]) => logged.push(args);
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onRejection);
  });
  afterEach(async () => {
    await settle();
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
    console.error = consoleError;
    resetPage();
    expect(pageErrors, 'nothing thrown into the page').to.deep.equal([]);
  });

  describe('at rest', () => {
    it('renders the «Помощь» button at the bottom right, collapsed, and is accessible', async () => {
      const { host, button } = await start();
      expect(button.textContent).to.equal('Помощь');
      expect(button.getAttribute('part')).to.equal('launcher');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(button.hasAttribute('aria-controls'), 'no aria-controls to nothing').to.equal(false);
      expect(button.lang).to.equal('ru');
      expect(host.getAttribute('side')).to.equal('right');
      expect(host.getAttribute('scheme')).to.equal('light');
      expect(host.hasAttribute('contrast')).to.equal(false);
      const rect = button.getBoundingClientRect();
      expect(Math.round(innerWidth - rect.right)).to.equal(24);
      expect(Math.round(innerHeight - rect.bottom)).to.equal(24);
      expect(rect.height).to.be.at.least(44);
      await expect(host).to.be.accessible();
    });

    it('speaks English on an English page, and data-locale wins over <html lang>', async () => {
      document.documentElement.lang = 'en-GB';
      try {
        const { button } = await start();
        expect(button.textContent).to.equal('Help');
        expect(button.lang).to.equal('en');
        resetPage();
        const other = await start({ locale: 'ru' });
        expect(other.button.textContent).to.equal('Помощь');
      } finally {
        document.documentElement.removeAttribute('lang');
      }
    });

    it('takes side, offsets, theme and contrast from data-*', async () => {
      const { host, button } = await start({ position: 'left', offsetX: '40', offsetY: '60', theme: 'dark', contrast: '' });
      expect(host.getAttribute('side')).to.equal('left');
      expect(host.getAttribute('scheme')).to.equal('dark');
      expect(host.hasAttribute('contrast')).to.equal(true);
      expect(host.style.getPropertyValue('--_gs-offset-x')).to.equal('40px');
      expect(host.style.getPropertyValue('--_gs-offset-y')).to.equal('60px');
      expect(host.style.getPropertyValue('--_gs-panel-left')).to.equal('40px');
      expect(host.style.getPropertyValue('--_gs-panel-right')).to.equal('auto');
      const rect = button.getBoundingClientRect();
      expect(Math.round(rect.left)).to.equal(40);
      expect(Math.round(innerHeight - rect.bottom)).to.equal(60);
      // High contrast: black on white by default (the button black, its text white), large text
      // (x-large: 1.5 times the browser's 16 px).
      expect(getComputedStyle(button).backgroundColor).to.equal('rgb(0, 0, 0)');
      expect(getComputedStyle(button).color).to.equal('rgb(255, 255, 255)');
      expect(getComputedStyle(button).fontSize).to.equal('24px');
      await expect(host).to.be.accessible();
    });

    it('high contrast as white on black when the site chooses it (data-contrast-colors)', async () => {
      const { host, button } = await start({ contrast: '', contrastColors: 'white-on-black' });
      expect(host.getAttribute('contrast-colors')).to.equal('white-on-black');
      expect(getComputedStyle(button).backgroundColor).to.equal('rgb(255, 255, 255)');
      expect(getComputedStyle(button).color).to.equal('rgb(0, 0, 0)');
      await expect(host).to.be.accessible();
    });

    it('is light by default, whatever the OS prefers; dark only when the site says dark or auto', async () => {
      const { host } = await start();
      expect(host.getAttribute('scheme')).to.equal('light');
      resetPage();
      const auto = await start({ theme: 'auto' });
      expect(auto.host.getAttribute('scheme')).to.equal('auto');
    });

    it('inherits nothing from the page’s styles', async () => {
      document.body.style.cssText = 'font: italic 30px serif; letter-spacing: 5px; text-transform: uppercase; color: green; visibility: hidden';
      try {
        const { button } = await start();
        const label = button.querySelector('span')!;
        const style = getComputedStyle(label);
        expect([style.fontStyle, style.letterSpacing, style.textTransform, style.visibility, button.textContent]).to.deep.equal(['normal', 'normal', 'none', 'visible', 'Помощь']);
        expect(style.fontSize, 'the browser’s own text size, not the page’s 30px').to.equal('16px');
      } finally {
        document.body.style.cssText = '';
      }
    });

    it('ignores bad data-* values and keeps the defaults', async () => {
      const { host, button } = await start({ position: 'top', offsetX: '-3', offsetY: 'abc', theme: 'pink', locale: 'de', contrast: 'no', contrastColors: 'pink' });
      expect(host.getAttribute('side')).to.equal('right');
      expect(host.getAttribute('scheme')).to.equal('light');
      expect(host.getAttribute('contrast-colors')).to.equal('black-on-white');
      expect(host.hasAttribute('contrast')).to.equal(false);
      expect(host.style.getPropertyValue('--_gs-offset-x')).to.equal('24px');
      expect(host.style.getPropertyValue('--_gs-offset-y')).to.equal('24px');
      expect(button.textContent).to.equal('Помощь');
    });

    it('follows configure() before the panel: position, theme, locale and label at once', async () => {
      const { api, host, button, loader } = await start();
      api.configure({ position: { side: 'left', offsetY: 100 }, theme: { scheme: 'light' }, texts: { ru: { launcher: 'Поддержка' } } });
      expect(host.getAttribute('side')).to.equal('left');
      expect(host.style.getPropertyValue('--_gs-offset-y')).to.equal('100px');
      expect(host.getAttribute('scheme')).to.equal('light');
      expect(button.textContent).to.equal('Поддержка');
      api.configure({ locale: 'en', position: { side: 'middle' as never, offsetX: 1000 } });
      expect(button.textContent).to.equal('Help');
      expect(host.getAttribute('side'), 'a bad value changes nothing').to.equal('left');
      expect(host.style.getPropertyValue('--_gs-offset-x')).to.equal('24px');
      expect(loader.count, 'configure alone loads nothing').to.equal(0);
    });

    it('before any intent: no request, no storage, no panel import', async () => {
      const seen: string[] = [];
      const originals = { fetch: window.fetch, setItem: Storage.prototype.setItem, getItem: Storage.prototype.getItem, open: IDBFactory.prototype.open };
      window.fetch = (...args) => (seen.push(`fetch ${args[0]}`), originals.fetch(...args));
      Storage.prototype.setItem = function (key, value) {
        seen.push(`setItem ${key}`);
        return originals.setItem.call(this, key, value);
      };
      Storage.prototype.getItem = function (key) {
        seen.push(`getItem ${key}`);
        return originals.getItem.call(this, key);
      };
      IDBFactory.prototype.open = function (...args: Parameters<IDBFactory['open']>) {
        seen.push(`indexedDB ${args[0]}`);
        return originals.open.apply(this, args);
      };
      try {
        const { api, host, loader } = await start({ phone: '8 800 100-70-10' });
        api.configure({ theme: { contrast: true } });
        api.on('open', () => {});
        await frames(3);
        expect(host.isConnected).to.equal(true);
        expect(loader.count).to.equal(0);
        expect(seen).to.deep.equal([]);
      } finally {
        Object.assign(window, { fetch: originals.fetch });
        Object.assign(Storage.prototype, { setItem: originals.setItem, getItem: originals.getItem });
        IDBFactory.prototype.open = originals.open;
      }
    });

    it('is strict-CSP friendly: no style attribute and no <style> in its shadow root', async () => {
      const { root, button, loader, api } = await start({ phone: '8 800 100-70-10' });
      button.click();
      await loader.reject();
      expect(fallback(root)).to.exist;
      expect(root.querySelectorAll('[style], style')).to.have.length(0);
      expect(root.adoptedStyleSheets).to.have.length(1);
      api.close();
    });
  });

  describe('intent', () => {
    const triggers: Record<string, (button: HTMLButtonElement) => void> = {
      pointerenter: (button) => button.dispatchEvent(new PointerEvent('pointerenter')),
      focus: (button) => button.focus(),
      touchstart: (button) => button.dispatchEvent(new Event('touchstart')),
    };
    for (const [name, trigger] of Object.entries(triggers)) {
      it(`${name} starts exactly one load, and the others add none`, async () => {
        const { button, loader, panel } = await start();
        trigger(button);
        expect(loader.count).to.equal(1);
        for (const other of Object.values(triggers)) other(button);
        expect(loader.count).to.equal(1);
        await loader.resolve();
        expect(panel.bridge, 'the panel attached').to.exist;
        expect(panel.open, 'intent alone opens nothing').to.equal(false);
        for (const other of Object.values(triggers)) other(button);
        expect(loader.count).to.equal(1);
      });
    }

    it('a click before the panel: busy and announced, a second click adds nothing, then the panel opens', async () => {
      const { host, button, root, loader, panel } = await start();
      button.click();
      expect(loader.count).to.equal(1);
      expect(button.getAttribute('aria-busy')).to.equal('true');
      expect(live(root)).to.equal('Загружаем помощь…');
      await expect(host).to.be.accessible();
      button.click();
      expect(loader.count).to.equal(1);
      await loader.resolve();
      expect(panel.calls).to.deep.equal([['open', undefined, undefined]]);
      expect(panel.open).to.equal(true);
      expect(button.hasAttribute('aria-busy')).to.equal(false);
      expect(live(root)).to.equal('');
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(button.getAttribute('aria-controls'), 'the fake panel is in this shadow root').to.equal('panel');
      // From now on the button toggles the panel.
      button.click();
      expect(panel.open).to.equal(false);
      expect(button.getAttribute('aria-expanded')).to.equal('false');
    });

    it('GovSupport.open() before the panel loads it and replays every call in order', async () => {
      const { api, host, loader, panel } = await start();
      api.configure({ position: { side: 'left' } });
      expect(loader.count).to.equal(0);
      api.open('callback', { topic: 'Пособие' });
      expect(loader.count).to.equal(1);
      api.close();
      api.toggle('status', { number: '2026-000123' });
      expect(loader.count).to.equal(1);
      expect(host.getAttribute('side')).to.equal('left');
      await loader.resolve();
      expect(panel.calls).to.deep.equal([
        ['configure', { position: { side: 'left' } }],
        ['open', 'callback', { topic: 'Пособие' }],
        ['close'],
        ['toggle', 'status', { number: '2026-000123' }],
      ]);
      // After the panel: straight to it.
      api.close();
      api.configure({ locale: 'en' });
      expect(panel.calls.slice(4)).to.deep.equal([['close'], ['configure', { locale: 'en' }]]);
    });

    it('follows the panel: applySettings, setOpen and the avoidance it reads', async () => {
      const { host, button, loader, panel } = await start();
      button.focus();
      await loader.resolve();
      const bridge = panel.bridge!;
      expect(bridge.host).to.equal(host);
      expect(bridge.button).to.equal(button);
      expect(bridge.scriptOrigin).to.equal('https://widget.example');
      expect(bridge.avoidance).to.deep.equal({ lift: 0, flip: false });
      bridge.applySettings({ side: 'left', offsetX: 10, offsetY: 30, scheme: 'dark', contrast: true, contrastColors: 'white-on-black', locale: 'en', label: 'Support' });
      expect(host.getAttribute('side')).to.equal('left');
      expect(host.getAttribute('scheme')).to.equal('dark');
      expect(host.hasAttribute('contrast')).to.equal(true);
      expect(host.style.getPropertyValue('--_gs-offset-x')).to.equal('10px');
      expect(button.textContent).to.equal('Support');
      expect(button.lang).to.equal('en');
      bridge.setOpen(true);
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(button.textContent, 'while open, the button says a click closes').to.equal('Close help');
      bridge.applySettings({ side: 'left', offsetX: 10, offsetY: 30, scheme: 'dark', contrast: true, contrastColors: 'white-on-black', locale: 'ru', label: 'Поддержка' });
      expect(button.textContent).to.equal('Свернуть помощь');
      bridge.setOpen(false);
      expect(button.textContent).to.equal('Поддержка');
    });

    it('shows chat messages that came while the panel was closed: a count on the button, in its name, announced; 0 takes it away', async () => {
      const { button, loader, panel } = await start();
      button.focus();
      await loader.resolve();
      const bridge = panel.bridge!;
      const badge = button.querySelector<HTMLElement>('.unread')!;
      expect(badge.hidden).to.equal(true);
      bridge.setUnread(2, '2 новых сообщения');
      expect(badge.hidden).to.equal(false);
      expect(badge.textContent).to.equal('2');
      expect(badge.getAttribute('aria-hidden'), 'the number is read once, in words').to.equal('true');
      const name = await a11ySnapshot({});
      const named = JSON.stringify(name);
      // Chromium puts a space before the visually hidden part; a screen reader reads the same.
      expect(named).to.match(/"name":"Помощь ?, 2 новых сообщения"/);
      expect(live(button.getRootNode() as ShadowRoot)).to.equal('2 новых сообщения');
      bridge.setUnread(0, '');
      expect(badge.hidden).to.equal(true);
      expect(JSON.stringify(await a11ySnapshot({}))).to.include('"name":"Помощь"');
    });

    it('sets aria-controls only to an id that resolves in its shadow root', async () => {
      const loader = new ControlledLoader();
      loader.panel.nested = true;
      const { button, panel } = await start({}, loader);
      button.click();
      await loader.resolve();
      expect(panel.open).to.equal(true);
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(button.hasAttribute('aria-controls')).to.equal(false);
    });

    it('on/off work before the panel: document listeners of the gs-* events', async () => {
      const { api } = await start();
      const seen: string[] = [];
      const listener = (event: Event) => seen.push(event.type);
      api.on('open', listener);
      api.on('gs-close', listener);
      document.dispatchEvent(new Event('gs-open'));
      document.dispatchEvent(new Event('gs-close'));
      api.off('gs-open', listener);
      api.off('close', listener);
      document.dispatchEvent(new Event('gs-open'));
      document.dispatchEvent(new Event('gs-close'));
      expect(seen).to.deep.equal(['gs-open', 'gs-close']);
      // Nothing throws, whatever the page passes.
      api.on('open', null as never);
      api.configure(null as never);
      api.open(42 as never);
    });

    it('a tracking link opens the status view with the number, at start and on hashchange', async () => {
      history.replaceState(null, '', '#gs-status=2026-000123');
      const { api, loader, panel } = await start();
      expect(loader.count).to.equal(1);
      await loader.resolve();
      expect(panel.calls).to.deep.equal([['open', 'status', { number: '2026-000123' }]]);
      api.close();
      location.hash = 'gs-status=2026-000777';
      await new Promise((r) => addEventListener('hashchange', r, { once: true }));
      expect(panel.calls.at(-1)).to.deep.equal(['open', 'status', { number: '2026-000777' }]);
    });

    it('a survey link (#gs-survey=<token>, from an e-mail or SMS) fetches the panel and opens the survey; a token of another shape is not looked up', async () => {
      const token = 'visit.Vi0yMDI2LTAwMDAwMQ.AbCdEfGhIjKlMnOpQrSt-_';
      history.replaceState(null, '', `#gs-survey=${token}`);
      const { api, loader, panel } = await start();
      expect(loader.count, 'following the link is the intent').to.equal(1);
      await loader.resolve();
      expect(panel.calls).to.deep.equal([['open', 'survey', { token }]]);
      api.close();
      for (const bad of ['fax.Vi0yMDI2.AbCdEfGhIjKlMnOpQrSt-_', 'visit.Vi0yMDI2.short', `visit.${'A'.repeat(190)}.AbCdEfGhIjKlMnOpQrSt-_`, 'visit.Vi0y<b>.AbCdEfGhIjKlMnOpQrSt-_']) {
        location.hash = `gs-survey=${encodeURIComponent(bad)}`;
        await new Promise((r) => addEventListener('hashchange', r, { once: true }));
      }
      expect(panel.calls.length, `nothing opened: ${JSON.stringify(panel.calls)}`).to.equal(2);
      location.hash = `gs-survey=${token}`;
      await new Promise((r) => addEventListener('hashchange', r, { once: true }));
      expect(panel.calls.at(-1)).to.deep.equal(['open', 'survey', { token }]);
    });

    it('a tracking link with the configured parameter name', async () => {
      const { api, loader } = await start();
      api.configure({ statusParam: 'track' });
      location.hash = 'gs-status=1';
      await new Promise((r) => addEventListener('hashchange', r, { once: true }));
      expect(loader.count, 'the default name is no longer read').to.equal(0);
      location.hash = 'track=2026-000123';
      await new Promise((r) => addEventListener('hashchange', r, { once: true }));
      expect(loader.count).to.equal(1);
      await loader.resolve();
      expect(loader.panel.calls).to.deep.equal([['configure', { statusParam: 'track' }], ['open', 'status', { number: '2026-000123' }]]);
    });
  });

  describe('mounting', () => {
    it('loaded twice: defined once, mounted once, one API', async () => {
      const first = await start();
      const second = startLauncher({ loadPanel: new ControlledLoader().loadPanel });
      expect(second).to.equal(first.api);
      expect(window.GovSupport).to.equal(first.api);
      expect(document.querySelectorAll('gs-support-widget')).to.have.length(1);
      expect(customElements.get('gs-support-widget')).to.equal(GsLauncher);
    });

    it('uses a <gs-support-widget> the site wrote where it stands', async () => {
      history.replaceState(null, '', '#gs-status=2026-000123');
      const place = document.createElement('div');
      place.append(document.createElement('gs-support-widget'));
      document.body.prepend(place);
      try {
        const { host, loader } = await start();
        expect(document.querySelectorAll('gs-support-widget')).to.have.length(1);
        expect(host.parentElement).to.equal(place);
        expect(loader.count, 'the tracking link seen before start is acted on').to.equal(1);
        await loader.resolve();
        expect(loader.panel.calls).to.deep.equal([['open', 'status', { number: '2026-000123' }]]);
      } finally {
        place.remove();
      }
    });

    it('data-mount="manual" waits for GovSupport.mount(target); a call before it is kept', async () => {
      const { api, loader } = await start({ mount: 'manual' });
      expect(document.querySelector('gs-support-widget')).to.equal(null);
      api.open('status');
      expect(loader.count).to.equal(1);
      await loader.resolve();
      expect(loader.panel.bridge, 'not attached before mounting').to.equal(undefined);
      const target = document.createElement('div');
      document.body.append(target);
      try {
        const host = api.mount(target)!;
        expect(host.parentElement).to.equal(target);
        expect(api.mount()).to.equal(host);
        expect(loader.panel.calls).to.deep.equal([['open', 'status', undefined]]);
        expect(loader.panel.open).to.equal(true);
      } finally {
        target.remove();
      }
    });
  });

  describe('when the panel will not load', () => {
    const contacts = { phone: '8 800 100-70-10; +7 (495) 123-45-67; not a phone', email: 'help@example.ru', hours: 'Круглосуточно, без выходных' };

    it('shows the fallback dialog with working tel:/mailto: links, and «Повторить» opens the panel', async () => {
      const { host, root, button, loader, panel } = await start(contacts);
      button.dispatchEvent(new PointerEvent('pointerenter'));
      button.click();
      button.focus();
      await loader.reject();
      expect(live(root), 'the dialog speaks for itself the first time').to.equal('');
      const dialog = fallback(root)!;
      expect(dialog.getAttribute('role')).to.equal('dialog');
      const title = root.getElementById(dialog.getAttribute('aria-labelledby')!)!;
      expect(title.textContent).to.equal('Не удалось загрузить помощь');
      expect(root.activeElement, 'the heading has focus').to.equal(title);
      expect(root.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).to.match(/подключение к интернету/);
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(button.getAttribute('aria-controls')).to.equal(dialog.id);
      expect(button.hasAttribute('aria-busy')).to.equal(false);
      const links = [...dialog.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]);
      expect(links).to.deep.equal([
        ['tel:+78001007010', '8 800 100-70-10'],
        ['tel:+74951234567', '+7 (495) 123-45-67'],
        ['mailto:help@example.ru', 'help@example.ru'],
      ]);
      expect(dialog.textContent).to.contain('Часы работы: Круглосуточно, без выходных');
      await expect(host).to.be.accessible();

      const retry = dialog.querySelector<HTMLButtonElement>('button.retry')!;
      expect(retry.textContent).to.equal('Повторить');
      retry.click();
      expect(loader.count).to.equal(2);
      expect(button.getAttribute('aria-busy')).to.equal('true');
      await loader.reject();
      expect(fallback(root), 'still failing: the fallback stays').to.equal(dialog);
      expect(live(root)).to.equal('Не удалось загрузить помощь. Проверьте подключение к интернету и повторите попытку.');

      retry.click();
      expect(loader.count).to.equal(3);
      await loader.resolve();
      expect(fallback(root)).to.equal(null);
      expect(loader.attempts.map((a) => a.attempt), 'each retry is numbered (the script tag adds ?retry=N)').to.deep.equal([0, 1, 2]);
      expect(button.getAttribute('aria-controls')).to.equal('panel');
      expect(panel.calls).to.deep.equal([['open', undefined, undefined]]);
      expect(panel.open).to.equal(true);
    });

    it('is accessible in every theme, and fills a 320 px screen', async () => {
      const { api, host, root, button, loader } = await start(contacts);
      button.click();
      await loader.reject();
      for (const theme of [{ scheme: 'dark' as const }, { scheme: 'light' as const, contrast: true }]) {
        api.configure({ theme });
        await expect(host).to.be.accessible();
      }
      await setViewport({ width: 320, height: 640 });
      try {
        const rect = fallback(root)!.getBoundingClientRect();
        expect([rect.left, rect.top, rect.width, rect.height]).to.deep.equal([0, 0, 320, 640]);
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
        await expect(host).to.be.accessible();
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });

    it('opens the panel on the view asked for once it loads', async () => {
      const { api, root, loader, panel } = await start();
      api.open('callback', { topic: 'Пособие' });
      await loader.reject();
      expect(fallback(root)).to.exist;
      expect(fallback(root)!.querySelector('a'), 'no contacts invented').to.equal(null);
      fallback(root)!.querySelector<HTMLButtonElement>('button.retry')!.click();
      await loader.resolve();
      expect(panel.calls).to.deep.equal([['open', 'callback', { topic: 'Пособие' }]]);
    });

    it('tries again by itself when the browser is back online', async () => {
      const { root, button, loader, panel } = await start(contacts);
      button.click();
      await loader.reject();
      expect(fallback(root)).to.exist;
      dispatchEvent(new Event('online'));
      expect(loader.count).to.equal(2);
      await loader.resolve();
      expect(fallback(root)).to.equal(null);
      expect(panel.open).to.equal(true);
      dispatchEvent(new Event('online'));
      expect(loader.count, 'no more retries once loaded').to.equal(2);
    });

    it('Esc and the close button close it, focus returns to the button, and it will not pop open later', async () => {
      const { root, button, loader, panel } = await start(contacts);
      button.click();
      await loader.reject();
      expect(fallback(root)).to.exist;
      expect(button.textContent, 'the fallback open: a click closes it').to.equal('Свернуть помощь');
      await sendKeys({ press: 'Escape' });
      expect(fallback(root)).to.equal(null);
      expect(root.activeElement).to.equal(button);
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(button.textContent).to.equal('Помощь');
      expect(button.hasAttribute('aria-controls')).to.equal(false);

      // Focus back on the button is intent again: a new attempt starts, and the click joins it.
      expect(loader.count).to.equal(2);
      button.click();
      expect(loader.count).to.equal(2);
      await loader.reject();
      fallback(root)!.querySelector<HTMLButtonElement>('button.close')!.click();
      expect(fallback(root)).to.equal(null);
      expect(root.activeElement).to.equal(button);
      await loader.reject();
      const attempts = loader.count;
      dispatchEvent(new Event('online'));
      expect(loader.count, 'online retries only while it is shown').to.equal(attempts);

      // A later hover loads the panel but does not open it: the citizen had closed the fallback.
      button.dispatchEvent(new PointerEvent('pointerenter'));
      await loader.resolve();
      expect(panel.bridge).to.exist;
      expect(panel.open).to.equal(false);
    });

    it('closed with the launcher while a retry runs: a new click opens the panel when it arrives', async () => {
      const { root, button, loader, panel } = await start(contacts);
      button.click();
      await loader.reject();
      fallback(root)!.querySelector<HTMLButtonElement>('button.retry')!.click();
      expect(button.getAttribute('aria-busy')).to.equal('true');
      button.click();
      expect(fallback(root)).to.equal(null);
      expect(button.hasAttribute('aria-busy')).to.equal(false);
      button.click();
      expect(button.getAttribute('aria-busy')).to.equal('true');
      await loader.resolve();
      expect(panel.calls).to.deep.equal([['open', undefined, undefined]]);
      expect(panel.open).to.equal(true);
    });

    it('a failed load after hover alone shows nothing', async () => {
      const { root, button, loader } = await start(contacts);
      button.dispatchEvent(new PointerEvent('pointerenter'));
      await loader.reject();
      expect(fallback(root)).to.equal(null);
      button.dispatchEvent(new PointerEvent('pointerenter'));
      expect(loader.count, 'a failed attempt is tried again').to.equal(2);
    });

    it('takes contacts from configure() and speaks English on English settings', async () => {
      const { api, root, button, loader } = await start({ phone: '8 800 100-70-10' });
      api.configure({
        locale: 'en',
        contacts: {
          phones: [{ number: '+44 20 7946 0958', label: { ru: 'Лондон', en: 'London' } }, { number: '8 800 555-35-35', label: 'Единый номер' }, { number: 'x' }],
          emails: [{ address: 'bad' }],
        },
      });
      button.click();
      expect(live(root)).to.equal('Loading help…');
      await loader.reject();
      const dialog = fallback(root)!;
      expect(dialog.lang).to.equal('en');
      expect(dialog.querySelector('h2')!.textContent).to.equal('Help could not be loaded');
      expect([...dialog.querySelectorAll('li')].map((li) => [li.textContent, li.querySelector('a')!.getAttribute('href')])).to.deep.equal([
        ['London: +44 20 7946 0958', 'tel:+442079460958'],
        ['Единый номер: 8 800 555-35-35', 'tel:+78005553535'],
      ]);
      expect(dialog.querySelector('li span[lang="ru"]')?.textContent, 'a Russian-only label keeps its lang').to.equal('Единый номер');
      expect(dialog.querySelector('.retry')!.textContent).to.equal('Try again');
      api.close();
      expect(fallback(root), 'GovSupport.close() closes it too').to.equal(null);
    });

    it('a loader that throws at once, or a panel that throws, throws nothing into the page', async () => {
      const { root, button } = await start({}, new ControlledLoader(), () => {
        throw new Error('no import()');
      });
      button.click();
      await settle();
      expect(fallback(root), 'the fallback instead').to.exist;
      expect(logged.some((args) => String(args[1]).includes('no import()'))).to.equal(true);

      resetPage();
      const loader = new ControlledLoader();
      const { api, button: button2, panel } = await start({}, loader);
      button2.focus();
      await loader.resolve();
      panel.throws = true;
      button2.click();
      api.open();
      api.toggle();
      expect(logged.filter((args) => String(args[1]).includes('broken panel'))).to.have.length(3);
    });
  });

  describe('focus avoidance', () => {
    it('moves out of the way of a focused page element under it, and back', async () => {
      const { host, button, loader, panel } = await start();
      button.focus();
      await loader.resolve();
      let changes = 0;
      panel.bridge!.onAvoidance(() => changes++);
      const pageButton = document.createElement('button');
      pageButton.textContent = 'Кнопка сайта';
      pageButton.style.cssText = 'position: fixed; right: 20px; bottom: 20px; width: 120px; height: 50px';
      document.body.append(pageButton);
      try {
        pageButton.focus();
        await frames(2);
        const a = button.getBoundingClientRect();
        const b = pageButton.getBoundingClientRect();
        expect(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom, 'covers the focused element').to.equal(false);
        expect(host.getAttribute('side')).to.equal('left');
        expect(panel.bridge!.avoidance).to.deep.equal({ lift: 0, flip: true });
        expect(changes).to.equal(1);
        pageButton.blur();
        await frames(2);
        expect(host.getAttribute('side')).to.equal('right');
        expect(changes).to.equal(2);
      } finally {
        pageButton.remove();
      }
    });

    it('lifts itself when the other side is taken too', async () => {
      const { host, button } = await start();
      const wide = document.createElement('input');
      wide.setAttribute('aria-label', 'Поиск');
      wide.style.cssText = 'position: fixed; left: 0; right: 0; bottom: 10px; width: 100%; height: 40px';
      document.body.append(wide);
      try {
        wide.focus();
        await frames(2);
        expect(host.getAttribute('side')).to.equal('right');
        const lift = parseFloat(host.style.getPropertyValue('--_gs-offset-y')) - 24;
        expect(lift).to.be.greaterThan(0);
        await new Promise((r) => setTimeout(r, 200)); // the 120 ms move
        expect(button.getBoundingClientRect().bottom).to.be.at.most(wide.getBoundingClientRect().top);
      } finally {
        wide.remove();
      }
    });
  });
});
