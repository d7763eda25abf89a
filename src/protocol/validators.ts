/**
 * Russian identifiers and contacts as people type them, with their real check digits.
 * Pure functions shared by the widget and the server.
 */

/** Digits only. */
const digits = (value: string) => value.replace(/\D/g, '');

/**
 * A Russian phone number in any common form (+7 (912) 345-67-89, 8 912 345 67 89, 79123456789,
 * 9123456789) as +7XXXXXXXXXX; undefined when it is not one.
 */
export function normalizePhone(value: string): string | undefined {
  if (!/^[\s\d()+\-.\u2011\u2012\u2013\u2014]*$/.test(value)) return undefined;
  const plus = value.trim().startsWith('+');
  let d = digits(value);
  if (d.length === 11 && (d.startsWith('7') || (!plus && d.startsWith('8')))) d = d.slice(1);
  else if (d.length !== 10 || plus) return undefined;
  // Russian numbers: mobile 9xx, geographic 3xx/4xx/8xx (8 800 included).
  if (!/^[3489]/.test(d)) return undefined;
  return `+7${d}`;
}

/** +7 (912) 345-67-89 */
export function formatPhone(normalized: string): string {
  const d = normalized.slice(2);
  return `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8, 10)}`;
}

/** СНИЛС: 11 digits (separators allowed) whose last two are the check number of the first nine. */
export function isValidSnils(value: string): boolean {
  if (!/^[\d\s-]+$/.test(value)) return false;
  const d = digits(value);
  if (d.length !== 11) return false;
  const body = d.slice(0, 9);
  // Numbers up to 001-001-998 have no check number.
  if (Number(body) <= 1001998) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (9 - i);
  let check = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101;
  if (check === 100) check = 0;
  return check === Number(d.slice(9));
}

const INN_WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function innCheck(d: string, weights: number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + w * Number(d[i]), 0);
  return (sum % 11) % 10;
}

/** ИНН: 12 digits of a person or 10 of an organisation, with their check digits. */
export function isValidInn(value: string): boolean {
  const d = value.trim();
  if (/^\d{10}$/.test(d)) return innCheck(d, INN_WEIGHTS_10) === Number(d[9]);
  if (/^\d{12}$/.test(d)) return innCheck(d, INN_WEIGHTS_11) === Number(d[10]) && innCheck(d, INN_WEIGHTS_12) === Number(d[11]);
  return false;
}

/** ФИО: at least two words of letters (Cyrillic or Latin), hyphens, apostrophes, dots. */
export function isValidFullName(value: string): boolean {
  const words = value.trim().split(/\s+/);
  return words.length >= 2 && words.every((w) => /^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё'’.\-]*$/.test(w));
}

/** Text that looks like a passport series and number, СНИЛС or ИНН (to keep it out of drafts and logs). */
export const SENSITIVE_NUMBER = /\b\d{2}\s?\d{2}\s?\d{6}\b|\b\d{3}[\s-]?\d{3}[\s-]?\d{3}[\s-]?\d{2}\b|\b\d{10}(?:\d{2})?\b/g;

/** Replaces passport-, СНИЛС- and ИНН-like numbers in free text. */
export function redactSensitive(text: string): string {
  return text.replace(SENSITIVE_NUMBER, '…');
}
