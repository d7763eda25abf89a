import { expect } from '@open-wc/testing';
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { DraftStore, SENSITIVE_DRAFT_FIELDS, stripSensitive, type Draft, type DraftStoreOptions } from '../../src/shared/draft-store.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const names: string[] = [];
const stores: DraftStore[] = [];
const afterEachClose: (() => void)[] = [];
afterEach(async () => {
  for (const close of afterEachClose.splice(0)) close();
  for (const store of stores.splice(0)) store.close();
  for (const name of names.splice(0)) await deleteDB(name);
});

/** A store on a database of its own (deleted after the test). */
function makeStore(options: DraftStoreOptions = {}): DraftStore {
  const name = options.name ?? `gs-test-${crypto.getRandomValues(new Uint32Array(2)).join('-')}`;
  if (!names.includes(name)) names.push(name);
  const store = new DraftStore({ ...options, name });
  stores.push(store);
  return store;
}

/** What the database really holds, read with the plain IndexedDB API (no idb, no DraftStore). */
function raw(name: string): Promise<{ version: number; drafts: Draft[] }> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => request.transaction!.abort(); // Never create it here.
    request.onerror = () => (request.error?.name === 'AbortError' ? resolve({ version: 0, drafts: [] }) : reject(request.error));
    request.onsuccess = () => {
      const db = request.result;
      const get = db.transaction('drafts').objectStore('drafts').getAll();
      get.onsuccess = () => {
        db.close();
        resolve({ version: db.version, drafts: get.result as Draft[] });
      };
      get.onerror = () => reject(get.error);
    };
  });
}

const bytes = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())];

describe('DraftStore', () => {
  it('does not touch IndexedDB until the first call, then keeps one connection', async () => {
    const open = indexedDB.open;
    const calls: unknown[][] = [];
    indexedDB.open = function (...args: Parameters<IDBFactory['open']>) {
      calls.push(args);
      return open.apply(this, args);
    };
    try {
      const store = makeStore();
      await sleep(20);
      expect(calls.length).to.equal(0);
      await store.load('request');
      await store.save('request', { a: 1 });
      await store.load('request');
      expect(calls).to.deep.equal([[names[0], 1]]);
    } finally {
      Reflect.deleteProperty(indexedDB, 'open');
    }
  });

  it('round-trips a draft with a Blob attachment', async () => {
    const store = makeStore({ now: () => 1_700_000_000_000 });
    const blob = new Blob([new Uint8Array([0, 1, 2, 250, 255])], { type: 'application/pdf' });
    const value = { topic: 'Пособие', message: 'Прошу помочь', count: 3, agree: true, address: { city: 'Казань', lines: ['ул. Баумана'] } };
    const saved = await store.save('request', value, [{ id: 'up-1', name: 'scan.pdf', type: 'application/pdf', size: 5, blob }], 'tab-a');
    expect(saved?.savedAt).to.equal(1_700_000_000_000);

    const draft = await store.load('request');
    expect(draft).to.not.equal(undefined);
    expect(draft!.formId).to.equal('request');
    expect(draft!.tabId).to.equal('tab-a');
    expect(draft!.savedAt).to.equal(1_700_000_000_000);
    expect(draft!.value).to.deep.equal(value);
    expect(draft!.files.map(({ blob: _, ...meta }) => meta)).to.deep.equal([{ id: 'up-1', name: 'scan.pdf', type: 'application/pdf', size: 5 }]);
    expect(draft!.files[0]!.blob).to.be.instanceOf(Blob);
    expect(await bytes(draft!.files[0]!.blob)).to.deep.equal([0, 1, 2, 250, 255]);
    expect(await store.load('callback')).to.equal(undefined);

    await store.delete('request');
    expect(await store.load('request')).to.equal(undefined);
    expect((await raw(names[0]!)).drafts).to.deep.equal([]);
  });

  it('drops and deletes a draft older than the TTL', async () => {
    let now = 10_000;
    const store = makeStore({ now: () => now, ttlMs: 1000 });
    await store.save('request', { message: 'старый' });
    now = 11_000;
    expect((await store.load('request'))?.value).to.deep.equal({ message: 'старый' });
    expect(await store.load('request', 999)).to.equal(undefined);
    expect((await raw(names[0]!)).drafts).to.deep.equal([]);

    await store.save('request', { message: 'новый' });
    now = 12_001;
    expect(await store.load('request')).to.equal(undefined);
    expect((await raw(names[0]!)).drafts.length).to.equal(0);
  });

  it('never writes СНИЛС, ИНН or passport data', async () => {
    const store = makeStore();
    const text = 'Паспорт 45 10 123456, СНИЛС 112-233-445 95, ИНН 500100732259, тел. +7 (912) 345-67-89';
    await store.save(
      'request',
      {
        fullName: 'Иванов Иван',
        snils: '112-233-445 95',
        INN: '500100732259',
        passport: '4510 123456',
        passportIssuedBy: 'ОВД района',
        applicant: { passportNumber: '123456', note: 'серия 4510123456' },
        message: text,
        tags: ['a 4510 123456', 'ok'],
        onChange: () => {},
      },
      [{ name: 'паспорт 4510 123456.pdf', type: 'application/pdf', size: 1, blob: new Blob(['x']) }],
    );
    const [draft] = (await raw(names[0]!)).drafts;
    expect(draft!.value).to.deep.equal({
      fullName: 'Иванов Иван',
      applicant: { note: 'серия …' },
      message: 'Паспорт …, СНИЛС …, ИНН …, тел. +7 (912) 345-67-89',
      tags: ['a …', 'ok'],
    });
    expect(draft!.files[0]!.name).to.equal('паспорт ….pdf');
    const stored = JSON.stringify(draft!.value) + draft!.files[0]!.name;
    for (const secret of ['123456', '500100732259', '445', '4510', 'ОВД', 'snils', 'INN', 'passport']) expect(stored).to.not.contain(secret);
    expect(SENSITIVE_DRAFT_FIELDS).to.deep.equal(['snils', 'inn', 'passport']);
    // A configured list replaces the default one (passport-like keys stay excluded).
    expect(stripSensitive({ inn: '1', other: 'x', myPassport: 'y' }, ['other'])).to.deep.equal({ inn: '1' });
  });

  it('closes an old tab’s connection when a newer version opens, and the old tab keeps working', async () => {
    const oldTab = makeStore({ version: 1 });
    const name = names[0]!;
    await oldTab.save('request', { message: 'из старой вкладки' });
    const newTab = makeStore({ name, version: 2, blockedTimeoutMs: 5000 });
    const started = performance.now();
    const draft = await newTab.load('request');
    expect(performance.now() - started).to.be.below(1000);
    expect(draft?.value).to.deep.equal({ message: 'из старой вкладки' });
    expect((await raw(name)).version).to.equal(2);
    // The old tab reopens (the database is now version 2) and still reads and writes drafts.
    expect((await oldTab.load('request'))?.value).to.deep.equal({ message: 'из старой вкладки' });
    expect(await oldTab.save('request', { message: 'снова' })).to.not.equal(undefined);
    expect([oldTab.available, newTab.available]).to.deep.equal([true, true]);
  });

  it('gives up on an open blocked by a tab that never closes, and recovers when it does', async () => {
    const name = `gs-test-legacy-${Date.now()}`;
    names.push(name);
    const legacy: IDBPDatabase = await openDB(name, 1, { upgrade: (db) => void db.createObjectStore('drafts', { keyPath: 'formId' }) });
    await legacy.put('drafts', { formId: 'request', savedAt: Date.now(), tabId: 'old', value: { message: 'старое' }, files: [] });
    // Closed in any case, or deleting the database in afterEach would wait for it forever.
    afterEachClose.push(() => legacy.close());
    const reasons: string[] = [];
    const store = makeStore({ name, version: 2, blockedTimeoutMs: 150, onUnavailable: (reason) => reasons.push(reason) });
    const started = performance.now();
    expect(await store.load('request')).to.equal(undefined);
    expect(performance.now() - started).to.be.within(140, 2000);
    expect(await store.save('request', { message: 'x' })).to.equal(undefined);
    expect(reasons).to.deep.equal(['blocked']);
    expect(store.available).to.equal(false);
    legacy.close();
    await sleep(100);
    expect((await store.load('request'))?.value).to.deep.equal({ message: 'старое' });
    expect(reasons).to.deep.equal(['blocked']);
  });

  it('resolves every call and reports once when IndexedDB cannot open', async () => {
    let opens = 0;
    indexedDB.open = () => {
      opens++;
      throw new DOMException('denied', 'SecurityError');
    };
    try {
      const reasons: string[] = [];
      const store = makeStore({ onUnavailable: (reason) => reasons.push(reason) });
      expect(store.available).to.equal(true);
      expect(await store.load('request')).to.equal(undefined);
      expect(await store.save('request', { message: 'x' })).to.equal(undefined);
      expect(await store.delete('request')).to.equal(undefined);
      expect(reasons).to.deep.equal(['open-failed']);
      expect(opens).to.equal(1);
      expect(store.available).to.equal(false);
    } finally {
      Reflect.deleteProperty(indexedDB, 'open');
    }
  });

  it('resolves and reports once when storage is full, keeping the last good draft', async () => {
    const reasons: string[] = [];
    const store = makeStore({ onUnavailable: (reason) => reasons.push(reason) });
    await store.save('request', { message: 'поместилось' });
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      expect(await store.save('request', { message: 'не поместилось' })).to.equal(undefined);
      expect(await store.save('request', { message: 'и это' })).to.equal(undefined);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(reasons).to.deep.equal(['quota']);
    expect(store.available).to.equal(false);
    expect((await store.load('request'))?.value).to.deep.equal({ message: 'поместилось' });
    await store.delete('request');
    expect((await raw(names[0]!)).drafts).to.deep.equal([]);
  });

  it('resolves when the page has no IndexedDB at all', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'indexedDB');
    expect(descriptor?.configurable).to.equal(true);
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    try {
      const reasons: string[] = [];
      const store = new DraftStore({ onUnavailable: (reason) => reasons.push(reason) });
      expect(await store.save('request', { a: 1 })).to.equal(undefined);
      expect(await store.load('request')).to.equal(undefined);
      expect(reasons).to.deep.equal(['no-indexeddb']);
    } finally {
      Object.defineProperty(window, 'indexedDB', descriptor!);
    }
  });
});
