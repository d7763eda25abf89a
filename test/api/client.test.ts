import { expect } from '@open-wc/testing';
import { z } from 'zod/mini';
import { ApiClient, ApiRequestError } from '../../src/api/client.js';
import { callbackEndpoints } from '../../src/protocol/callback.js';
import { contract } from '../../src/protocol/contract.js';
import { officeEndpoints } from '../../src/protocol/offices.js';
import { statusEndpoints } from '../../src/protocol/status.js';
import { fakeFetch, json } from '../helpers/fake-fetch.js';

const VIEW = {
  number: 'CB-2026-000045',
  status: 'cancelled',
  asap: false,
  windowStart: '2026-03-16T12:00:00.000Z',
  windowEnd: '2026-03-16T12:30:00.000Z',
  topic: 'status',
  phoneMasked: '+7 (912) ***-**-89',
  createdAt: '2026-03-16T09:00:00.000Z',
  attempts: 0,
};
const SLOTS = { timeZone: 'Asia/Novosibirsk', date: '2026-03-17', days: ['2026-03-17'], slots: [] };
const apiError = (code: string, extra: Record<string, unknown> = {}) => ({ error: { code, message: 'Сообщение сервера', ...extra } });

describe('ApiClient.call', () => {
  let network: ReturnType<typeof fakeFetch> | undefined;
  afterEach(() => network?.restore());

  it('fills the path parameters URL-encoded, sends the JSON body and parses the answer with the contract', async () => {
    network = fakeFetch(() => json(VIEW));
    const client = new ApiClient('https://api.example.ru/support/');
    const view = await client.call(callbackEndpoints.cancelCallback, { params: { number: 'CB 2026/45?' }, body: { phone: '+79123456789' } });
    expect(view).to.deep.equal(VIEW);
    const [call] = network.calls;
    expect(call!.url).to.equal('https://api.example.ru/support/callbacks/CB%202026%2F45%3F/cancel');
    expect(call!.init).to.include({ method: 'POST', body: '{"phone":"+79123456789"}', credentials: 'same-origin' });
    expect(call!.init!.headers).to.deep.equal({ 'content-type': 'application/json' });
  });

  it('serializes the query, leaving out what is undefined, and sends no body on a GET', async () => {
    network = fakeFetch(() => json(SLOTS));
    const client = new ApiClient('');
    await client.call(officeEndpoints.officeSlots, { params: { id: 'nsk 1' }, query: { service: 'паспорт & СНИЛС', date: undefined } });
    await client.call(officeEndpoints.officeSlots, { params: { id: 'nsk-1' }, query: { service: 'snils', date: '2026-03-17' } });
    const [first, second] = network.calls;
    expect(first!.url).to.equal(`/offices/nsk%201/slots?${new URLSearchParams({ service: 'паспорт & СНИЛС' })}`);
    expect(new URLSearchParams(first!.url.split('?')[1]).get('service')).to.equal('паспорт & СНИЛС');
    expect(second!.url).to.equal('/offices/nsk-1/slots?service=snils&date=2026-03-17');
    expect(first!.init).to.include({ method: 'GET', body: undefined, headers: undefined });
  });

  it('passes the caller’s headers along with the JSON body', async () => {
    network = fakeFetch(() => json(VIEW, 201));
    await new ApiClient('').call(callbackEndpoints.createCallback, {
      body: { phone: '+79123456789', name: 'Анна', topic: 'status', asap: true, consent: true },
      headers: { 'idempotency-key': 'key-1' },
    });
    expect(network.calls[0]!.init!.headers).to.deep.equal({ 'idempotency-key': 'key-1', 'content-type': 'application/json' });
  });

  it('builds a URL from the contract for EventSource', () => {
    const client = new ApiClient('http://backend.test/');
    expect(client.urlOf(statusEndpoints.watchStatus, { query: { token: 'a.b/c+d' } })).to.equal('http://backend.test/requests/watch?token=a.b%2Fc%2Bd');
    expect(client.urlOf(officeEndpoints.officeCatalogue)).to.equal('http://backend.test/offices/catalogue');
  });

  it('maps an error answer to ApiRequestError: field issues, retry-after, the next free slot', async () => {
    const issues = [{ path: ['phone'], code: 'phone', message: 'Укажите российский номер' }];
    const nextSlot = { start: '2026-03-17T05:00:00.000Z', end: '2026-03-17T05:30:00.000Z', free: 1 };
    const answers = [json(apiError('validation_failed', { issues }), 400), json(apiError('rate_limited', { retryAfterSeconds: 42 }), 429), json(apiError('conflict', { nextSlot }), 409)];
    network = fakeFetch(() => answers.shift()!);
    const client = new ApiClient('');
    const call = () => client.call(callbackEndpoints.lookupCallback, { params: { number: 'CB-1' }, body: { phone: '+79123456789' } }).catch((e: unknown) => e);
    const invalid = await call();
    expect(invalid).to.be.instanceOf(ApiRequestError);
    expect(invalid).to.include({ status: 400, code: 'validation_failed', message: 'Сообщение сервера' });
    expect((invalid as ApiRequestError).issues).to.deep.equal(issues);
    expect(await call()).to.include({ status: 429, code: 'rate_limited', retryAfterSeconds: 42 });
    expect(((await call()) as ApiRequestError).nextSlot).to.deep.equal(nextSlot);
  });

  it('answers bad_response for an error body or an answer outside the contract', async () => {
    const answers = [new Response('<html>Bad gateway</html>', { status: 502 }), json({ number: 42 })];
    network = fakeFetch(() => answers.shift()!);
    const client = new ApiClient('');
    const call = () => client.call(callbackEndpoints.cancelCallback, { params: { number: 'CB-1' }, body: { phone: '+79123456789' } }).catch((e: unknown) => e);
    expect(await call()).to.include({ status: 502, code: 'bad_response' });
    expect(await call()).to.include({ status: 200, code: 'bad_response' });
  });

  it('fails as network (status 0) without an answer or after the timeout; a caller’s abort stays an AbortError', async () => {
    network = fakeFetch((_url, init) =>
      new Promise<Response>((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')))),
    );
    const client = new ApiClient('');
    expect(await client.call(officeEndpoints.officeCatalogue, { timeoutMs: 10 }).catch((e: unknown) => e)).to.include({ status: 0, code: 'network' });
    const controller = new AbortController();
    const aborted = client.call(officeEndpoints.officeCatalogue, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    const error = await aborted;
    expect(error).not.to.be.instanceOf(ApiRequestError);
    expect((error as DOMException).name).to.equal('AbortError');
    network.restore();
    network = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await client.call(officeEndpoints.officeCatalogue).catch((e: unknown) => e)).to.include({ status: 0, code: 'network', message: 'Failed to fetch' });
  });

  it('types what each entry takes (compile-time checks)', async () => {
    network = fakeFetch(() => json({ ok: true }));
    const client = new ApiClient('');
    const ping = contract<{ text: string }, { lang?: string }>()({ method: 'POST', path: '/ping/:id', response: z.object({ ok: z.boolean() }) });
    const answer: { ok: boolean } = await client.call(ping, { params: { id: '1' }, query: { lang: 'ru' }, body: { text: 'x' } });
    expect(answer).to.deep.equal({ ok: true });
    expect(network.calls.map((c) => c.url)).to.deep.equal(['/ping/1?lang=ru']);
    // Never run: `tsc --noEmit` checks that these are refused.
    const refused = () => [
      // @ts-expect-error the path parameter is required
      client.call(ping, { body: { text: 'x' } }),
      // @ts-expect-error the body is required and typed
      client.call(ping, { params: { id: '1' }, body: { text: 1 } }),
      // @ts-expect-error a GET entry takes no body
      client.call(officeEndpoints.officeCatalogue, { body: {} }),
      // @ts-expect-error the query is typed
      client.call(officeEndpoints.offices, { query: { region: 54 } }),
    ];
    expect(refused).to.be.a('function');
  });
});
