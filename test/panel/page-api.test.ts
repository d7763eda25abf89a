import { expect } from '@open-wc/testing';
import { CommandQueue } from '../../src/config/commands.js';
import { ConfigStore } from '../../src/config/store.js';
import type { GsSupportWidget } from '../../src/panel/support-widget.js';
import '../../src/index.js';
import { createPageApi } from '../../src/page-api.js';
import { fakeFetch, json } from '../helpers/fake-fetch.js';
import { settle } from '../helpers/fixture.js';

describe('window.GovSupport API', () => {
  let network: ReturnType<typeof fakeFetch>;
  beforeEach(() => {
    network = fakeFetch(() => json({}));
    document.querySelectorAll('gs-support-widget').forEach((w) => w.remove());
  });
  afterEach(() => {
    network.restore();
    document.querySelectorAll('gs-support-widget').forEach((w) => w.remove());
  });

  function setup() {
    const store = new ConfigStore(() => {});
    const commands = new CommandQueue();
    const api = createPageApi(store, commands);
    const mount = () => {
      const widget = document.createElement('gs-support-widget');
      widget.store = store;
      widget.commands = commands;
      document.body.append(widget);
      return widget;
    };
    return { store, api, mount };
  }

  it('open() before the widget mounts is carried out when it mounts, on the asked view', async () => {
    const { api, mount } = setup();
    api.open('status', { number: '2026-000123' });
    const widget = mount();
    await settle(widget);
    expect(widget.open).to.equal(true);
    expect(widget.shadowRoot!.querySelector('#title')!.textContent).to.equal('Статус обращения');
  });

  it('open, close and toggle reach a mounted widget and fire DOM events the site can listen to', async () => {
    const { api, mount } = setup();
    const widget = mount();
    await settle(widget);
    const seen: string[] = [];
    const listener = (event: Event) => seen.push(event.type);
    api.on('open', listener);
    api.on('gs-close', listener);
    api.on('view', listener);
    api.open();
    api.toggle();
    api.toggle('request');
    api.close();
    api.off('open', listener);
    api.open();
    expect(seen).to.deep.equal(['gs-open', 'gs-close', 'gs-view', 'gs-open', 'gs-close']);
    expect((widget as GsSupportWidget).open).to.equal(true);
  });

  it('configure() merges over earlier calls and never throws on bad input', async () => {
    const { api, store } = setup();
    const warn = console.warn;
    const lines: string[] = [];
    console.warn = (line: string) => lines.push(line);
    try {
      api.configure({ theme: { contrast: true } });
      api.configure({ position: { side: 'left' } });
      expect(store.config.theme.contrast).to.equal(true);
      expect(store.config.position.side).to.equal('left');
      expect(() => api.configure(null as never)).not.to.throw();
      expect(() => api.on('open', null as never)).not.to.throw();
    } finally {
      console.warn = warn;
    }
  });

  it('mount() adds one widget at the end of <body> and returns the existing one after', () => {
    const { api } = setup();
    const first = api.mount();
    expect(document.body.lastElementChild).to.equal(first);
    expect(api.mount()).to.equal(first);
    expect(document.querySelectorAll('gs-support-widget')).to.have.length(1);
  });
});
