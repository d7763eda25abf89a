import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { UploadResponse } from '../../src/protocol/attachments.js';
import { ApiError } from '../../src/protocol/error.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { CallbackSlots, CallbackView, OperatorCallback, OperatorCallbackList } from '../../src/protocol/callback.js';
import { Booking, OfficeDetail, OfficeList, OfficeSlots, OperatorBookingList } from '../../src/protocol/offices.js';
import { FaqResults } from '../../src/protocol/faq.js';
import { FILES, FIXED_NOW, SNILS, startBackend, validBooking, validCallback, validFraudReport, validRequest } from './support.js';

/** mulberry32: a small seeded PRNG, so that a failing case can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.FUZZ_SEED ?? 20260302);

/** Dates at and past the ends of what Date and time-zone arithmetic can take (they once gave 500s). */
const EXTREME_DATES = ['9999-12-31', '0000-01-01', '0001-01-01', '1899-12-31', '1999-12-31', '2100-01-01', '275760-09-13', '-000001-01-01'];
const CASES = Number(process.env.FUZZ_CASES ?? 1200);

function makeGen(random: () => number) {
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => random() < p;

  const ALPHABETS = [
    'abcdefghijklmnopqrstuvwxyz',
    'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя',
    '0123456789 -+()./\\@#№:',
    '\u0000\u0001\u001f\u007f\u2028\u2029\u200b\ufeff"\'`<>{}[]%&$',
    '😀🇷🇺𝔘\ud800\udfff',
  ];
  const string = (max = 40): string => {
    const huge = chance(0.05);
    const length = huge ? 64 : int(max);
    const alphabet = pick(ALPHABETS);
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[int(alphabet.length)];
    return huge ? out.repeat(1 + int(1400)) : out;
  };
  const SPECIAL_STRINGS = [
    '',
    ' ',
    'null',
    'undefined',
    '__proto__',
    'https://',
    'http://a',
    'javascript:alert(1)',
    '2026-02-30',
    '0000-00-00',
    ...EXTREME_DATES,
    '24:00',
    '23:59',
    SNILS,
    '+7 (999) 999-99-99',
    '8 800 555 35 35',
    `x\u0040y.z`,
    `${'a'.repeat(64)}\u0040${'b'.repeat(200)}.ru`,
  ];
  const NUMBERS = [0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 4000, 20];

  const value = (depth = 0): unknown => {
    const kind = int(depth > 3 ? 5 : 8);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return chance(0.5);
      case 2:
        return chance(0.5) ? pick(NUMBERS) : (random() - 0.5) * 10 ** int(20);
      case 3:
        return string();
      case 4:
        return pick(SPECIAL_STRINGS);
      case 5:
        // A long list only of simple values: the body stays under a megabyte.
        if (depth === 0 && chance(0.05)) return Array.from({ length: int(3000) }, () => (chance(0.5) ? string(10) : int(10)));
        return Array.from({ length: int(6) }, () => value(depth + 1));
      case 6: {
        const out: Record<string, unknown> = {};
        for (let i = int(6); i > 0; i--) out[chance(0.2) ? pick(['__proto__', 'constructor', 'prototype', 'type', 'links']) : string(12)] = value(depth + 1);
        return out;
      }
      default: {
        // Nested junk: a deep array or object.
        let nested: unknown = string(5);
        for (let i = depth === 0 ? int(2000) : int(20); i > 0; i--) nested = chance(0.5) ? [nested] : { a: nested };
        return nested;
      }
    }
  };

  const FIELDS = ['type', 'fullName', 'phone', 'email', 'answerChannel', 'snils', 'inn', 'serviceNumber', 'description', 'incidentDate', 'incidentTime', 'links', 'consent', 'attachments'];

  /** A valid body with some fields replaced, dropped or added. */
  const mutatedBody = (attachmentIds: string[]): Record<string, unknown> => {
    const body: Record<string, unknown> = chance(0.5) ? validRequest() : validFraudReport();
    if (chance(0.2)) body.attachments = attachmentIds.slice(0, int(attachmentIds.length + 1));
    const rate = pick([0.1, 0.25, 0.5]);
    for (const field of FIELDS) {
      if (!chance(rate)) continue;
      if (chance(0.2)) delete body[field];
      else body[field] = value();
    }
    for (let i = int(3); i > 0; i--) if (chance(0.3)) body[string(10)] = value();
    return body;
  };

  const toJson = (body: unknown): string => {
    const text = JSON.stringify(body) ?? 'null';
    // JSON.stringify drops lone surrogates into escapes; put some raw ones back sometimes.
    return chance(0.05) ? text.replace(/\\ud8/g, '\ud800') : text;
  };

  const malformed = (): string => {
    const text = toJson(mutatedBody([]));
    switch (int(6)) {
      case 0:
        return text.slice(0, int(text.length));
      case 1:
        return text.replace(/"/g, "'");
      case 2:
        return `${text},`;
      case 3:
        return string(200);
      case 4:
        return '{"__proto__": {"polluted": true}, "type": "technical"}';
      default:
        return `{"constructor": {"prototype": {"x": 1}}, "description": ${JSON.stringify(string(50))}}`;
    }
  };

  const key = (used: string[]): string | undefined => {
    if (chance(0.05)) return undefined;
    if (chance(0.05)) return string(20);
    if (used.length > 0 && chance(0.25)) return pick(used);
    const k = `fuzz-${int(1e9).toString(36)}-${int(1e9).toString(36)}`;
    used.push(k);
    return k;
  };

  const CONTENT_TYPES = [
    'text/plain',
    'application/xml',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'application/octet-stream',
    'application/json; charset=koi8-r',
    'application/json;;;',
    'a/b/c',
    'image/png',
    '*/*',
  ];

  const fileBytes = (): Buffer => {
    const head = pick([FILES.pdf.subarray(0, 8), FILES.jpg.subarray(0, 3), FILES.png.subarray(0, 8), FILES.exe.subarray(0, 2), Buffer.alloc(0)]);
    const rest = Buffer.alloc(int(chance(0.05) ? 6 * 1024 * 1024 : 4096));
    for (let i = 0; i < Math.min(rest.length, 512); i++) rest[i] = int(256);
    return Buffer.concat([chance(0.8) ? head : Buffer.alloc(0), rest]);
  };

  const encode = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
  const fileName = (): string | undefined => {
    switch (int(6)) {
      case 0:
        return undefined;
      case 1:
        return string(30).replace(/[^\x20-\x7e]/g, '');
      case 2:
        return '%E0%A4%A';
      case 3:
        return encode(`../../${string(300)}`);
      default:
        return encode(`${string(20)}.${pick(['pdf', 'jpg', 'png', 'exe', ''])}`);
    }
  };

  return { int, pick, chance, string, value, mutatedBody, toJson, malformed, key, CONTENT_TYPES, fileBytes, fileName };
}


/** A 4xx answer of the contract: JSON with the ApiError shape and nothing else; its `error`. */
function assertApiError(res: { headers: Record<string, unknown>; json: () => unknown }, where: string) {
  assert.match(String(res.headers['content-type']), /^application\/json/, where);
  const parsed = ApiError.safeParse(res.json());
  assert.ok(parsed.success, where);
  assert.deepEqual(Object.keys(res.json() as object), ['error'], where);
  return parsed.data.error;
}

describe('fuzz', () => {
  test(`${CASES} random requests (seed ${SEED}): never a 500, every error an ApiError`, async (t) => {
    const backend = await startBackend(t, {
      now: () => FIXED_NOW,
      rateLimits: {
        uploadsPerIp: { limit: 1_000_000, windowMs: 1000 },
        requestsPerIp: { limit: 1_000_000, windowMs: 1000 },
        requestsPerPhone: { limit: 1_000_000, windowMs: 1000 },
      },
    });
    const gen = makeGen(prng(SEED));
    const usedKeys: string[] = [];
    const attachmentIds: string[] = [];
    for (const bytes of [FILES.pdf, FILES.png, FILES.jpg]) {
      attachmentIds.push(((await backend.app.inject({ method: 'POST', url: '/uploads', headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'f.pdf' }, payload: bytes })).json() as UploadResponse).id);
    }
    const statuses = new Map<number, number>();
    const created: { key: string; payload: string }[] = [];

    for (let i = 0; i < CASES; i++) {
      const roll = gen.int(100);
      let kind: string;
      let request: InjectOptions & { url: string };
      const headers: Record<string, string> = {};
      const key = gen.key(usedKeys);
      if (key !== undefined) headers['idempotency-key'] = key;

      if (roll < 10 && created.length > 0) {
        // A key that registered a request, with the same body (answered again) or another (409 or 400).
        kind = 'repeated key';
        const first = gen.pick(created);
        headers['content-type'] = 'application/json';
        headers['idempotency-key'] = first.key;
        request = { method: 'POST', url: '/requests', headers, payload: gen.chance(0.5) ? first.payload : gen.toJson(gen.mutatedBody(attachmentIds)) };
      } else if (roll < 55) {
        kind = 'mutated body';
        headers['content-type'] = 'application/json';
        request = { method: 'POST', url: '/requests', headers, payload: gen.toJson(gen.mutatedBody(attachmentIds)) };
      } else if (roll < 65) {
        kind = 'random JSON value';
        headers['content-type'] = 'application/json';
        request = { method: 'POST', url: '/requests', headers, payload: gen.toJson(gen.value()) };
      } else if (roll < 75) {
        kind = 'malformed JSON';
        headers['content-type'] = gen.pick(['application/json', 'application/json; charset=utf-8']);
        request = { method: 'POST', url: '/requests', headers, payload: gen.malformed() };
      } else if (roll < 83) {
        kind = 'wrong content type';
        headers['content-type'] = gen.pick(gen.CONTENT_TYPES);
        request = { method: 'POST', url: gen.pick(['/requests', '/uploads']), headers, payload: gen.toJson(gen.mutatedBody(attachmentIds)) };
      } else if (roll < 97) {
        kind = 'upload';
        if (gen.chance(0.9)) headers['content-type'] = gen.chance(0.9) ? 'application/octet-stream' : gen.pick(gen.CONTENT_TYPES);
        const name = gen.fileName();
        if (name !== undefined) headers['x-file-name'] = name;
        request = { method: 'POST', url: '/uploads', headers, payload: gen.fileBytes() };
      } else {
        kind = 'other method or path';
        request = { method: gen.pick(['GET', 'PUT', 'DELETE', 'PATCH'] as const), url: gen.pick(['/requests', '/uploads', '/requests/2026-000001', '/uploads/x']), headers };
      }

      const res = await backend.app.inject(request);
      if (kind === 'mutated body' && res.statusCode === 201 && key !== undefined) created.push({ key, payload: String(request.payload) });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const where = `case ${i} (${kind}, seed ${SEED}): ${res.statusCode} ${res.body.slice(0, 300)}`;
      assert.ok(res.statusCode < 500, where);
      if (res.statusCode >= 400) {
        const error = assertApiError(res, where);
        for (const issue of error.issues ?? []) assert.ok(issue.message.length > 0, where);
        if (res.statusCode === 429) assert.ok(res.headers['retry-after'], where);
      } else {
        assert.equal(res.statusCode, 201, where);
        const schema = request.url === '/uploads' ? UploadResponse : RequestCreated;
        assert.ok(schema.safeParse(res.json()).success, where);
      }
    }

    const seen = [...statuses.entries()].sort(([a], [b]) => a - b);
    t.diagnostic(`statuses: ${seen.map(([s, n]) => `${s}×${n}`).join(', ')}`);
    for (const status of [201, 400, 404, 409, 413, 415]) assert.ok(statuses.has(status), `some answers were ${status}`);
    assert.ok((await backend.database.kysely.selectFrom('requests').select('id').limit(1).execute()).length > 0);
  });
});

describe('fuzz: callbacks', () => {
  const cases = Math.ceil(CASES / 3);
  test(`${cases} random callback calls (seed ${SEED}): never a 500, every error an ApiError`, async (t) => {
    const many = { limit: 1_000_000, windowMs: 1000 };
    const token = 'fuzz-operator-token-7Hq2Zx9LmW4cR8vN3bK6';
    const backend = await startBackend(t, {
      now: () => FIXED_NOW,
      operatorToken: token,
      rateLimits: { callbacksPerIp: many, callbacksPerPhone: many, lookupFailuresPerIp: many, lookupFailuresPerNumber: many },
    });
    const gen = makeGen(prng(SEED + 1));
    const FIELDS = ['phone', 'name', 'topic', 'requestNumber', 'asap', 'slotStart', 'comment', 'consent', 'conversationRef'];
    const SLOTS = ['2026-03-02T09:30:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-02T12:30:00+03:00', '2026-03-02T09:40:00.000Z', '2026-03-02T06:00:00.000Z', '2026-03-20T06:00:00.000Z', '2026-03-03T05:00:00Z'];
    const PHONES = ['+7 (912) 345-67-89', '8 912 000 00 01', '9120000002', '+1 202 555 01 00', ''];
    const body = (): Record<string, unknown> => {
      const out = validCallback({ asap: gen.chance(0.3), slotStart: gen.pick(SLOTS), phone: gen.pick(PHONES) });
      const rate = gen.pick([0, 0.1, 0.3]);
      for (const field of FIELDS) {
        if (!gen.chance(rate)) continue;
        if (gen.chance(0.2)) delete out[field];
        else out[field] = gen.value();
      }
      return out;
    };
    const enc = (text: string) => encodeURIComponent(text.slice(0, 200).replace(/[\ud800-\udfff]/g, '\ufffd'));
    const numbers: string[] = ['CB-2026-999999', 'cb-2026-000001', '2026-000001', '%00', 'CB-' + '9'.repeat(60)];
    const statuses = new Map<number, number>();

    for (let i = 0; i < cases; i++) {
      const roll = gen.int(100);
      let request: InjectOptions & { url: string };
      let success: { safeParse(v: unknown): { success: boolean } } = CallbackView;
      if (roll < 55) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        const key = gen.key([]);
        if (key !== undefined) headers['idempotency-key'] = key;
        request = { method: 'POST', url: '/callbacks', headers, payload: gen.chance(0.9) ? gen.toJson(body()) : gen.malformed() };
      } else if (roll < 80) {
        const action = gen.pick(['lookup', 'cancel', 'reschedule']);
        const payload = gen.chance(0.7) ? { phone: gen.pick(PHONES), asap: gen.chance(0.5), slotStart: gen.pick(SLOTS) } : gen.value();
        if (action !== 'reschedule' && payload && typeof payload === 'object' && gen.chance(0.7)) {
          delete (payload as Record<string, unknown>).asap;
          delete (payload as Record<string, unknown>).slotStart;
        }
        request = { method: 'POST', url: `/callbacks/${enc(gen.pick(numbers))}/${action}`, headers: { 'content-type': 'application/json' }, payload: gen.toJson(payload) };
      } else if (roll < 92) {
        success = CallbackSlots;
        const from = gen.pick(['2026-03-02', '2026-02-30', '0000-00-00', ...EXTREME_DATES, String(gen.value()), '']);
        const days = gen.pick(['1', '14', '15', '0', '-1', '7.5', String(gen.value())]);
        request = { method: 'GET', url: `/callbacks/slots?from=${enc(from)}&days=${enc(days)}` };
      } else if (roll < 95) {
        success = OperatorCallbackList;
        const date = gen.pick(['2026-03-02', '2026-02-30', ...EXTREME_DATES, gen.string()]);
        request = { method: 'GET', url: `/operator/api/callbacks?date=${enc(date)}`, headers: { authorization: `Bearer ${token}` } };
      } else {
        success = OperatorCallback;
        const payload = gen.chance(0.7) ? { outcome: gen.pick(['called', 'no_answer', 'cancelled', 'maybe']), note: gen.chance(0.5) ? gen.value() : 'ok' } : gen.value();
        request = {
          method: 'POST',
          url: `/operator/api/callbacks/${enc(gen.pick(numbers))}/outcome`,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          payload: gen.toJson(payload),
        };
      }

      const res = await backend.app.inject(request);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const where = `callback case ${i} (seed ${SEED}): ${request.method} ${request.url} ${res.statusCode} ${res.body.slice(0, 300)}`;
      assert.ok(res.statusCode < 500, where);
      if (res.statusCode >= 400) assertApiError(res, where);
      else {
        assert.ok(success.safeParse(res.json()).success, where);
        const number = (res.json() as { number?: unknown }).number;
        if (res.statusCode === 201 && typeof number === 'string') numbers.push(number);
      }
    }
    const seen = [...statuses.entries()].sort(([a], [b]) => a - b);
    t.diagnostic(`statuses: ${seen.map(([s, n]) => `${s}×${n}`).join(', ')}`);
    for (const status of [200, 201, 400, 404, 409]) assert.ok(statuses.has(status), `some answers were ${status}`);
  });
});

describe('fuzz: office bookings', () => {
  const cases = Math.ceil(CASES / 3);
  test(`${cases} random office and booking calls (seed ${SEED}): never a 500, every error an ApiError`, async (t) => {
    const many = { limit: 1_000_000, windowMs: 1000 };
    const token = 'fuzz-operator-token-7Hq2Zx9LmW4cR8vN3bK6';
    const backend = await startBackend(t, {
      now: () => FIXED_NOW,
      operatorToken: token,
      rateLimits: { bookingsPerIp: many, bookingsPerPhone: many, lookupFailuresPerIp: many, lookupFailuresPerNumber: many },
    });
    const gen = makeGen(prng(SEED + 2));
    const FIELDS = ['service', 'slotStart', 'name', 'phone', 'email', 'consent'];
    const OFFICES = ['msk-tverskoy', 'msk-babushkinsky', 'vvo-frunzensky', 'ntagil', 'MSK-TVERSKOY', 'nowhere', '%00', 'x'.repeat(70)];
    const SERVICES = ['passport', 'business', 'driving_licence', 'teleport', '', 'x'.repeat(50)];
    const SLOTS = ['2026-03-02T10:00:00.000Z', '2026-03-02T10:15:00.000Z', '2026-03-02T13:00:00+03:00', '2026-03-02T10:05:00.000Z', '2026-03-02T06:00:00.000Z', '2026-03-20T06:00:00.000Z', '2026-03-02T22:00:00.000Z', ''];
    const PHONES = ['+7 (912) 345-67-89', '8 912 000 00 01', '9120000002', '+1 202 555 01 00', ''];
    const body = (): Record<string, unknown> => {
      const out = validBooking({
        service: gen.chance(0.6) ? 'passport' : gen.pick(SERVICES),
        slotStart: gen.chance(0.5) ? gen.pick(SLOTS.slice(0, 3)) : gen.pick(SLOTS),
        phone: gen.pick(PHONES),
        ...(gen.chance(0.3) ? { email: gen.pick(['a\u0040b.ru', '', ' ', 'bad']) } : {}),
      });
      const rate = gen.pick([0, 0.1, 0.3]);
      for (const field of FIELDS) {
        if (!gen.chance(rate)) continue;
        if (gen.chance(0.2)) delete out[field];
        else out[field] = gen.value();
      }
      return out;
    };
    /** A random value as query-string text. */
    const junk = (): string => {
      const v = gen.value();
      return typeof v === 'string' ? v : (JSON.stringify(v) ?? '').slice(0, 300);
    };
    const enc = (text: string) => encodeURIComponent(text.slice(0, 200).replace(/[\ud800-\udfff]/g, '\ufffd'));
    const numbers: string[] = ['V-2026-999999', 'v-2026-000001', 'CB-2026-000001', '%00', 'V-' + '9'.repeat(60)];
    const statuses = new Map<number, number>();
    const usedKeys: string[] = [];

    for (let i = 0; i < cases; i++) {
      const roll = gen.int(100);
      let request: InjectOptions & { url: string };
      let success: { safeParse(v: unknown): { success: boolean } } = Booking;
      const office = gen.chance(0.8) ? gen.pick(OFFICES.slice(0, 3)) : gen.pick(OFFICES);
      if (roll < 50) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        const key = gen.key(usedKeys);
        if (key !== undefined) headers['idempotency-key'] = key;
        request = { method: 'POST', url: `/offices/${enc(office)}/bookings`, headers, payload: gen.chance(0.9) ? gen.toJson(body()) : gen.malformed() };
      } else if (roll < 70) {
        const payload = gen.chance(0.7) ? { phone: gen.pick(PHONES) } : gen.value();
        request = { method: 'POST', url: `/bookings/${enc(gen.pick(numbers))}/cancel`, headers: { 'content-type': 'application/json' }, payload: gen.toJson(payload) };
      } else if (roll < 80) {
        success = OfficeSlots;
        const date = gen.pick(['2026-03-02', '2026-03-08', '2026-02-30', '0000-00-00', ...EXTREME_DATES, junk()]);
        const service = gen.chance(0.8) ? gen.pick(SERVICES) : junk();
        request = { method: 'GET', url: `/offices/${enc(office)}/slots?service=${enc(service)}${gen.chance(0.7) ? `&date=${enc(date)}` : ''}` };
      } else if (roll < 90) {
        success = OfficeList;
        const params = [
          gen.chance(0.3) ? `region=${enc(gen.pick(['77', '25', '99', junk()]))}` : '',
          gen.chance(0.3) ? `city=${enc(gen.pick(['Москва', 'москва', 'Ёлкино', junk()]))}` : '',
          gen.chance(0.3) ? `service=${enc(gen.pick(SERVICES))}` : '',
          gen.chance(0.3) ? `near=${enc(gen.pick(['55.75,37.62', '91,0', '-90,-180', '0,181', '1e3,2', junk()]))}` : '',
          gen.chance(0.3) ? `q=${enc(gen.chance(0.5) ? 'щёлковское шоссе' : junk())}` : '',
        ].filter(Boolean);
        request = { method: 'GET', url: `/offices?${params.join('&')}` };
      } else if (roll < 95) {
        success = OfficeDetail;
        request = { method: 'GET', url: `/offices/${enc(office)}` };
      } else {
        success = OperatorBookingList;
        const date = gen.pick(['2026-03-02', '2026-02-30', ...EXTREME_DATES, junk()]);
        request = {
          method: 'GET',
          url: `/operator/api/bookings?office=${enc(office)}&date=${enc(date)}`,
          headers: { authorization: `Bearer ${token}` },
        };
      }

      const res = await backend.app.inject(request);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const where = `booking case ${i} (seed ${SEED}): ${request.method} ${request.url} ${res.statusCode} ${res.body.slice(0, 300)}`;
      assert.ok(res.statusCode < 500, where);
      if (res.statusCode >= 400) assertApiError(res, where);
      else {
        assert.ok(success.safeParse(res.json()).success, where);
        const number = (res.json() as { number?: unknown }).number;
        if (res.statusCode === 201 && typeof number === 'string') numbers.push(number);
      }
    }
    const seen = [...statuses.entries()].sort(([a], [b]) => a - b);
    t.diagnostic(`statuses: ${seen.map(([s, n]) => `${s}×${n}`).join(', ')}`);
    for (const status of [200, 201, 400, 404, 409]) assert.ok(statuses.has(status), `some answers were ${status}`);
    const stored = await backend.database.kysely.selectFrom('bookings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.ok(Number(stored.n) > 0);
  });
});

describe('fuzz: faq', () => {
  const cases = Math.ceil(CASES / 3);
  test(`${cases} random knowledge-base searches (seed ${SEED}): never a 500, every error an ApiError`, async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const gen = makeGen(prng(SEED + 3));
    const QUESTIONS = ['не могу восстановить пароль', 'мошенники звонят', 'ЁЛКИ статус', 'forgot password', 'пороль', '   ', '%', '__proto__', 'constructor', 'а'.repeat(200), 'а'.repeat(201)];
    /** Raw query-string text: sometimes not valid percent-encoding, sometimes repeated keys. */
    const raw = (): string => {
      const v = gen.value();
      const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '').slice(0, 400);
      return gen.chance(0.1) ? text.replace(/[\ud800-\udfff]/g, '') : encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
    };
    const statuses = new Map<number, number>();

    for (let i = 0; i < cases; i++) {
      const params: string[] = [];
      if (gen.chance(0.8)) params.push(`q=${gen.chance(0.5) ? encodeURIComponent(gen.pick(QUESTIONS)) : raw()}`);
      if (gen.chance(0.1)) params.push(`q=${raw()}`);
      if (gen.chance(0.6)) params.push(`lang=${gen.chance(0.7) ? gen.pick(['ru', 'en', 'de', 'RU', '']) : raw()}`);
      if (gen.chance(0.1)) params.push(`${raw()}=${raw()}`);
      const request: InjectOptions & { url: string } = { method: gen.chance(0.95) ? 'GET' : gen.pick(['POST', 'PUT', 'DELETE'] as const), url: `/faq?${params.join('&')}` };
      const res = await backend.app.inject(request);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const where = `faq case ${i} (seed ${SEED}): ${request.method} ${request.url.slice(0, 300)} ${res.statusCode} ${res.body.slice(0, 300)}`;
      assert.ok(res.statusCode < 500, where);
      if (res.statusCode >= 400) assertApiError(res, where);
      else assert.ok(FaqResults.safeParse(res.json()).success, where);
    }
    const seen = [...statuses.entries()].sort(([a], [b]) => a - b);
    t.diagnostic(`statuses: ${seen.map(([s, n]) => `${s}×${n}`).join(', ')}`);
    for (const status of [200, 400]) assert.ok(statuses.has(status), `some answers were ${status}`);
  });
});
