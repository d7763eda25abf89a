import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { LitElement, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { DRAFT_CHANNEL, DraftController, type DraftControllerOptions } from '../../src/shared/draft-controller.js';
import { DRAFT_DB_NAME, DraftStore, type Draft, type DraftStoreOptions } from '../../src/shared/draft-store.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const unique = (prefix: string) => `${prefix}-${crypto.getRandomValues(new Uint32Array(2)).join('-')}`;

async function until(check: () => boolean | Promise<boolean>, ms = 2000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end) throw new Error('Timed out waiting');
    await sleep(10);
  }
}

/** A connected host, like a rendered Lit element, that counts update requests. */
class FakeHost implements ReactiveControllerHost {
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController = (controller: ReactiveController) => controller.hostConnected?.();
  removeController(): void {}
  requestUpdate = () => void this.updates++;
}

class DraftTestHost extends LitElement {}
customElements.define('gs-draft-test-host', DraftTestHost);

const names: string[] = [];
const cleanup: (() => void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) fn();
  for (const name of names.splice(0)) await deleteDB(name);
});

function store(options: DraftStoreOptions & { name: string }): DraftStore {
  if (!names.includes(options.name)) names.push(options.name);
  const s = new DraftStore(options);
  cleanup.push(() => s.close());
  return s;
}

function controller(host: ReactiveControllerHost, options: Partial<DraftControllerOptions> & { store: DraftStore }): DraftController {
  const c = new DraftController(host, { formId: 'request', ttlMs: 60_000, channelName: unique('ch'), ...options });
  cleanup.push(() => c.hostDisconnected());
  return c;
}

/** The raw records, read with the plain IndexedDB API. */
function raw(name: string): Promise<Draft[]> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => request.transaction!.abort();
    request.onerror = () => (request.error?.name === 'AbortError' ? resolve([]) : reject(request.error));
    request.onsuccess = () => {
      const db = request.result;
      const get = db.transaction('drafts').objectStore('drafts').getAll();
      get.onsuccess = () => {
        db.close();
        resolve(get.result as Draft[]);
      };
      get.onerror = () => reject(get.error);
    };
  });
}

/** Records the arguments of every `store.save` call. */
function spySaves(s: DraftStore): unknown[][] {
  const calls: unknown[][] = [];
  const save = s.save.bind(s);
  s.save = (...args) => (calls.push(args), save(...args));
  return calls;
}

describe('DraftController', () => {
  it('touches neither IndexedDB nor BroadcastChannel before the first restore()', async () => {
    const open = indexedDB.open;
    const opened: string[] = [];
    indexedDB.open = function (...args: Parameters<IDBFactory['open']>) {
      opened.push(args[0]);
      return open.apply(this, args);
    };
    const Channel = BroadcastChannel;
    const channels: string[] = [];
    globalThis.BroadcastChannel = class extends Channel {
      constructor(name: string) {
        super(name);
        channels.push(name);
      }
    };
    names.push(DRAFT_DB_NAME);
    cleanup.push(() => Reflect.deleteProperty(indexedDB, 'open'), () => (globalThis.BroadcastChannel = Channel));

    const host = new FakeHost();
    const c = new DraftController(host, { formId: 'request', ttlMs: 60_000 });
    cleanup.push(() => c.hostDisconnected());
    const element = document.createElement('gs-draft-test-host') as DraftTestHost;
    new DraftController(element, { formId: 'callback', ttlMs: 60_000 });
    document.body.append(element);
    cleanup.push(() => element.remove());
    window.dispatchEvent(new Event('pagehide'));
    await sleep(50);
    expect([opened, channels]).to.deep.equal([[], []]);

    expect(await c.restore()).to.equal(undefined);
    expect(opened).to.deep.equal([DRAFT_DB_NAME]);
    expect(channels).to.deep.equal([DRAFT_CHANNEL]);
    expect(c.value).to.deep.equal({ restored: false, unavailable: false });
  });

  it('restores a saved draft and says so', async () => {
    const name = unique('gs-test');
    await store({ name }).save('request', { message: 'вчерашний текст' });
    const host = new FakeHost();
    const c = controller(host, { store: store({ name }) });
    const draft = await c.restore();
    expect(draft?.value).to.deep.equal({ message: 'вчерашний текст' });
    expect(c.value.restored).to.equal(true);
    expect(host.updates).to.be.above(0);

    const other = controller(new FakeHost(), { formId: 'callback', store: store({ name }) });
    expect(await other.restore()).to.equal(undefined);
    expect(other.value.restored).to.equal(false);
  });

  it('reads a TTL given as a function on each restore, with its own clock', async () => {
    const name = unique('gs-test');
    let now = 1_000;
    let ttl = 500;
    const c = controller(new FakeHost(), { store: store({ name, now: () => now }), ttlMs: () => ttl, debounceMs: 10 });
    c.schedule({ message: 'x' });
    await c.flush();
    now = 1_400;
    expect((await c.restore())?.savedAt).to.equal(1_000);
    ttl = 300;
    expect(await c.restore()).to.equal(undefined);
    expect(c.value.restored).to.equal(false);
    expect(await raw(name)).to.deep.equal([]);
  });

  it('coalesces rapid schedule() calls into one write of the last value, without sensitive data', async () => {
    const name = unique('gs-test');
    const s = store({ name });
    const saves = spySaves(s);
    const host = new FakeHost();
    const c = controller(host, { store: s, debounceMs: 80 });
    for (let i = 1; i <= 30; i++) expect(c.schedule({ message: 'а'.repeat(i), snils: '112-233-445 95' })).to.equal(undefined);
    await sleep(40);
    c.schedule({ message: 'готово', snils: '112-233-445 95', note: 'паспорт 4510 123456' });
    await sleep(50);
    expect(saves.length).to.equal(0);
    await until(() => saves.length > 0);
    await sleep(150);
    expect(saves.length).to.equal(1);
    await c.flush();
    const [record] = await raw(name);
    expect(record!.value).to.deep.equal({ message: 'готово', note: 'паспорт …' });
    expect(record!.tabId).to.equal(c.tabId);
    expect(c.value.lastSavedAt).to.equal(record!.savedAt);
  });

  it('saves during a long stream of input at least every maxWaitMs', async () => {
    const s = store({ name: unique('gs-test') });
    const saves = spySaves(s);
    const c = controller(new FakeHost(), { store: s, debounceMs: 100, maxWaitMs: 150 });
    for (let i = 0; i < 12; i++) {
      c.schedule({ message: String(i) });
      await sleep(30);
    }
    expect(saves.length).to.be.within(1, 4);
  });

  it('flushes a pending save when the host disconnects and when the page hides', async () => {
    const name = unique('gs-test');
    const s = store({ name });
    const saves = spySaves(s);
    const element = document.createElement('gs-draft-test-host') as DraftTestHost;
    const c = controller(element, { store: s, debounceMs: 60_000 });
    document.body.append(element);
    c.schedule({ message: 'до закрытия' });
    element.remove();
    await until(async () => (await raw(name))[0]?.value.message === 'до закрытия');

    document.body.append(element);
    cleanup.push(() => element.remove());
    c.schedule({ message: 'до pagehide' });
    window.dispatchEvent(new Event('pagehide'));
    await until(async () => (await raw(name))[0]?.value.message === 'до pagehide');

    c.schedule({ message: 'до скрытия вкладки' });
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
    } finally {
      Reflect.deleteProperty(document, 'visibilityState');
    }
    await until(async () => (await raw(name))[0]?.value.message === 'до скрытия вкладки');
    expect(saves.length).to.equal(3);
  });

  it('discard() deletes the draft and cancels a scheduled save', async () => {
    const name = unique('gs-test');
    const c = controller(new FakeHost(), { store: store({ name }), debounceMs: 30 });
    c.schedule({ message: 'черновик' });
    await c.flush();
    expect((await raw(name)).length).to.equal(1);
    c.schedule({ message: 'ещё не сохранено' });
    await c.discard();
    await sleep(80);
    expect(await raw(name)).to.deep.equal([]);
    expect(c.value).to.deep.equal({ restored: false, unavailable: false, newerElsewhere: undefined, lastSavedAt: undefined });
  });

  it('reports unavailable storage once and never rejects into the form', async () => {
    indexedDB.open = () => {
      throw new DOMException('private mode', 'InvalidStateError');
    };
    cleanup.push(() => Reflect.deleteProperty(indexedDB, 'open'));
    const reasons: string[] = [];
    const host = new FakeHost();
    const c = controller(host, { store: store({ name: unique('gs-test'), onUnavailable: (r) => reasons.push(r) }), debounceMs: 10 });
    expect(await c.restore()).to.equal(undefined);
    expect(c.value).to.deep.equal({ restored: false, unavailable: true });
    c.schedule({ message: 'x' });
    await c.flush();
    await c.discard();
    expect(await c.loadNewer()).to.equal(undefined);
    expect(c.value.unavailable).to.equal(true);
    expect(c.value.lastSavedAt).to.equal(undefined);
    expect(reasons).to.deep.equal(['open-failed']);
  });

  it('reports a full disk (QuotaExceededError) once', async () => {
    const reasons: string[] = [];
    const c = controller(new FakeHost(), { store: store({ name: unique('gs-test'), onUnavailable: (r) => reasons.push(r) }) });
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    cleanup.push(() => (IDBObjectStore.prototype.put = put));
    c.schedule({ message: 'a' });
    await c.flush();
    c.schedule({ message: 'b' });
    await c.flush();
    expect(c.value.unavailable).to.equal(true);
    expect(c.value.lastSavedAt).to.equal(undefined);
    expect(reasons).to.deep.equal(['quota']);
  });

  it('tells the other tab about a newer draft, not itself, and loads it on request', async () => {
    const name = unique('gs-test');
    const channelName = unique('ch');
    const hostA = new FakeHost();
    const hostB = new FakeHost();
    const a = controller(hostA, { channelName, store: store({ name, now: () => 1_000 }) });
    const b = controller(hostB, { channelName, store: store({ name, now: () => 2_000 }) });
    const other = controller(new FakeHost(), { channelName, formId: 'callback', store: store({ name }) });
    expect(a.tabId).to.not.equal(b.tabId);
    await Promise.all([a.restore(), b.restore(), other.restore()]);
    const updatesA = hostA.updates;

    b.schedule({ message: 'из вкладки B' });
    await b.flush();
    await until(() => a.value.newerElsewhere !== undefined);
    expect(a.value.newerElsewhere).to.deep.equal({ savedAt: 2_000, tabId: b.tabId });
    expect(hostA.updates).to.be.above(updatesA);
    expect(a.value.restored).to.equal(false);
    await sleep(50);
    expect(b.value.newerElsewhere).to.equal(undefined);
    expect(b.value.lastSavedAt).to.equal(2_000);
    expect(other.value.newerElsewhere).to.equal(undefined);

    // A message carrying A's own tab id (its own save echoed back) and an older save are ignored.
    const probe = new BroadcastChannel(channelName);
    probe.postMessage({ formId: 'request', savedAt: 9_000, tabId: a.tabId });
    probe.postMessage({ formId: 'request', savedAt: 1_500, tabId: 'tab-c' });
    probe.postMessage({ formId: 'callback', savedAt: 9_500, tabId: 'tab-c' });
    await sleep(50);
    probe.close();
    expect(a.value.newerElsewhere).to.deep.equal({ savedAt: 2_000, tabId: b.tabId });

    const newer = await a.loadNewer();
    expect(newer?.value).to.deep.equal({ message: 'из вкладки B' });
    expect(a.value.newerElsewhere).to.equal(undefined);
  });

  it('works without BroadcastChannel', async () => {
    const Channel = BroadcastChannel;
    Object.defineProperty(globalThis, 'BroadcastChannel', { value: undefined, configurable: true, writable: true });
    cleanup.push(() => Object.defineProperty(globalThis, 'BroadcastChannel', { value: Channel, configurable: true, writable: true }));
    const name = unique('gs-test');
    const c = controller(new FakeHost(), { store: store({ name, now: () => 5_000 }) });
    await c.restore();
    c.schedule({ message: 'без канала' });
    await c.flush();
    expect(c.value.lastSavedAt).to.equal(5_000);
    expect((await raw(name))[0]?.value).to.deep.equal({ message: 'без канала' });
  });
});
