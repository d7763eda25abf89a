// Dates from clients: anything outside CALENDAR_YEARS is a 400 with the API's error shape, never a 500.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../src/protocol/error.js';
import { CALENDAR_DATE_MESSAGE, isCalendarDate } from '../../server/scheduling/calendar-date.js';
import { FIXED_NOW, startBackend } from './support.js';

const TOKEN = 'dates-test-operator-token-8Qv3mZ1xK9pL2rT7wY4nB6';

const ENDPOINTS = [
  { url: (date: string) => `/operator/api/callbacks?date=${date}`, field: 'date' },
  { url: (date: string) => `/operator/api/bookings?office=msk-tverskoy&date=${date}`, field: 'date' },
  { url: (date: string) => `/callbacks/slots?from=${date}&days=1`, field: 'from' },
  { url: (date: string) => `/offices/msk-tverskoy/slots?service=passport&date=${date}`, field: 'date' },
];

describe('dates out of range', () => {
  test('isCalendarDate takes real dates of 2000–2099 only', () => {
    for (const date of ['2000-01-01', '2026-03-02', '2028-02-29', '2099-12-31']) assert.ok(isCalendarDate(date), date);
    for (const date of ['9999-12-31', '0000-01-01', '0001-01-01', '1999-12-31', '2100-01-01', '2026-02-30', '2027-02-29', '+02026-03-02']) {
      assert.ok(!isCalendarDate(date), date);
    }
  });

  test('9999-12-31, 0000-01-01, 0001-01-01 and the like: 400 with the date issue on every date parameter', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    for (const date of ['9999-12-31', '0000-01-01', '0001-01-01', '1899-12-31', '2100-01-01']) {
      for (const endpoint of ENDPOINTS) {
        const res = await backend.app.inject({ url: endpoint.url(date), headers: { authorization: `Bearer ${TOKEN}` } });
        const where = `${endpoint.url(date)}: ${res.statusCode} ${res.body.slice(0, 200)}`;
        assert.equal(res.statusCode, 400, where);
        const body = ApiError.parse(res.json());
        assert.equal(body.error.code, 'validation_failed', where);
        assert.deepEqual(body.error.issues?.map((issue) => [issue.path.join('.'), issue.message]), [[endpoint.field, CALENDAR_DATE_MESSAGE]], where);
      }
    }
    for (const endpoint of ENDPOINTS) {
      const res = await backend.app.inject({ url: endpoint.url('2026-03-03'), headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.statusCode, 200, `${endpoint.url('2026-03-03')} still answers`);
    }
  });
});
