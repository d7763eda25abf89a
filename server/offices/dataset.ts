import { z } from 'zod/mini';
import { TimeRange, WEEKDAYS, type WeeklyHours } from '#protocol/config.js';
import type { OfficeService, OfficeSummary } from '#protocol/offices.js';
import { formatPath } from '../http/validation.js';
import { readJsonFile } from '../json-file.js';
import { fromProjectRoot } from '../project-root.js';
import { isTimeZone } from '../time.js';

/**
 * The office dataset: services (with the documents to bring), regions (with their time zones)
 * and offices. The backend ships a demo set (offices.demo.json); a site owner replaces it with
 * their own file (`OFFICES_DATA`). It is validated at start: the server does not start with a bad
 * file, and every bad path is named.
 */

/** The demo dataset shipped with the backend. */
export const DEFAULT_OFFICES_DATA_PATH = fromProjectRoot('demo/data/offices.json');

/** An office as the dataset describes it: everything of the list item that does not depend on the time. */
export type OfficeRecord = Omit<OfficeSummary, 'openNow' | 'closesAt' | 'opensAt' | 'load' | 'distanceKm'>;

export interface OfficeDataset {
  /** The demo set of the reference backend (`GET /offices/catalogue` says so). */
  demo: boolean;
  services: OfficeService[];
  regions: { code: string; name: string; timeZone: string }[];
  offices: OfficeRecord[];
}

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const bilingual = z.strictObject({ ru: text(300), en: text(300) });
const code = z.string().check(z.regex(/^[a-z][a-z0-9_]{1,39}$/, 'Expected a code of a–z, 0–9 and _ (2–40 characters)'));
const regionCode = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,20}$/, 'Expected a region code (1–20 of A–Z a–z 0–9 _ -)'));
const phone = z.string().check(z.regex(/^\+?[\d\s()\u2011-]{5,24}$/, 'Expected a phone number'));
const weeklyHours = z.strictObject(Object.fromEntries(WEEKDAYS.map((day) => [day, z.optional(z.array(TimeRange))])) as Record<(typeof WEEKDAYS)[number], z.ZodMiniOptional<z.ZodMiniArray<typeof TimeRange>>>);

const ServiceSchema = z.strictObject({
  code,
  label: bilingual,
  /** Documents to bring; absent = the dataset's `defaultDocuments`. */
  documents: z.optional(z.array(bilingual)),
});

const RegionSchema = z.strictObject({ code: regionCode, name: text(100), timeZone: text(60) });

const OfficeSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'Expected an id of a–z, 0–9 and - (at most 60 characters)')),
  name: text(200),
  region: regionCode,
  city: text(80),
  address: text(300),
  phone,
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lon: z.number().check(z.gte(-180), z.lte(180)),
  /** The office's zone; absent = its region's. */
  timeZone: z.optional(text(60)),
  /** Wall-clock hours in the office's zone; a day left out is a day off. */
  hours: weeklyHours,
  services: z.array(code).check(z.minLength(1)),
  accessibility: z.strictObject({ stepFree: z.boolean(), notes: z.optional(bilingual) }),
  peakHours: z.optional(z.array(TimeRange)),
});

export const OfficeDatasetSchema = z.strictObject({
  /** Free text for people editing the file (the demo's says it is demo data). */
  _note: z.optional(z.string()),
  demo: z.optional(z.boolean()),
  /** Documents of a service that does not list its own. */
  defaultDocuments: z.optional(z.array(bilingual)),
  services: z.array(ServiceSchema).check(z.minLength(1)),
  regions: z.array(RegionSchema).check(z.minLength(1)),
  offices: z.array(OfficeSchema),
});
type DatasetInput = z.output<typeof OfficeDatasetSchema>;

type Problem = { path: (string | number)[]; message: string };

/** What the schema cannot say: unknown or repeated codes and ids, time zones. */
function crossCheck(data: DatasetInput): Problem[] {
  const problems: Problem[] = [];
  const repeated = (values: string[], path: (i: number) => (string | number)[], what: string) => {
    const seen = new Set<string>();
    values.forEach((value, i) => {
      if (seen.has(value)) problems.push({ path: path(i), message: `${what} "${value}" is listed twice` });
      seen.add(value);
    });
  };
  repeated(data.services.map((s) => s.code), (i) => ['services', i, 'code'], 'Service code');
  repeated(data.regions.map((r) => r.code), (i) => ['regions', i, 'code'], 'Region code');
  repeated(data.offices.map((o) => o.id), (i) => ['offices', i, 'id'], 'Office id');
  data.regions.forEach((region, i) => {
    if (!isTimeZone(region.timeZone)) problems.push({ path: ['regions', i, 'timeZone'], message: `"${region.timeZone}" is not a time zone (e.g. Europe/Moscow)` });
  });
  const services = new Set(data.services.map((s) => s.code));
  const regions = new Set(data.regions.map((r) => r.code));
  data.offices.forEach((office, i) => {
    if (!regions.has(office.region)) problems.push({ path: ['offices', i, 'region'], message: `Unknown region "${office.region}" (not in \`regions\`)` });
    if (office.timeZone !== undefined && !isTimeZone(office.timeZone)) {
      problems.push({ path: ['offices', i, 'timeZone'], message: `"${office.timeZone}" is not a time zone (e.g. Europe/Moscow)` });
    }
    office.services.forEach((service, j) => {
      if (!services.has(service)) problems.push({ path: ['offices', i, 'services', j], message: `Unknown service "${service}" (not in \`services\`)` });
    });
    repeated(office.services, (j) => ['offices', i, 'services', j], 'Service');
  });
  return problems;
}

/** The dataset with defaults filled in: each office's zone, region name and full week; each service's documents. */
function resolve(data: DatasetInput): OfficeDataset {
  const regions = new Map(data.regions.map((r) => [r.code, r]));
  return {
    demo: data.demo ?? false,
    services: data.services.map((s) => ({ code: s.code, label: s.label, documents: s.documents ?? data.defaultDocuments ?? [] })),
    regions: data.regions.map((r) => ({ code: r.code, name: r.name, timeZone: r.timeZone })),
    offices: data.offices.map((o) => {
      const region = regions.get(o.region)!;
      const timeZone = o.timeZone ?? region.timeZone;
      const hours = { timeZone, ...Object.fromEntries(WEEKDAYS.map((day) => [day, o.hours[day] ?? []])) } as WeeklyHours;
      return {
        id: o.id,
        name: o.name,
        regionCode: region.code,
        region: region.name,
        city: o.city,
        address: o.address,
        phone: o.phone,
        lat: o.lat,
        lon: o.lon,
        timeZone,
        hours,
        services: o.services,
        accessibility: { stepFree: o.accessibility.stepFree, ...(o.accessibility.notes ? { notes: o.accessibility.notes } : {}) },
        peakHours: o.peakHours ?? [],
      };
    }),
  };
}

/** Validates a parsed dataset; throws naming `where` and every bad path. */
export function parseOfficeDataset(raw: unknown, where: string): OfficeDataset {
  const result = OfficeDatasetSchema.safeParse(raw);
  const problems: Problem[] = result.success
    ? crossCheck(result.data)
    : result.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message }));
  if (problems.length > 0) {
    const lines = problems.map((p) => `  - ${formatPath(p.path)}: ${p.message}`);
    throw new Error(`Invalid offices data ${where}:\n${lines.join('\n')}`);
  }
  return resolve(result.data!);
}

/** Reads and validates the dataset at `path` (default: the demo set). */
export function loadOfficeDataset(path: string | URL = DEFAULT_OFFICES_DATA_PATH): OfficeDataset {
  const { raw, where } = readJsonFile(path, 'offices data');
  return parseOfficeDataset(raw, where);
}
