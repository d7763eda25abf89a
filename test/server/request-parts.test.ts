import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { openDatabase } from '../../server/db.js';
import { createLocalRateLimiter } from '../../server/http/rate-limit.js';
import { createRateLimiter, createSharedLimits, withinLimits } from '../../server/http/shared-limits.js';
import { HttpError } from '../../server/http/errors.js';
import { toFieldIssue } from '../../server/http/validation.js';
import {
  generateLookupCode,
  hashLookupCode,
  LOOKUP_CODE_ALPHABET,
  openLookupCode,
  sealLookupCode,
  verifyLookupCode,
} from '../../server/requests/lookup-code.js';
import { parseNumberFormat } from '../../server/requests/numbering.js';
import { answerDueAt, DEFAULT_ANSWER_PROMISES, resolveAnswerPromises } from '../../server/requests/settings.js';
import { formatMoscow, moscowYear } from '../../server/time.js';
import { requestSchema } from '../../src/protocol/request.js';
import { ru } from '../../src/i18n/ru.js';
import { FIXED_NOW, testClock } from './support.js';

const HOUR = 3_600_000;
const moscow = (iso: string) => Date.parse(`${iso}+03:00`);

describe('request numbers', () => {
  test('{year}-{seq:6} by default; other formats', () => {
    assert.equal(parseNumberFormat('{year}-{seq:6}').format(2026, 123), '2026-000123');
    assert.equal(parseNumberFormat('{year}-{seq:6}').format(2026, 1_234_567), '2026-1234567', 'grows past its width');
    const plain = parseNumberFormat('REQ-{seq}');
    assert.equal(plain.format(2026, 42), 'REQ-42');
    assert.equal(plain.perYear, false);
    assert.equal(parseNumberFormat('{seq:4}.{year}').format(2027, 7), '0007.2027');
  });

  test('bad formats are refused with a reason', () => {
    assert.throws(() => parseNumberFormat('{year}'), /exactly one \{seq\}/);
    assert.throws(() => parseNumberFormat('{seq}-{seq}'), /exactly one \{seq\}/);
    assert.throws(() => parseNumberFormat('{year}{year}-{seq}'), /\{year\} may appear once/);
    assert.throws(() => parseNumberFormat('{seq:0}'), /N from 1 to 12/);
    assert.throws(() => parseNumberFormat('МФЦ-{seq}'), /only Latin letters/);
    assert.throws(() => parseNumberFormat('a/{seq}'), /only Latin letters/);
    assert.throws(() => parseNumberFormat('{month}-{seq}'), /only Latin letters/);
  });

  test('the year is Moscow’s', () => {
    assert.equal(moscowYear(Date.UTC(2026, 11, 31, 20, 59)), 2026);
    assert.equal(moscowYear(Date.UTC(2026, 11, 31, 21, 0)), 2027);
  });
});

describe('answer due dates', () => {
  test('24 hours for most types, 3 working days for fraud', () => {
    assert.deepEqual(DEFAULT_ANSWER_PROMISES.fraud, { workingDays: 3 });
    assert.equal(answerDueAt(FIXED_NOW, DEFAULT_ANSWER_PROMISES.technical), FIXED_NOW + 24 * HOUR);
    // Monday 12:00 → Thursday 12:00; Friday 15:00 → Wednesday 15:00; Saturday → Wednesday.
    assert.equal(answerDueAt(moscow('2026-03-02T12:00:00'), { workingDays: 3 }), moscow('2026-03-05T12:00:00'));
    assert.equal(answerDueAt(moscow('2026-03-06T15:00:00'), { workingDays: 3 }), moscow('2026-03-11T15:00:00'));
    assert.equal(answerDueAt(moscow('2026-03-07T10:00:00'), { workingDays: 3 }), moscow('2026-03-11T10:00:00'));
    // Weekdays are Moscow's: Friday 01:00 in Moscow is still Thursday in UTC, and the next
    // working day is Monday, not Saturday.
    assert.equal(answerDueAt(moscow('2026-03-06T01:00:00'), { workingDays: 1 }), moscow('2026-03-09T01:00:00'));
  });

  test('a site owner’s promises are checked', () => {
    assert.deepEqual(resolveAnswerPromises({ access: { hours: 8 } }).access, { hours: 8 });
    assert.deepEqual(resolveAnswerPromises({ access: { hours: 8 } }).fraud, { workingDays: 3 });
    assert.throws(() => resolveAnswerPromises({ access: { hours: 0 } }), /positive/);
    assert.throws(() => resolveAnswerPromises({ fraud: { workingDays: 1.5 } }), /whole number/);
    assert.throws(() => resolveAnswerPromises({ complaint: { hours: 1 } } as never), /unknown request type/);
  });

  test('Moscow time in messages', () => {
    assert.equal(formatMoscow(FIXED_NOW), '02.03.2026 12:00');
  });
});

describe('rate limiter in memory (a socket\'s own events)', () => {
  test('a sliding window per key, with the wait until the oldest event leaves it', () => {
    const clock = testClock(0);
    const limiter = createLocalRateLimiter({ limit: 3, windowMs: 60_000 }, clock.now);
    assert.deepEqual(limiter.hit('ip:1'), { allowed: true, remaining: 2 });
    clock.advance(10_000);
    assert.deepEqual(limiter.hit('ip:1'), { allowed: true, remaining: 1 });
    clock.advance(10_000);
    assert.deepEqual(limiter.hit('ip:1'), { allowed: true, remaining: 0 });
    assert.deepEqual(limiter.hit('ip:1'), { allowed: false, retryAfterSeconds: 40 });
    assert.deepEqual(limiter.hit('ip:2'), { allowed: true, remaining: 2 }, 'keys are independent');
    assert.deepEqual(limiter.hit('ip:1'), { allowed: false, retryAfterSeconds: 40 }, 'a refused event is not counted');
    clock.advance(40_000);
    assert.deepEqual(limiter.hit('ip:1'), { allowed: true, remaining: 0 }, 'the first event left the window');
    assert.equal(limiter.hit('ip:1').allowed, false, 'no burst at a window edge');
  });

  test('a reservation counts at once and can be given back once', () => {
    const clock = testClock(0);
    const limiter = createLocalRateLimiter({ limit: 2, windowMs: 60_000 }, clock.now);
    const first = limiter.reserve('ip:1');
    const second = limiter.reserve('ip:1');
    assert.ok(first.allowed && second.allowed);
    assert.equal(second.remaining, 0);
    assert.deepEqual(limiter.reserve('ip:1'), { allowed: false, retryAfterSeconds: 60 }, 'taken places count before any release');
    first.release();
    first.release();
    const third = limiter.reserve('ip:1');
    assert.ok(third.allowed, 'a released place is free again');
    assert.equal(limiter.reserve('ip:1').allowed, false, 'releasing twice frees one place only');
  });

  test('consume throws 429 with Retry-After; refused events are not counted; idle keys are swept', () => {
    const clock = testClock(0);
    const limiter = createLocalRateLimiter({ limit: 1, windowMs: 1_000 }, clock.now);
    limiter.consume('phone:+79123456789');
    assert.throws(
      () => limiter.consume('phone:+79123456789', 'Подождите.'),
      (error: HttpError) => error.statusCode === 429 && error.code === 'rate_limited' && error.retryAfterSeconds === 1 && error.message === 'Подождите.',
    );
    for (let i = 0; i < 100; i++) limiter.hit(`ip:${i}`);
    assert.equal(limiter.size, 101);
    clock.advance(5_000);
    limiter.hit('ip:new');
    assert.equal(limiter.size, 1, 'keys with no event in the window are dropped');
    limiter.reset();
    assert.equal(limiter.size, 0);
  });

  test('refuses a nonsense rule', () => {
    assert.throws(() => createLocalRateLimiter({ limit: 0, windowMs: 1000 }), /positive integer/);
    assert.throws(() => createLocalRateLimiter({ limit: 1, windowMs: 0 }), /positive/);
  });
});

describe('rate limits in the database (shared by every process): withinLimits', () => {
  const limitsOn = async (t: TestContext, now: () => number) => {
    const database = await openDatabase(':memory:');
    t.after(() => database.close());
    return createSharedLimits(database.kysely, now);
  };

  test('takes a place under every limit or none, with the longest wait', async (t) => {
    const clock = testClock(0);
    const limits = await limitsOn(t, clock.now);
    const perIp = createRateLimiter(limits, 'perIp', { limit: 5, windowMs: 60_000 });
    const perPhone = createRateLimiter(limits, 'perPhone', { limit: 1, windowMs: 3_600_000 });
    const places = [
      [perIp, 'ip:1'],
      [perPhone, 'phone:+79123456789'],
    ] as const;
    assert.equal(await withinLimits(places, 'Подождите.', (keep) => (keep(), 'kept')), 'kept');
    await assert.rejects(
      withinLimits(places, 'Подождите.', () => 'never'),
      (error: HttpError) => error.statusCode === 429 && error.retryAfterSeconds === 3600 && error.message === 'Подождите.',
    );
    const hits = [];
    for (let i = 0; i < 5; i++) hits.push((await perIp.hit('ip:1')).allowed);
    assert.deepEqual(hits, [true, true, true, true, false], 'the refused call took no IP place (1 kept + 4)');
  });

  test('keeps the places only when the work calls keep()', async (t) => {
    const limits = await limitsOn(t, Date.now);
    const limiter = createRateLimiter(limits, 'k', { limit: 1, windowMs: 60_000 });
    const places = [[limiter, 'k']] as const;
    assert.equal(await withinLimits(places, 'x', () => 'repeat'), 'repeat');
    await assert.rejects(withinLimits(places, 'x', async () => {
      throw new Error('failed');
    }));
    assert.equal(await withinLimits(places, 'x', (keep) => (keep(), 'created')), 'created');
    await assert.rejects(withinLimits(places, 'x', () => 'again'), (error: HttpError) => error.statusCode === 429);
    await assert.rejects(limiter.consume('k', 'Подождите.'), (error: HttpError) => error.statusCode === 429 && error.message === 'Подождите.');
  });
});

describe('lookup codes', () => {
  test('8 characters that cannot be confused, evenly spread', () => {
    assert.doesNotMatch(LOOKUP_CODE_ALPHABET, /[0O1IL]/);
    const seen = new Map<string, number>();
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = generateLookupCode();
      assert.match(code, /^[A-Z2-9]{8}$/);
      codes.add(code);
      for (const c of code) seen.set(c, (seen.get(c) ?? 0) + 1);
    }
    assert.equal(codes.size, 2000);
    assert.equal(seen.size, LOOKUP_CODE_ALPHABET.length, 'every character is used');
    const expected = (2000 * 8) / LOOKUP_CODE_ALPHABET.length;
    for (const [c, n] of seen) assert.ok(Math.abs(n - expected) < expected * 0.35, `${c}: ${n}`);
  });

  test('stored as a salted scrypt hash; verified as typed', async () => {
    const code = generateLookupCode();
    const a = await hashLookupCode(code);
    const b = await hashLookupCode(code);
    assert.notEqual(a, b, 'salted');
    assert.ok(!a.includes(code));
    assert.equal(await verifyLookupCode(a, code), true);
    assert.equal(await verifyLookupCode(a, ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `), true);
    assert.equal(await verifyLookupCode(a, 'AAAAAAAA'), false);
    assert.equal(await verifyLookupCode('plain', code), false);
  });

  test('sealed for a repeated call: opens only with the same Idempotency-Key', () => {
    const sealed = sealLookupCode('K7QM4TXA', 'key-12345678');
    assert.ok(!sealed.includes('K7QM4TXA'));
    assert.equal(openLookupCode(sealed, 'key-12345678'), 'K7QM4TXA');
    assert.equal(openLookupCode(sealed, 'key-12345679'), undefined);
    assert.equal(openLookupCode(`${sealed.slice(0, -2)}AA`, 'key-12345678'), undefined, 'tampering is detected');
    assert.equal(openLookupCode('garbage', 'key-12345678'), undefined);
  });
});

describe('field issues', () => {
  const schema = requestSchema({ types: ['technical', 'fraud'], descriptionMax: 300, maxAttachments: 2, now: () => FIXED_NOW });
  const issuesFor = (body: unknown) => schema.safeParse(body, { reportInput: true }).error?.issues.map(toFieldIssue) ?? [];

  test('the code is the FieldErrorKey and the message its Russian text, limits filled in', () => {
    const issues = issuesFor({ type: 'technical', fullName: 'Иванов Иван', phone: '+79123456789', answerChannel: 'sms', description: 'мало', consent: true });
    assert.deepEqual(issues, [{ path: ['description'], code: 'too_short', message: 'Слишком коротко: нужно не меньше 20 символов' }]);
    const long = issuesFor({ type: 'technical', fullName: 'Иванов Иван', phone: '+79123456789', answerChannel: 'sms', description: 'ж'.repeat(301), consent: true });
    assert.deepEqual(long, [{ path: ['description'], code: 'too_long', message: 'Слишком длинно: не больше 300 символов' }]);
  });

  test('missing is required, a wrong type is invalid, an unknown choice is invalid_choice', () => {
    const issues = issuesFor({ type: 'nope', fullName: 7, answerChannel: 'email', description: 'Описание проблемы достаточной длины.', consent: true });
    assert.deepEqual(
      issues.map((i) => [i.path.join('.'), i.code, i.message]),
      [
        ['type', 'invalid_choice', ru.fieldErrors.invalid_choice],
        ['fullName', 'invalid', ru.fieldErrors.invalid],
        ['phone', 'required', ru.fieldErrors.required],
        ['email', 'email_required', ru.fieldErrors.email_required],
      ],
    );
  });

  test('too many files is too_many_files', () => {
    const issues = issuesFor({ type: 'technical', fullName: 'Иванов Иван', phone: '+79123456789', answerChannel: 'sms', description: 'Описание проблемы достаточной длины.', consent: true, attachments: ['a', 'b', 'c'] });
    assert.deepEqual(issues, [{ path: ['attachments'], code: 'too_many_files', message: ru.fieldErrors.too_many_files }]);
  });
});
