import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../../server/app.js';
import { createOutboxNotifier } from '../../server/notify/notifier.js';
import { parseNumberFormat } from '../../server/requests/numbering.js';
import { createRequestStore, type NewRequest } from '../../server/requests/store.js';
import type { OutgoingMessage } from '../../server/notify/notifier.js';
import { LOOKUP_CODE_ALPHABET, verifyLookupCode } from '../../server/requests/lookup-code.js';
import { UploadResponse } from '../../src/protocol/attachments.js';
import { ApiError, type FieldIssue } from '../../src/protocol/error.js';
import { RequestCreated } from '../../src/protocol/request.js';
import { ru } from '../../src/i18n/ru.js';
import {
  BAD_INN,
  BAD_SNILS,
  FILES,
  FIXED_NOW,
  INN,
  newKey,
  SITE_DIR,
  SNILS,
  startBackend,
  submit,
  tempDir,
  testClock,
  testDatabaseUrl,
  upload,
  validFraudReport,
  validRequest,
  type TestBackend,
} from './support.js';

const HOUR = 3_600_000;
const count = async (backend: TestBackend, table: string) =>
  (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(backend.database.kysely)).rows[0]!.n;

/** Every value in every table, as one string. */
async function dumpDatabase(backend: TestBackend): Promise<string> {
  const db = backend.database.kysely;
  const tables = await db.introspection.getTables();
  const dumps = await Promise.all(tables.map(async ({ name }) => JSON.stringify((await sql`SELECT * FROM ${sql.table(name)}`.execute(db)).rows)));
  return dumps.join('\n');
}

function issuesOf(res: { statusCode: number; json(): unknown }): FieldIssue[] {
  assert.equal(res.statusCode, 400);
  const body = ApiError.parse(res.json());
  assert.equal(body.error.code, 'validation_failed');
  return body.error.issues ?? [];
}

describe('POST /requests', () => {
  test('a valid request is registered: 201 with number 2026-000001, a lookup code, the first status and a notification', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const res = await submit(backend.app, validRequest({ snils: SNILS, inn: INN, serviceNumber: '  1234567890/2026 ' }));
    assert.equal(res.statusCode, 201, res.body);
    const created = RequestCreated.parse(res.json());
    assert.deepEqual(Object.keys(res.json()).sort(), ['answerDueAt', 'createdAt', 'lookupCode', 'number', 'status']);
    assert.equal(created.number, '2026-000001');
    assert.equal(created.status, 'registered');
    assert.equal(created.createdAt, '2026-03-02T09:00:00.000Z');
    assert.equal(created.answerDueAt, '2026-03-03T09:00:00.000Z', 'a technical question: within 24 hours');
    assert.match(created.lookupCode, new RegExp(`^[${LOOKUP_CODE_ALPHABET}]{8}$`));
    assert.doesNotMatch(created.lookupCode, /[01OI]/);

    const row = await backend.database.kysely.selectFrom('requests').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.number, '2026-000001');
    assert.equal(row.type, 'technical');
    assert.equal(row.full_name, 'Иванова Мария Петровна');
    assert.equal(row.phone, '+79123456789', 'normalized');
    assert.equal(row.email, 'maria.ivanova\u0040example.ru');
    assert.equal(row.answer_channel, 'email');
    assert.equal(row.snils, SNILS, 'kept as given');
    assert.equal(row.inn, INN);
    assert.equal(row.service_number, '1234567890/2026');
    assert.equal(row.status, 'registered');
    assert.equal(row.links, '[]');
    assert.equal(row.created_at, created.createdAt);
    assert.equal(row.answer_due_at, created.answerDueAt);

    assert.deepEqual(await backend.database.kysely.selectFrom('request_status_history').select(['status', 'title', 'comment', 'visible_to_citizen', 'operator', 'at']).execute(), [
      { status: 'registered', title: 'Зарегистрировано', comment: null, visible_to_citizen: 1, operator: null, at: created.createdAt },
    ]);

    const outbox = await backend.database.kysely.selectFrom('notification_outbox').selectAll().execute();
    assert.equal(outbox.length, 1);
    assert.equal(outbox[0]!.channel, 'email');
    assert.equal(outbox[0]!.recipient, 'maria.ivanova\u0040example.ru');
    assert.equal(outbox[0]!.subject, 'Обращение № 2026-000001 зарегистрировано');
    assert.match(String(outbox[0]!.body), /2026-000001/);
    assert.match(String(outbox[0]!.body), /03\.03\.2026 12:00 \(мск\)/);
    assert.equal(outbox[0]!.sent_at, null);
    for (const secret of [created.lookupCode, SNILS, INN, 'госпошлины']) {
      assert.ok(!String(outbox[0]!.body).includes(secret), `the notification does not carry ${secret}`);
    }

    const second = await submit(backend.app, validRequest({ answerChannel: 'sms', email: '' }));
    assert.equal((second.json() as RequestCreated).number, '2026-000002');
  });

  test('a fraud report keeps its incident and links, and is due in 3 working days', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const res = await submit(backend.app, validFraudReport());
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json() as RequestCreated;
    assert.equal(created.answerDueAt, '2026-03-05T09:00:00.000Z', 'Monday → Thursday');
    const row = await backend.database.kysely.selectFrom('requests').select(['incident_date', 'incident_time', 'links', 'answer_channel']).executeTakeFirst();
    assert.deepEqual(row, {
      incident_date: '2026-03-01',
      incident_time: '14:30',
      links: JSON.stringify(['https://gosuslugi-oplata.example/pay', 'http://t.me/fake_support']),
      answer_channel: 'sms',
    });
    const sms = await backend.database.kysely.selectFrom('notification_outbox').select(['channel', 'recipient', 'subject', 'body']).executeTakeFirst();
    assert.deepEqual(sms, {
      channel: 'sms',
      recipient: '+79123456789',
      subject: null,
      body: 'Обращение № 2026-000001 зарегистрировано. Ответ придёт в SMS до 05.03.2026 12:00 (мск).',
    });
  });

  test('an answer by phone sends an SMS with the number; incident fields of other types are not kept', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const res = await submit(backend.app, validRequest({ answerChannel: 'phone', email: undefined, incidentDate: 'whenever', links: ['junk'] }));
    assert.equal(res.statusCode, 201, res.body);
    const sms = await backend.database.kysely.selectFrom('notification_outbox').select(['channel', 'recipient', 'body']).executeTakeFirstOrThrow();
    assert.equal(sms.channel, 'sms');
    assert.equal(sms.recipient, '+79123456789');
    assert.match(sms.body, /№ 2026-000001.*Оператор позвонит/);
    assert.deepEqual(await backend.database.kysely.selectFrom('requests').select(['email', 'incident_date', 'links']).executeTakeFirst(), {
      email: null,
      incident_date: null,
      links: '[]',
    });
  });

  test('a custom Notifier receives the message instead of the outbox', async (t) => {
    const sent: OutgoingMessage[] = [];
    const backend = await startBackend(t, { now: () => FIXED_NOW, notifier: { enqueue: async (_trx, m) => void sent.push(m) } });
    assert.equal((await submit(backend.app, validRequest())).statusCode, 201);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.channel, 'email');
    assert.equal(await count(backend, 'notification_outbox'), 0);
  });

  test('a Notifier that throws leaves nothing registered', async (t) => {
    const backend = await startBackend(t, {
      notifier: {
        async enqueue() {
          throw new Error('queue is down');
        },
      },
    });
    const res = await submit(backend.app, validRequest());
    assert.equal(res.statusCode, 500);
    assert.equal(ApiError.parse(res.json()).error.code, 'internal');
    for (const table of ['requests', 'request_status_history', 'idempotency_keys', 'request_sequences']) assert.equal(await count(backend, table), 0, table);
  });

  describe('field rules: 400 with the field path, the key as code and its Russian text', () => {
    const cases: { name: string; body: Record<string, unknown>; path: (string | number)[]; code: string }[] = [
      { name: 'wrong СНИЛС check number', body: validRequest({ snils: BAD_SNILS }), path: ['snils'], code: 'snils' },
      { name: 'wrong ИНН check digits', body: validRequest({ inn: BAD_INN }), path: ['inn'], code: 'inn' },
      { name: 'ИНН of 11 digits', body: validRequest({ inn: '50010073225' }), path: ['inn'], code: 'inn' },
      { name: 'a phone that is not Russian', body: validRequest({ phone: '+1 202 555 0100' }), path: ['phone'], code: 'phone' },
      { name: 'a phone of letters', body: validRequest({ phone: 'позвоните мне' }), path: ['phone'], code: 'phone' },
      { name: 'no phone', body: validRequest({ phone: '   ' }), path: ['phone'], code: 'required' },
      { name: 'answer by e-mail without one', body: validRequest({ email: '' }), path: ['email'], code: 'email_required' },
      { name: 'answer by e-mail, e-mail left out', body: validRequest({ email: undefined }), path: ['email'], code: 'email_required' },
      { name: 'a malformed e-mail', body: validRequest({ email: 'maria.example.ru' }), path: ['email'], code: 'email' },
      // 80 000 characters the e-mail pattern would need seconds for (it is quadratic on them).
      { name: 'a huge e-mail', body: validRequest({ email: `a\u0040${'b.'.repeat(40_000)}\u0040` }), path: ['email'], code: 'email' },
      { name: 'fraud without a date', body: validFraudReport({ incidentDate: '' }), path: ['incidentDate'], code: 'required' },
      { name: 'fraud on a future date', body: validFraudReport({ incidentDate: '2026-03-03' }), path: ['incidentDate'], code: 'date_future' },
      { name: 'fraud with a date as DD.MM.YYYY', body: validFraudReport({ incidentDate: '01.03.2026' }), path: ['incidentDate'], code: 'date' },
      { name: 'fraud at 25 o’clock', body: validFraudReport({ incidentTime: '25:00' }), path: ['incidentTime'], code: 'time' },
      { name: 'a link that is not http(s)', body: validFraudReport({ links: ['https://ok.example', 'ftp://files.example'] }), path: ['links', 1], code: 'link' },
      { name: 'a link with spaces', body: validFraudReport({ links: ['https://a.example/ b'] }), path: ['links', 0], code: 'link' },
      { name: 'eleven links', body: validFraudReport({ links: Array.from({ length: 11 }, (_, i) => `https://a.example/${i}`) }), path: ['links'], code: 'too_many_links' },
      { name: 'no consent', body: validRequest({ consent: false }), path: ['consent'], code: 'consent' },
      { name: 'consent left out', body: validRequest({ consent: undefined }), path: ['consent'], code: 'required' },
      { name: 'consent as a string', body: validRequest({ consent: 'true' }), path: ['consent'], code: 'invalid' },
      { name: 'an unknown type', body: validRequest({ type: 'complaint' }), path: ['type'], code: 'invalid_choice' },
      { name: 'an unknown answer channel', body: validRequest({ answerChannel: 'pigeon' }), path: ['answerChannel'], code: 'invalid_choice' },
      { name: 'one word for a full name', body: validRequest({ fullName: 'Мария' }), path: ['fullName'], code: 'full_name' },
      { name: 'a full name of digits', body: validRequest({ fullName: 'Иванова 123' }), path: ['fullName'], code: 'full_name' },
      { name: 'no full name', body: validRequest({ fullName: undefined }), path: ['fullName'], code: 'required' },
      { name: 'a description too short', body: validRequest({ description: 'Не работает.' }), path: ['description'], code: 'too_short' },
      { name: 'a description as a number', body: validRequest({ description: 42 }), path: ['description'], code: 'invalid' },
      { name: 'a service number with markup', body: validRequest({ serviceNumber: '<b>123</b>' }), path: ['serviceNumber'], code: 'service_number' },
      { name: 'six attachments', body: validRequest({ attachments: ['a', 'b', 'c', 'd', 'e', 'f'] }), path: ['attachments'], code: 'too_many_files' },
    ];
    for (const c of cases) {
      test(c.name, async (t) => {
        const backend = await startBackend(t, { now: () => FIXED_NOW });
        const started = performance.now();
        const issues = issuesOf(await submit(backend.app, c.body));
        assert.ok(performance.now() - started < 1000, 'answered at once');
        assert.deepEqual(
          issues.map((i) => ({ path: i.path, code: i.code })),
          [{ path: c.path, code: c.code }],
        );
        assert.ok(issues[0]!.message.length > 0 && !issues[0]!.message.includes('{'), issues[0]!.message);
        if (!/\{(min|max)\}/.test(ru.fieldErrors[c.code as keyof typeof ru.fieldErrors])) {
          assert.equal(issues[0]!.message, ru.fieldErrors[c.code as keyof typeof ru.fieldErrors]);
        }
        assert.equal(await count(backend, 'requests'), 0);
      });
    }

    test('limits are named in the text: «не меньше 20», «не больше 4000»', async (t) => {
      const backend = await startBackend(t, { now: () => FIXED_NOW });
      const short = issuesOf(await submit(backend.app, validRequest({ description: 'Коротко.' })));
      assert.equal(short[0]!.message, 'Слишком коротко: нужно не меньше 20 символов');
      const long = issuesOf(await submit(backend.app, validRequest({ description: 'я'.repeat(4001) })));
      assert.deepEqual(long[0], { path: ['description'], code: 'too_long', message: 'Слишком длинно: не больше 4000 символов' });
    });

    test('every problem is reported at once', async (t) => {
      const backend = await startBackend(t, { now: () => FIXED_NOW });
      const issues = issuesOf(
        await submit(backend.app, { type: 'fraud', fullName: 'X', phone: '1', answerChannel: 'email', snils: BAD_SNILS, description: '', consent: false }),
      );
      assert.deepEqual(
        issues.map((i) => `${i.path.join('.')}:${i.code}`),
        [
          'fullName:full_name',
          'phone:phone',
          'description:required',
          'description:too_short',
          'email:email_required',
          'snils:snils',
          'incidentDate:required',
          'consent:consent',
        ],
      );
    });

    test('at most 50 issues are listed', async (t) => {
      const backend = await startBackend(t);
      const issues = issuesOf(await submit(backend.app, validFraudReport({ links: Array.from({ length: 5000 }, () => 'bad') })));
      assert.equal(issues.length, 50);
      assert.deepEqual(issues[0]!.path, ['links']);
      assert.deepEqual(issues[49]!.path, ['links', 48]);
    });

    test('a body that is not an object is refused with an issue at the root', async (t) => {
      const backend = await startBackend(t);
      for (const payload of ['null', '[]', '"text"', '42', 'true']) {
        const res = await backend.app.inject({
          method: 'POST',
          url: '/requests',
          headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
          payload,
        });
        const issues = issuesOf(res);
        assert.equal(issues.length, 1, payload);
        assert.deepEqual(issues[0]!.path, [], payload);
      }
      const none = await backend.app.inject({ method: 'POST', url: '/requests', headers: { 'idempotency-key': newKey() } });
      assert.deepEqual(issuesOf(none).map((i) => i.code), ['required']);
    });

    test('the types, description limit and file count come from the widget configuration', async (t) => {
      const dir = tempDir(t);
      const configPath = join(dir, 'widget.json');
      writeFileSync(configPath, JSON.stringify({ requestForm: { types: ['technical', 'other'], descriptionMaxLength: 100 }, attachments: { maxCount: 1 } }));
      const backend = await startBackend(t, { configPath, now: () => FIXED_NOW });
      assert.deepEqual(issuesOf(await submit(backend.app, validFraudReport())).map((i) => i.code), ['invalid_choice']);
      assert.deepEqual(issuesOf(await submit(backend.app, validRequest({ description: 'ы'.repeat(101) })))[0], {
        path: ['description'],
        code: 'too_long',
        message: 'Слишком длинно: не больше 100 символов',
      });
      assert.deepEqual(issuesOf(await submit(backend.app, validRequest({ attachments: ['a', 'b'] }))).map((i) => `${i.path}:${i.code}`), [
        'attachments:too_many_files',
      ]);
      assert.equal((await submit(backend.app, validRequest({ type: 'other' }))).statusCode, 201);
    });
  });

  describe('attachments', () => {
    test('uploaded files are linked to the request; unknown or taken ids are file_unknown at their index', async (t) => {
      const backend = await startBackend(t, { now: () => FIXED_NOW });
      const pdf = UploadResponse.parse((await upload(backend.app, FILES.pdf, 'скан.pdf')).json());
      const png = UploadResponse.parse((await upload(backend.app, FILES.png, 'фото.png')).json());

      const unknown = issuesOf(await submit(backend.app, validRequest({ attachments: [pdf.id, 'no-such-file', png.id] })));
      assert.deepEqual(unknown, [{ path: ['attachments', 1], code: 'file_unknown', message: ru.fieldErrors.file_unknown }]);
      const twice = issuesOf(await submit(backend.app, validRequest({ attachments: [pdf.id, pdf.id] })));
      assert.deepEqual(twice.map((i) => i.path), [['attachments', 1]]);
      assert.equal(await count(backend, 'requests'), 0);

      const created = await submit(backend.app, validRequest({ attachments: [pdf.id, png.id] }));
      assert.equal(created.statusCode, 201, created.body);
      const { id: requestId } = await backend.database.kysely.selectFrom('requests').select('id').executeTakeFirstOrThrow();
      const linked = await backend.database.kysely.selectFrom('attachments').select('request_id').orderBy('original_name').execute();
      assert.deepEqual(linked.map((row) => row.request_id), [requestId, requestId]);

      const taken = issuesOf(await submit(backend.app, validRequest({ attachments: [png.id] })));
      assert.deepEqual(taken, [{ path: ['attachments', 0], code: 'file_unknown', message: ru.fieldErrors.file_unknown }]);
    });
  });

  describe('idempotency', () => {
    test('the same submit twice with one key registers one request and answers the first again', async (t) => {
      const backend = await startBackend(t, { now: () => FIXED_NOW });
      const pdf = UploadResponse.parse((await upload(backend.app, FILES.pdf, 'скан.pdf')).json());
      const key = 'a7e3c2f0-5b1d-4c8e-9f6a-2d4b8e1c3a5f';
      const body = validRequest({ attachments: [pdf.id] });
      const first = await submit(backend.app, body, key);
      const again = await submit(backend.app, { ...body, description: `  ${String(body.description)}  ` }, key);
      assert.equal(first.statusCode, 201);
      assert.equal(again.statusCode, 201);
      assert.deepEqual(again.json(), first.json(), 'the same number and lookup code');
      for (const table of ['requests', 'request_status_history', 'notification_outbox', 'idempotency_keys']) {
        assert.equal(await count(backend, table), 1, table);
      }
      assert.ok(!(await dumpDatabase(backend)).includes(key), 'the key itself is not stored');
    });

    test('simultaneous submits with one key register one request and give the same answer', async (t) => {
      const backend = await startBackend(t, { now: () => FIXED_NOW });
      const key = newKey();
      const answers = await Promise.all(Array.from({ length: 5 }, () => submit(backend.app, validRequest(), key)));
      assert.deepEqual(answers.map((res) => res.statusCode), [201, 201, 201, 201, 201], answers.map((res) => res.body).join('\n'));
      for (const res of answers.slice(1)) assert.deepEqual(res.json(), answers[0]!.json());
      for (const table of ['requests', 'request_status_history', 'notification_outbox', 'idempotency_keys']) assert.equal(await count(backend, table), 1, table);
      assert.deepEqual(await backend.database.kysely.selectFrom('request_sequences').select('last').execute(), [{ last: 1 }], 'no number was used up');
    });

    test('keys are forgotten after a day', async (t) => {
      const dir = tempDir(t);
      const databaseUrl = await testDatabaseUrl(t);
      const options = { dbPath: join(dir, 'db.sqlite'), ...(databaseUrl ? { databaseUrl } : {}), corsOrigins: [], distDir: join(dir, 'dist'), siteDir: SITE_DIR };
      const key = newKey();
      const first = await buildApp({ ...options, now: () => FIXED_NOW });
      assert.equal(((await submit(first.app, validRequest(), key)).json() as RequestCreated).number, '2026-000001');
      await first.close();

      const dayLater = await buildApp({ ...options, now: () => FIXED_NOW + 25 * HOUR });
      t.after(() => dayLater.close());
      assert.equal(await count(dayLater as TestBackend, 'idempotency_keys'), 0, 'swept at start (and hourly)');
      assert.equal(((await submit(dayLater.app, validRequest(), key)).json() as RequestCreated).number, '2026-000002');
    });

    test('the same key with a different body is a 409 conflict', async (t) => {
      const backend = await startBackend(t, { now: () => FIXED_NOW });
      const key = newKey();
      assert.equal((await submit(backend.app, validRequest(), key)).statusCode, 201);
      const res = await submit(backend.app, validRequest({ description: 'Совсем другое обращение о другой проблеме на портале.' }), key);
      assert.equal(res.statusCode, 409);
      const body = ApiError.parse(res.json());
      assert.equal(body.error.code, 'conflict');
      assert.match(body.error.message, /Idempotency-Key/);
      assert.equal(await count(backend, 'requests'), 1);
    });

    test('a missing or malformed Idempotency-Key is a 400', async (t) => {
      const backend = await startBackend(t);
      for (const key of [null, '', 'short', 'has spaces in it', 'кириллица-ключ', 'x'.repeat(129)]) {
        const res = await submit(backend.app, validRequest(), key);
        assert.equal(res.statusCode, 400, String(key));
        const body = ApiError.parse(res.json());
        assert.equal(body.error.code, 'validation_failed');
        assert.match(body.error.message, /Idempotency-Key/);
      }
      assert.equal(await count(backend, 'requests'), 0);
      assert.equal((await submit(backend.app, validRequest(), 'x'.repeat(128))).statusCode, 201);
      assert.equal((await submit(backend.app, validRequest(), 'abc_DEF-')).statusCode, 201);
    });

    test('the lookup code is stored only as a hash', async (t) => {
      const backend = await startBackend(t);
      const created = (await submit(backend.app, validRequest())).json() as RequestCreated;
      const dump = await dumpDatabase(backend);
      assert.ok(!dump.includes(created.lookupCode), 'not in any table');
      assert.ok(!dump.toLowerCase().includes(created.lookupCode.toLowerCase()));
      const { lookup_code_hash: hash } = await backend.database.kysely.selectFrom('requests').select('lookup_code_hash').executeTakeFirstOrThrow();
      assert.match(hash, /^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
      assert.equal(await verifyLookupCode(hash, created.lookupCode), true);
      assert.equal(await verifyLookupCode(hash, created.lookupCode.toLowerCase()), true, 'as the citizen may type it');
      assert.equal(await verifyLookupCode(hash, 'ABCDEFGH'), false);
    });
  });

  describe('numbering', () => {
    test('the sequence starts again in the new Moscow year', async (t) => {
      const clock = testClock(Date.UTC(2026, 11, 31, 20, 0)); // 31 December, 23:00 in Moscow
      const backend = await startBackend(t, { now: clock.now });
      assert.equal(((await submit(backend.app, validRequest())).json() as RequestCreated).number, '2026-000001');
      assert.equal(((await submit(backend.app, validRequest())).json() as RequestCreated).number, '2026-000002');
      clock.set(Date.UTC(2026, 11, 31, 21, 30)); // 1 January 2027, 00:30 in Moscow
      assert.equal(((await submit(backend.app, validRequest())).json() as RequestCreated).number, '2027-000001');
    });

    test('20 requests created at once get 20 distinct numbers, with no gap', async (t) => {
      const many = { limit: 100, windowMs: HOUR };
      const backend = await startBackend(t, { now: () => FIXED_NOW, rateLimits: { requestsPerIp: many, requestsPerPhone: many, requestsPerEmail: many } });
      const answers = await Promise.all(Array.from({ length: 20 }, () => submit(backend.app, validRequest())));
      assert.deepEqual(answers.map((res) => res.statusCode), Array(20).fill(201), answers.map((res) => res.body).join('\n'));
      const numbers = answers.map((res) => (res.json() as RequestCreated).number).sort();
      assert.deepEqual(numbers, Array.from({ length: 20 }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`));
      assert.equal(await count(backend, 'requests'), 20);
    });

    test('the store: 20 creates at once, with nothing in between, get 20 distinct numbers', async (t) => {
      const backend = await startBackend(t, { now: () => FIXED_NOW });
      const store = createRequestStore(backend.database.kysely, parseNumberFormat('{year}-{seq:6}'), createOutboxNotifier(() => FIXED_NOW));
      const request = (i: number): NewRequest => ({
        type: 'technical',
        fullName: 'Иванова Мария Петровна',
        phone: '+79123456789',
        email: null,
        answerChannel: 'sms',
        snils: null,
        inn: null,
        serviceNumber: null,
        description: `Обращение ${i}`,
        incidentDate: null,
        incidentTime: null,
        links: [],
        attachments: [],
        createdAt: FIXED_NOW,
        answerDueAt: FIXED_NOW + 24 * HOUR,
      });
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.create(request(i), 'scrypt$test', { keyHash: `key-${i}`, bodyHash: 'body', sealedCode: 'sealed' })),
      );
      const numbers = outcomes.map((outcome) => (outcome.kind === 'created' ? outcome.row.number : outcome.kind)).sort();
      assert.deepEqual(numbers, Array.from({ length: 20 }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`));
    });

    test('REQUEST_NUMBER_FORMAT (requestNumberFormat) changes the number', async (t) => {
      const backend = await startBackend(t, { now: () => FIXED_NOW, requestNumberFormat: 'GS.{year}.{seq:8}' });
      assert.equal(((await submit(backend.app, validRequest())).json() as RequestCreated).number, 'GS.2026.00000001');
    });

    test('an invalid format stops the start', async (t) => {
      await assert.rejects(startBackend(t, { requestNumberFormat: '{year}' }), /needs exactly one \{seq\}/);
    });
  });

  describe('rate limits', () => {
    test('10 requests an hour per phone, 20 per IP: then 429 with Retry-After; repeats are free', async (t) => {
      const clock = testClock();
      const backend = await startBackend(t, { now: clock.now });
      const key = newKey();
      for (let i = 0; i < 10; i++) {
        const res = await submit(backend.app, validRequest(), i === 0 ? key : newKey());
        assert.equal(res.statusCode, 201, `request ${i + 1}`);
        clock.advance(60_000);
      }
      const byPhone = await submit(backend.app, validRequest({ phone: '+7 912 345 67 89' }));
      assert.equal(byPhone.statusCode, 429);
      assert.equal(byPhone.headers['retry-after'], String(60 * 60 - 10 * 60));
      const body = ApiError.parse(byPhone.json());
      assert.equal(body.error.code, 'rate_limited');
      assert.equal(body.error.retryAfterSeconds, 50 * 60);
      assert.equal((await submit(backend.app, validRequest(), key)).statusCode, 201, 'a repeated call is answered');

      for (let i = 0; i < 10; i++) {
        const phone = `+7 900 000 00 ${String(i).padStart(2, '0')}`;
        const email = `other${i}\u0040example.ru`;
        assert.equal((await submit(backend.app, validRequest({ phone, email }))).statusCode, 201, `other phone ${i + 1}`);
      }
      const byIp = await submit(backend.app, validRequest({ phone: '+7 900 111 22 33' }));
      assert.equal(byIp.statusCode, 429);
      assert.equal(byIp.headers['retry-after'], String(60 * 60 - 10 * 60));
      assert.equal(await count(backend, 'requests'), 20);

      const otherClient = await backend.app.inject({
        method: 'POST',
        url: '/requests',
        remoteAddress: '198.51.100.20',
        headers: { 'idempotency-key': newKey() },
        payload: validRequest({ phone: '+7 900 111 22 33', email: 'other\u0040example.ru' }),
      });
      assert.equal(otherClient.statusCode, 201);
      clock.advance(HOUR);
      assert.equal((await submit(backend.app, validRequest())).statusCode, 201, 'an hour later');
    });

    test('10 requests an hour per e-mail address, in any letter case: then 429', async (t) => {
      const backend = await startBackend(t, { now: testClock().now });
      for (let i = 0; i < 10; i++) {
        const res = await submit(backend.app, validRequest({ phone: `+7 900 000 01 ${String(i).padStart(2, '0')}`, email: i % 2 ? 'Maria\u0040Example.RU' : 'maria\u0040example.ru' }));
        assert.equal(res.statusCode, 201, `request ${i + 1}`);
      }
      const refused = await submit(backend.app, validRequest({ phone: '+7 900 000 02 00', email: 'MARIA\u0040EXAMPLE.RU' }));
      assert.equal(refused.statusCode, 429);
      assert.equal(ApiError.parse(refused.json()).error.code, 'rate_limited');
      const noEmail = await submit(backend.app, validRequest({ phone: '+7 900 000 02 01', email: '', answerChannel: 'sms' }));
      assert.equal(noEmail.statusCode, 201, 'a request without an e-mail is not limited by it');
    });

    test('behind a proxy (trustProxy), clients are told apart by X-Forwarded-For', async (t) => {
      const backend = await startBackend(t, { trustProxy: true, rateLimits: { requestsPerIp: { limit: 1, windowMs: HOUR } } });
      const from = (ip: string, phone: string) => submit(backend.app, validRequest({ phone }), newKey(), { 'x-forwarded-for': ip });
      assert.equal((await from('203.0.113.1', '+79000000001')).statusCode, 201);
      assert.equal((await from('203.0.113.1', '+79000000002')).statusCode, 429);
      assert.equal((await from('203.0.113.2', '+79000000003')).statusCode, 201);
    });
  });

  test('a body over the limit is refused 413', async (t) => {
    const backend = await startBackend(t);
    const res = await submit(backend.app, validRequest({ description: 'я'.repeat(200_000) }));
    assert.equal(res.statusCode, 413);
    assert.equal(ApiError.parse(res.json()).error.code, 'payload_too_large');
  });

  test('the log never shows the body, СНИЛС or ИНН', async (t) => {
    const lines: string[] = [];
    const backend = await startBackend(t, { now: () => FIXED_NOW, logger: { stream: { write: (line) => void lines.push(line) }, level: 'trace' } });
    const pdf = UploadResponse.parse((await upload(backend.app, FILES.pdf, 'Паспорт Ивановой.pdf')).json());
    const key = newKey();
    const ok = await submit(backend.app, validFraudReport({ snils: SNILS, inn: INN, attachments: [pdf.id] }), key);
    assert.equal(ok.statusCode, 201, ok.body);
    const bad = await submit(backend.app, validRequest({ snils: BAD_SNILS, inn: BAD_INN }));
    assert.equal(bad.statusCode, 400);
    const crash = await submit(backend.app, validRequest({ snils: SNILS, inn: INN, attachments: ['x'] }), null);
    assert.equal(crash.statusCode, 400);

    const log = lines.join('');
    assert.match(log, /"url":"\/requests"/, 'the log was captured');
    assert.match(log, /request registered/);
    const { lookupCode } = ok.json() as RequestCreated;
    for (const secret of [
      SNILS,
      SNILS.replace(/\D/g, ''),
      INN,
      BAD_SNILS,
      BAD_SNILS.replace(/\D/g, ''),
      BAD_INN,
      'Иванова',
      'Паспорт',
      'maria.ivanova',
      '345-67-89',
      '79123456789',
      'Позвонили',
      'gosuslugi-oplata',
      lookupCode,
      key,
    ]) {
      assert.ok(!log.includes(secret), `not in the log: ${secret}`);
    }
  });
});
