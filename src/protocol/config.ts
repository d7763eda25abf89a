import { z } from 'zod/mini';
import { contract } from './contract.js';
import { REQUEST_TYPES } from './request-types.js';
import { DEFAULT_STATUSES, StatusDefinition } from './status-vocabulary.js';

/** Feature channels a citizen can reach from the home view, in display order. */
export const CHANNELS = ['chat', 'request', 'status', 'callback', 'offices'] as const;
export type ChannelId = (typeof CHANNELS)[number];

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

const MB = 1024 * 1024;

/** "HH:MM", 00:00 to 23:59, and 24:00 as the end of a day. */
const clockTime = z.string().check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Expected HH:MM'));

/** One opening interval within a day; `to` is after `from` (no overnight ranges: split them). */
export const TimeRange = z.strictObject({ from: clockTime, to: clockTime }).check(
  z.refine((r) => r.from < r.to, { message: '`to` must be later than `from`', path: ['to'] }),
);
export type TimeRange = z.infer<typeof TimeRange>;

const dayHours = z._default(z.array(TimeRange), []);

/**
 * Opening hours per weekday in the wall-clock time of `timeZone` (Moscow unless stated).
 * A day with no ranges, or left out, is a day off.
 */
export const WeeklyHours = z.strictObject({
  timeZone: z._default(z.string().check(z.minLength(1)), 'Europe/Moscow'),
  mon: dayHours,
  tue: dayHours,
  wed: dayHours,
  thu: dayHours,
  fri: dayHours,
  sat: dayHours,
  sun: dayHours,
});
export type WeeklyHours = z.infer<typeof WeeklyHours>;

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/**
 * A site owner's text in the widget's languages: `{ ru, en }` (either may be left out), or one
 * string, taken as Russian. Where the page's language has none, the other is shown with its own
 * `lang` (WCAG 3.1.2).
 */
const localizedText = (max: number) =>
  z.union([
    text(max),
    z.strictObject({ ru: z.optional(text(max)), en: z.optional(text(max)) }).check(z.refine((v) => v.ru !== undefined || v.en !== undefined, 'Expected ru or en')),
  ]);
export type LocalizedText = string | { ru?: string | undefined; en?: string | undefined };

/** Russian phone numbers as people write them: +7 800 555-35-35, 8 (800) 555 35 35, … */
const phoneNumber = z.string().check(z.regex(/^\+?[\d\s()\u2011-]{5,24}$/, 'Expected a phone number'));

const channel = z.prefault(
  z.strictObject({
    enabled: z._default(z.boolean(), true),
    hours: z.optional(WeeklyHours),
  }),
  {},
);

export const Channels = z.strictObject({
  chat: channel,
  request: channel,
  status: channel,
  callback: channel,
  offices: channel,
});

export const ContactPhone = z.strictObject({
  number: phoneNumber,
  label: z.optional(localizedText(120)),
  hours: z.optional(WeeklyHours),
});
export const ContactEmail = z.strictObject({
  address: z.email(),
  label: z.optional(localizedText(120)),
  hours: z.optional(WeeklyHours),
});
export const ContactMessenger = z.strictObject({
  label: localizedText(60),
  url: z.httpUrl(),
});

export const Contacts = z.strictObject({
  phones: z._default(z.array(ContactPhone), []),
  emails: z._default(z.array(ContactEmail), []),
  messengers: z._default(z.array(ContactMessenger), []),
  /**
   * The public report of the support service's figures (the backend's /report/ with
   * PUBLIC_REPORT=1): the contacts card links to it. An http(s) URL, or a path from the site's
   * root (`/report/`) when the widget's page and the backend share an origin.
   */
  reportUrl: z.optional(
    z.string().check(
      z.maxLength(500),
      z.refine((v) => /^https?:\/\/[^\s]+$/i.test(v) || /^\/(?![/\\])[^\s]*$/.test(v), 'Expected an http(s) URL or a path from the site root, like /report/'),
    ),
  ),
});
export type Contacts = z.infer<typeof Contacts>;

/** Texts a site owner may override, per locale. */
export const OverridableTexts = z.strictObject({
  launcher: z.optional(text(40)),
  title: z.optional(text(80)),
  intro: z.optional(text(400)),
  /** The consent to personal-data processing the request form asks for. */
  consent: z.optional(text(1000)),
});
export type OverridableTexts = z.infer<typeof OverridableTexts>;

/**
 * The widget's whole configuration: the single source of truth.
 * Every field has a default, so `WidgetConfig.parse({})` is a working configuration.
 */
export const WidgetConfig = z.strictObject({
  /** Base URL of the backend ('' = the origin that served the script or page). */
  backend: z._default(
    z.string().check(z.refine((v) => v === '' || /^https?:\/\/[^\s]+$/.test(v), 'Expected an http(s) URL')),
    '',
  ),
  /** Interface language; when absent, `<html lang>` decides, then Russian. */
  locale: z.optional(z.enum(LOCALES)),
  position: z.prefault(
    z.strictObject({
      side: z._default(z.enum(['right', 'left']), 'right'),
      offsetX: z._default(z.number().check(z.gte(0), z.lte(400)), 24),
      offsetY: z._default(z.number().check(z.gte(0), z.lte(400)), 24),
    }),
    {},
  ),
  theme: z.prefault(
    z.strictObject({
      /**
       * Light unless the site says otherwise: a government page is light, and a dark panel on it
       * would follow the visitor's OS, not the site. 'auto' follows prefers-color-scheme.
       */
      scheme: z._default(z.enum(['auto', 'light', 'dark']), 'light'),
      /** High-contrast, large-text mode for low-vision visitors («версия для слабовидящих»). */
      contrast: z._default(z.boolean(), false),
      /** Its colours, as the site's own low-vision version: black on white, or white on black. */
      contrastColors: z._default(z.enum(['black-on-white', 'white-on-black']), 'black-on-white'),
    }),
    {},
  ),
  channels: z.prefault(Channels, {}),
  contacts: z.prefault(Contacts, {}),
  attachments: z.prefault(
    z.strictObject({
      types: z._default(z.array(z.enum(ATTACHMENT_TYPES)).check(z.minLength(1)), [...ATTACHMENT_TYPES]),
      maxSizeBytes: z._default(z.number().check(z.gte(1), z.lte(50 * MB)), 5 * MB),
      maxCount: z._default(z.number().check(z.gte(0), z.lte(20)), 5),
    }),
    {},
  ),
  texts: z.prefault(z.strictObject({ ru: z.optional(OverridableTexts), en: z.optional(OverridableTexts) }), {}),
  /** The status vocabulary (from the backend's config; these are only defaults). */
  statuses: z._default(z.array(StatusDefinition).check(z.minLength(1)), DEFAULT_STATUSES.map((s) => StatusDefinition.parse(s))),
  /**
   * The host site's signed identity token for the person signed in on it (a JWT the site's
   * backend signs with the secret it shares with the support backend, IDENTITY_SECRET): a chat
   * then starts linked to that person. Set on the page only (`configure({ identityToken })`);
   * the backend's /config never carries it.
   */
  identityToken: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  /** Hash parameter of tracking links: `…#gs-status=2026-000123` opens the status view. */
  statusParam: z._default(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,30}$/)), 'gs-status'),
  requestForm: z.prefault(
    z.strictObject({
      /** Request types offered, in this order. */
      types: z._default(z.array(z.enum(REQUEST_TYPES)).check(z.minLength(1)), [...REQUEST_TYPES]),
      /** Personal-data policy the consent links to. */
      policyUrl: z.optional(z.httpUrl()),
      descriptionMaxLength: z._default(z.number().check(z.gte(100), z.lte(20_000)), 4000),
      /** How long a draft is kept on the device. */
      draftTtlHours: z._default(z.number().check(z.gte(1), z.lte(24 * 30)), 72),
    }),
    {},
  ),
  /**
   * The office finder: route providers (URL templates with {lat} {lon}; absent = Yandex Maps,
   * 2GIS and OpenStreetMap) and map tiles ({z} {x} {y}; absent = no tiles, markers only).
   */
  offices: z.optional(
    z.strictObject({
      routes: z.optional(z.array(z.strictObject({ name: text(40), url: z.httpUrl() }))),
      tileUrl: z.optional(text(300)),
      tileAttribution: z.optional(text(200)),
    }),
  ),
});
export type WidgetConfig = z.infer<typeof WidgetConfig>;

type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** What a site owner passes to `GovSupport.configure()` or the backend answers on `GET /config`. */
export type WidgetConfigInput = DeepPartial<WidgetConfig>;

/** `GET /config`: the backend's configuration for the widget (any subset of WidgetConfig but `backend`). */
export const ConfigResponse = z.omit(WidgetConfig, { backend: true, identityToken: true });
export type ConfigResponse = z.infer<typeof ConfigResponse>;

export const configEndpoints = {
  /**
   * The widget takes the answer as the backend's layer of its configuration and resolves it field
   * by field with the page's own layers (resolveConfig: one bad value drops only itself), so its
   * entry parses nothing here; the server answers a ConfigResponse (endpoints.ts).
   */
  getConfig: contract()({ method: 'GET', path: '/config', response: z.unknown() }),
};
