import { expect } from '@open-wc/testing';
import { fieldErrorKey } from '../../src/protocol/field-errors.js';
import { REQUEST_TYPES, requestSchema } from '../../src/protocol/request.js';
import { formatPhone, isValidInn, isValidSnils, normalizePhone, redactSensitive } from '../../src/protocol/validators.js';

const NOW = Date.UTC(2026, 2, 16, 9, 0);
const schema = requestSchema({ types: REQUEST_TYPES, descriptionMax: 4000, maxAttachments: 5, now: () => NOW });
const valid = {
  type: 'technical',
  fullName: 'Иванова Мария Петровна',
  phone: '+7 912 345-67-89',
  answerChannel: 'sms',
  description: 'Не могу войти в личный кабинет уже два дня.',
  consent: true,
};
const problems = (body: Record<string, unknown>) => {
  const result = schema.safeParse(body);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), fieldErrorKey(i, body)]));
};

describe('request rules', () => {
  it('accepts phones in any common form and refuses others', () => {
    for (const phone of ['+7 (912) 345-67-89', '8 912 345 67 89', '89123456789', '79123456789', '9123456789', '+7-912-345-67-89', '8 (800) 555-35-35'])
      expect(normalizePhone(phone), phone).to.match(/^\+7\d{10}$/);
    for (const phone of ['12345', '+1 202 555 0100', '+8 912 345 67 89', '8 112 345 67 89', 'позвоните мне', '+7 912 345 67 8'])
      expect(normalizePhone(phone), phone).to.equal(undefined);
    expect(formatPhone('+79123456789')).to.equal('+7 (912) 345-67-89');
  });

  it('checks СНИЛС and ИНН by their real check digits', () => {
    expect(isValidSnils('112-233-445 95')).to.equal(true);
    expect(isValidSnils('11223344595')).to.equal(true);
    expect(isValidSnils('112-233-445 96')).to.equal(false);
    expect(isValidSnils('001-001-998 00')).to.equal(false);
    expect(isValidInn('500100732259')).to.equal(true);
    expect(isValidInn('500100732258')).to.equal(false);
    expect(isValidInn('7707083893')).to.equal(true);
    expect(isValidInn('7707083894')).to.equal(false);
    expect(isValidInn('12345')).to.equal(false);
  });

  it('accepts a complete request', () => {
    expect(problems(valid)).to.deep.equal({});
  });

  it('names each field’s problem by a key the widget and server share', () => {
    expect(problems({})).to.include({ type: 'required', fullName: 'required', phone: 'required', description: 'required' });
    expect(
      problems({ ...valid, fullName: 'Иванова', phone: '123', answerChannel: 'email', snils: '112-233-445 96', inn: '1', description: 'Коротко', consent: false }),
    ).to.deep.equal({ fullName: 'full_name', phone: 'phone', email: 'email_required', snils: 'snils', inn: 'inn', description: 'too_short', consent: 'consent' });
    expect(problems({ ...valid, email: 'not-an-address' })).to.deep.equal({ email: 'email' });
    expect(problems({ ...valid, type: 'bogus', snils: '1' })).to.deep.equal({ type: 'invalid_choice', snils: 'snils' });
    expect(problems({ ...valid, description: 'x'.repeat(4001) })).to.deep.equal({ description: 'too_long' });
    expect(problems({ ...valid, attachments: ['a', 'b', 'c', 'd', 'e', 'f'] })).to.deep.equal({ attachments: 'too_many_files' });
  });

  it('asks a fraud report for the date (not in the future), a valid time and http(s) links', () => {
    const fraud = { ...valid, type: 'fraud' };
    expect(problems(fraud)).to.deep.equal({ incidentDate: 'required' });
    expect(problems({ ...fraud, incidentDate: '2026-03-17' })).to.deep.equal({ incidentDate: 'date_future' });
    expect(problems({ ...fraud, incidentDate: '2026-03-16', incidentTime: '25:00', links: ['https://ok.example', 'javascript:alert(1)'] })).to.deep.equal({
      incidentTime: 'time',
      'links.1': 'link',
    });
    expect(problems({ ...fraud, incidentDate: '2026-03-15', incidentTime: '23:10', links: ['https://phishing.example/login'] })).to.deep.equal({});
  });

  it('redacts passport-, СНИЛС- and ИНН-like numbers from free text', () => {
    expect(redactSensitive('Паспорт 45 06 123456, СНИЛС 112-233-445 95, ИНН 500100732259, заявка 2026-000123')).to.equal(
      'Паспорт …, СНИЛС …, ИНН …, заявка 2026-000123',
    );
  });
});
