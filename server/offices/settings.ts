import { z } from 'zod/mini';
import { LOAD_LEVELS, type LoadLevel } from '#protocol/offices.js';
import { isCalendarDate } from '../scheduling/calendar-date.js';
import type { RateLimitRule } from '../http/rate-limit.js';
import { formatPath } from '../http/validation.js';
import { readJsonFile } from '../json-file.js';
import { fromProjectRoot } from '../project-root.js';

/**
 * How offices take visits and how busy they are. Offices, their hours and services are the
 * dataset's (offices.demo.json); these are the rules of booking and of the load estimate.
 */

/** A slot rule: minutes per slot and visits per slot (service windows free at that time). */
export interface SlotRule {
  intervalMinutes: number;
  capacityPerInterval: number;
}

/** Overrides of one office: its slot rule (for every service, then per service) and its own days off. */
export interface OfficeOverride extends Partial<SlotRule> {
  holidays?: string[];
  services?: Record<string, Partial<SlotRule>>;
}

/**
 * The hourly load profile: the usual share of the office's capacity used by walk-in visitors,
 * per hour of the office's wall clock, blended with the visits booked in that hour.
 */
export interface LoadSettings {
  /** Level per hour of the day ("0" … "23"); hours left out are `defaultLevel`. */
  profile: Partial<Record<string, LoadLevel>>;
  defaultLevel: LoadLevel;
  /** The percent of capacity each profile level stands for. */
  levelPercent: Record<LoadLevel, number>;
  /** How much of the booked share (booked / bookable places of the hour, in percent) adds to the profile's percent. */
  bookingsWeight: number;
  /** From which percent the level is `medium`, and `high`. */
  thresholds: { medium: number; high: number };
  /** The expected wait at 100 %; the wait is proportional, rounded to 5 minutes. */
  waitMinutesAtFull: number;
}

export interface OfficeSettings extends SlotRule {
  /** The earliest bookable slot starts at least this many minutes after now. */
  leadMinutes: number;
  /** Slots are offered on this many days of the office's calendar, today included. */
  horizonDays: number;
  /** «Опоздание более N минут — запись может быть отменена»: shown with every booking. */
  lateCancelMinutes: number;
  /** Days off of every office (YYYY-MM-DD in each office's zone): no slots, closed. */
  holidays: string[];
  /** Slot rules per service code, over the defaults above. */
  services: Record<string, Partial<SlotRule>>;
  /** Overrides per office id, over the service's rule. */
  offices: Record<string, OfficeOverride>;
  load: LoadSettings;
}

export const DEFAULT_LOAD_SETTINGS: Readonly<LoadSettings> = {
  // The seeds: peaks 10–12 and 16–18, quiet after 19, medium otherwise.
  profile: { '10': 'high', '11': 'high', '16': 'high', '17': 'high', '19': 'low', '20': 'low', '21': 'low', '22': 'low', '23': 'low' },
  defaultLevel: 'medium',
  levelPercent: { low: 20, medium: 45, high: 75 },
  bookingsWeight: 0.5,
  thresholds: { medium: 35, high: 65 },
  waitMinutesAtFull: 60,
};

export const DEFAULT_OFFICE_SETTINGS: Readonly<OfficeSettings> = {
  intervalMinutes: 15,
  capacityPerInterval: 2,
  leadMinutes: 60,
  horizonDays: 14,
  lateCancelMinutes: 15,
  holidays: [],
  services: {},
  offices: {},
  load: DEFAULT_LOAD_SETTINGS,
};

/** The demo settings shipped with the backend; site owners point OFFICE_SETTINGS at their own. */
export const DEFAULT_OFFICE_SETTINGS_PATH = fromProjectRoot('demo/data/office-settings.json');

/** Rate limits of `POST /offices/:id/bookings` (registered bookings; repeats of an Idempotency-Key are free). */
export interface BookingRateLimitSettings {
  /** Per client IP. */
  bookingsPerIp: RateLimitRule;
  /** Per (normalized) phone number. */
  bookingsPerPhone: RateLimitRule;
}

const HOUR = 3_600_000;

export const DEFAULT_BOOKING_RATE_LIMITS: Readonly<BookingRateLimitSettings> = {
  bookingsPerIp: { limit: 20, windowMs: HOUR },
  bookingsPerPhone: { limit: 5, windowMs: 24 * HOUR },
};

const int = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));
const percent = z.number().check(z.gte(0), z.lte(100));
const holidays = z.array(z.string().check(z.refine(isCalendarDate, 'Expected a date YYYY-MM-DD')));
const slotRule = { intervalMinutes: z.optional(int(5, 240)), capacityPerInterval: z.optional(int(1, 1000)) };
const serviceRules = z.record(z.string().check(z.minLength(1), z.maxLength(40)), z.strictObject(slotRule));
const level = z.enum(LOAD_LEVELS);

const LoadSettingsSchema = z.strictObject({
  profile: z.optional(z.record(z.string().check(z.regex(/^(?:1?\d|2[0-3])$/, 'Expected an hour 0–23')), level)),
  defaultLevel: z.optional(level),
  levelPercent: z.optional(z.strictObject({ low: percent, medium: percent, high: percent })),
  bookingsWeight: z.optional(z.number().check(z.gte(0), z.lte(1))),
  thresholds: z.optional(
    z.strictObject({ medium: percent, high: percent }).check(z.refine((t) => t.medium <= t.high, { message: '`medium` must not be above `high`', path: ['high'] })),
  ),
  waitMinutesAtFull: z.optional(int(0, 24 * 60)),
});

/** Every setting optional (the file and `buildApp({ offices: { settings } })` give some); unknown keys refused. */
export const OfficeSettingsSchema = z.strictObject({
  ...slotRule,
  leadMinutes: z.optional(int(0, 7 * 24 * 60)),
  horizonDays: z.optional(int(1, 90)),
  lateCancelMinutes: z.optional(int(0, 240)),
  holidays: z.optional(holidays),
  services: z.optional(serviceRules),
  offices: z.optional(
    z.record(z.string().check(z.minLength(1), z.maxLength(60)), z.strictObject({ ...slotRule, holidays: z.optional(holidays), services: z.optional(serviceRules) })),
  ),
  load: z.optional(LoadSettingsSchema),
});

export type OfficeSettingsInput = z.input<typeof OfficeSettingsSchema>;

function check(raw: unknown, where: string): OfficeSettingsInput {
  const result = OfficeSettingsSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${formatPath(issue.path)}: ${issue.message}`);
    throw new Error(`Invalid office settings ${where}:\n${lines.join('\n')}`);
  }
  return result.data as OfficeSettingsInput;
}

/**
 * The office settings: the defaults, then the file at `path` (JSON, validated: the server does
 * not start with a bad file, every bad field is named), then `overrides` (also validated).
 * `load` is merged key by key; `services` and `offices` per code / id.
 */
export function loadOfficeSettings(path?: string | URL, overrides: OfficeSettingsInput = {}): OfficeSettings {
  let fromFile: OfficeSettingsInput = {};
  if (path !== undefined) {
    const { raw, where } = readJsonFile(path, 'office settings');
    fromFile = check(raw, where);
  }
  const given = check(overrides, '(buildApp option `offices.settings`)');
  const merged: OfficeSettings = {
    ...DEFAULT_OFFICE_SETTINGS,
    ...strip(fromFile),
    ...strip(given),
    services: { ...fromFile.services, ...given.services },
    offices: { ...fromFile.offices, ...given.offices },
    load: { ...DEFAULT_LOAD_SETTINGS, ...fromFile.load, ...given.load } as LoadSettings,
  };
  return { ...merged, holidays: [...new Set(merged.holidays)].sort() };
}

/** The plain settings of an input (its nested maps are merged on their own). */
function strip(input: OfficeSettingsInput): Partial<OfficeSettings> {
  const { services: _services, offices: _offices, load: _load, ...rest } = input;
  return rest as Partial<OfficeSettings>;
}

/** The slot rule of one service at one office: the office's own per service, the office's, the service's, the defaults. */
export function slotRuleOf(settings: OfficeSettings, officeId: string, service: string): SlotRule {
  const office = settings.offices[officeId];
  return {
    intervalMinutes:
      office?.services?.[service]?.intervalMinutes ?? office?.intervalMinutes ?? settings.services[service]?.intervalMinutes ?? settings.intervalMinutes,
    capacityPerInterval:
      office?.services?.[service]?.capacityPerInterval ??
      office?.capacityPerInterval ??
      settings.services[service]?.capacityPerInterval ??
      settings.capacityPerInterval,
  };
}

/** Days off of one office: everyone's and its own. */
export function holidaysOf(settings: OfficeSettings, officeId: string): string[] {
  return [...new Set([...settings.holidays, ...(settings.offices[officeId]?.holidays ?? [])])].sort();
}

/**
 * Settings that name offices or services the dataset does not have are refused (a typo would
 * silently do nothing otherwise); every such path is listed.
 */
export function checkOfficeSettings(settings: OfficeSettings, dataset: { offices: { id: string }[]; services: { code: string }[] }): void {
  const offices = new Set(dataset.offices.map((o) => o.id));
  const services = new Set(dataset.services.map((s) => s.code));
  const lines: string[] = [];
  const checkServices = (rules: Record<string, unknown> | undefined, path: string) => {
    for (const code of Object.keys(rules ?? {})) if (!services.has(code)) lines.push(`  - ${path}.${code}: Unknown service (not in the offices data)`);
  };
  checkServices(settings.services, 'services');
  for (const [id, override] of Object.entries(settings.offices)) {
    if (!offices.has(id)) lines.push(`  - offices.${id}: Unknown office (not in the offices data)`);
    checkServices(override.services, `offices.${id}.services`);
  }
  if (lines.length > 0) throw new Error(`Invalid office settings:\n${lines.join('\n')}`);
}
