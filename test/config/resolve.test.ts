import { expect } from '@open-wc/testing';
import { configFromDataset } from '../../src/config/attributes.js';
import { mergeLayers, reportConfigProblems, resolveConfig } from '../../src/config/resolve.js';
import { ConfigStore } from '../../src/config/store.js';
import { WidgetConfig } from '../../src/protocol/config.js';

describe('config', () => {
  it('defaults alone are a working configuration', () => {
    const config = WidgetConfig.parse({});
    expect(config.position).to.deep.equal({ side: 'right', offsetX: 24, offsetY: 24 });
    expect(config.attachments).to.deep.equal({ types: ['application/pdf', 'image/jpeg', 'image/png'], maxSizeBytes: 5 * 1024 * 1024, maxCount: 5 });
    expect(Object.values(config.channels).every((c) => c.enabled)).to.equal(true);
    expect(config.contacts).to.deep.equal({ phones: [], emails: [], messengers: [] });
  });

  it('merges defaults < GET /config < data-* < configure(), deeply', () => {
    const store = new ConfigStore(() => {});
    store.set('api', { position: { offsetY: 90 } });
    store.set('remote', { position: { side: 'left', offsetX: 10, offsetY: 11 }, locale: 'en', theme: { scheme: 'dark' } });
    store.set('attributes', { position: { offsetX: 30 }, locale: 'ru' });
    expect(store.config.position).to.deep.equal({ side: 'left', offsetX: 30, offsetY: 90 });
    expect(store.config.locale).to.equal('ru');
    expect(store.config.theme).to.deep.equal({ scheme: 'dark', contrast: false, contrastColors: 'black-on-white' });
    store.set('api', { theme: { contrast: true } }, { merge: true });
    expect(store.config.position.offsetY).to.equal(90);
    expect(store.config.theme.contrast).to.equal(true);
  });

  it('replaces lists whole instead of mixing them', () => {
    const merged = mergeLayers({ contacts: { phones: [{ number: '1' }, { number: '2' }] } }, { contacts: { phones: [{ number: '3' }] } });
    expect(merged).to.deep.equal({ contacts: { phones: [{ number: '3' }] } });
  });

  it('falls back to the default for each invalid field and names its path', () => {
    const { config, problems } = resolveConfig({
      position: { side: 'top', offsetX: -5, offsetY: 12 },
      locale: 'de',
      colour: 'red',
      contacts: { phones: [{ number: '8 800 555-35-35' }, { number: 'позвоните нам' }], emails: [{ address: 'not-an-email' }] },
      channels: { chat: { hours: { mon: [{ from: '20:00', to: '08:00' }] } } },
      attachments: { maxSizeBytes: 'big', types: ['application/zip'] },
    });
    expect(config.position).to.deep.equal({ side: 'right', offsetX: 24, offsetY: 12 });
    expect(config.locale).to.equal(undefined);
    expect(config.contacts.phones).to.deep.equal([{ number: '8 800 555-35-35' }]);
    expect(config.contacts.emails).to.deep.equal([]);
    expect(config.channels.chat.hours?.mon).to.deep.equal([]);
    expect(config.attachments.maxSizeBytes).to.equal(5 * 1024 * 1024);
    expect(config.attachments.types).to.deep.equal(['application/pdf', 'image/jpeg', 'image/png']);
    const paths = problems.map((p) => p.path);
    for (const path of [
      'position.side',
      'position.offsetX',
      'locale',
      'colour',
      'contacts.phones.1.number',
      'contacts.emails.0.address',
      'channels.chat.hours.mon.0.to',
      'attachments.maxSizeBytes',
      'attachments.types.0',
    ]) {
      expect(paths, path).to.include(path);
    }
  });

  it('reports each problem once, however often the config is resolved again', () => {
    const lines: string[] = [];
    const store = new ConfigStore((line) => lines.push(line));
    store.set('api', { position: { offsetY: 'high' } });
    store.set('remote', {});
    store.set('attributes', {});
    expect(lines.filter((l) => l.includes('config.position.offsetY'))).to.have.length(1);
    reportConfigProblems([{ path: 'position.offsetY', message: lines[0]!.split(': ').slice(1).join(': ') }], (l) => lines.push(l));
    expect(lines).to.have.length(1);
  });

  it('reads the script tag data-* attributes', () => {
    const script = document.createElement('script');
    Object.assign(script.dataset, {
      backend: 'https://support.example.ru/',
      locale: 'en',
      position: 'left',
      offsetX: '16',
      offsetY: 'x',
      theme: 'dark',
      contrast: '',
      channels: 'chat, status, bogus',
    });
    const layer = configFromDataset(script.dataset);
    const { config, problems } = resolveConfig(layer);
    expect(config.backend).to.equal('https://support.example.ru');
    expect(config.locale).to.equal('en');
    expect(config.position).to.deep.equal({ side: 'left', offsetX: 16, offsetY: 24 });
    expect(config.theme).to.deep.equal({ scheme: 'dark', contrast: true, contrastColors: 'black-on-white' });
    expect(Object.entries(config.channels).filter(([, c]) => c.enabled).map(([id]) => id)).to.deep.equal(['chat', 'status']);
    expect(problems.map((p) => p.path).sort()).to.deep.equal(['channels.bogus', 'position.offsetY']);
  });

  it('refuses a backend that is not an http(s) URL', () => {
    const { config, problems } = resolveConfig({ backend: 'javascript:alert(1)' });
    expect(config.backend).to.equal('');
    expect(problems[0]!.path).to.equal('backend');
  });
});
