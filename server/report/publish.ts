import type { FigureSet, FiguresResponse } from '#protocol/figures.js';
import { CONTACT_CHANNELS, type ContactChannel } from '#protocol/quality.js';
import type { ReportFigures } from '#protocol/report.js';

/**
 * The public report's figures of a month: what is frozen (before suppression) and what is shown
 * (after it). Pure: no I/O, no clock.
 *
 * Suppression (docs/backend.md «Публичный отчёт»): a figure that rests on fewer than `minGroup`
 * contacts or survey answers is `{ suppressed: true }` — a whole channel with fewer contacts
 * handled, the median reaction of fewer reactions, the share resolved of fewer counted
 * contacts, the survey of fewer answers. Since the total is published too, a suppressed
 * channel could be worked out as the total minus the channels shown; so when the suppressed
 * channels of a figure together hold between 1 and `minGroup − 1` contacts (or answers) while
 * the total's figure is shown, the smallest shown channel is suppressed as well, until they hold
 * none or at least `minGroup` (complementary suppression). The median is not additive: only the
 * primary rule applies to it, and the number of reactions it rests on is not published (that
 * number would be additive).
 */

/** The version of this method, stored with each frozen month. */
export const REPORT_METHOD = 1;

/** One group's figures as frozen: counts, the median reaction, the shares; nothing personal. */
export interface FrozenFigures {
  handled: number;
  /** null: no reaction time in this channel (office visits). */
  firstReaction: { count: number; medianMinutes: number | null } | null;
  /** null: not defined for this channel (office visits). */
  firstContact: { count: number; matching: number; percent: number | null } | null;
  surveys: { answers: number; ratingMean: number | null; resolvedPercent: number | null };
}

/** A month as frozen in `public_reports.figures`. */
export interface FrozenMonth {
  total: FrozenFigures;
  channels: Record<ContactChannel, FrozenFigures>;
}

const EMPTY: FigureSet = {
  handled: 0,
  firstReaction: { count: 0, medianMinutes: null, p90Minutes: null },
  resolution: { count: 0, medianMinutes: null, p90Minutes: null },
  firstContactResolution: { count: 0, matching: 0, percent: null },
  overdue: { count: 0, matching: 0, percent: null },
  surveys: { answers: 0, ratingMean: null, resolvedPercent: null },
};

/** Office visits have no reaction time and no «first contact»: the figures define neither. */
const hasReaction = (channel: ContactChannel | 'total') => channel !== 'visit';

function frozen(set: FigureSet, channel: ContactChannel | 'total'): FrozenFigures {
  return {
    handled: set.handled,
    firstReaction: hasReaction(channel) ? { count: set.firstReaction.count, medianMinutes: set.firstReaction.medianMinutes } : null,
    firstContact: hasReaction(channel) ? { ...set.firstContactResolution } : null,
    surveys: { ...set.surveys },
  };
}

/** The month's figures to freeze, from the figures grouped by channel (every channel, even without contacts). */
export function freeze(figures: FiguresResponse): FrozenMonth {
  const of = (channel: ContactChannel) => figures.groups.find((g) => g.channel === channel)?.figures ?? EMPTY;
  return {
    total: frozen(figures.totals, 'total'),
    channels: Object.fromEntries(CONTACT_CHANNELS.map((channel) => [channel, frozen(of(channel), channel)])) as Record<ContactChannel, FrozenFigures>,
  };
}

/**
 * The channels to hide for one additive figure: those under `minGroup` (and those already
 * hidden), then the complementary ones. `counts` holds each channel's base count, undefined
 * where the figure does not apply.
 */
export function hiddenChannels(
  counts: Partial<Record<ContactChannel, number>>,
  total: number,
  minGroup: number,
  alreadyHidden: ReadonlySet<ContactChannel> = new Set(),
): Set<ContactChannel> {
  const applies = CONTACT_CHANNELS.filter((channel) => counts[channel] !== undefined);
  const hidden = new Set(applies.filter((channel) => alreadyHidden.has(channel) || counts[channel]! < minGroup));
  if (total < minGroup) return new Set(applies);
  for (;;) {
    const held = [...hidden].reduce((sum, channel) => sum + counts[channel]!, 0);
    if (held === 0 || held >= minGroup) return hidden;
    const shown = applies.filter((channel) => !hidden.has(channel));
    if (shown.length === 0) return hidden;
    // The smallest shown channel (the first of equals in CONTACT_CHANNELS' order).
    hidden.add(shown.reduce((a, b) => (counts[b]! < counts[a]! ? b : a)));
  }
}

const SUPPRESSED = { suppressed: true } as const;

/** The figures as published, with `minGroup` applied. */
export function publish(month: FrozenMonth, minGroup: number): { total: ReportFigures; channels: Record<ContactChannel, ReportFigures> } {
  const each = <T>(pick: (f: FrozenFigures) => T): Partial<Record<ContactChannel, T>> =>
    Object.fromEntries(CONTACT_CHANNELS.map((channel) => [channel, pick(month.channels[channel])]));
  const defined = <T>(values: Partial<Record<ContactChannel, T | null>>): Partial<Record<ContactChannel, T>> =>
    Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) as Partial<Record<ContactChannel, T>>;

  const groups = hiddenChannels(each((f) => f.handled), month.total.handled, minGroup);
  const resolvedHidden = hiddenChannels(
    defined(each((f) => f.firstContact?.count ?? null)),
    month.total.firstContact?.count ?? 0,
    minGroup,
    groups,
  );
  const answersHidden = hiddenChannels(each((f) => f.surveys.answers), month.total.surveys.answers, minGroup, groups);

  const shown = (f: FrozenFigures, resolvedSuppressed: boolean, answersSuppressed: boolean): ReportFigures => {
    if (f.handled < minGroup) return SUPPRESSED;
    const reaction = f.firstReaction;
    const share = f.firstContact;
    return {
      suppressed: false,
      handled: f.handled,
      firstReaction:
        reaction === null ? null : reaction.count < minGroup || reaction.medianMinutes === null ? SUPPRESSED : { suppressed: false, medianMinutes: reaction.medianMinutes },
      resolvedAtFirstContact:
        share === null ? null : resolvedSuppressed || share.count < minGroup || share.percent === null ? SUPPRESSED : { suppressed: false, percent: share.percent, count: share.count },
      satisfaction:
        answersSuppressed || f.surveys.answers < minGroup || f.surveys.ratingMean === null || f.surveys.resolvedPercent === null
          ? SUPPRESSED
          : { suppressed: false, ratingMean: f.surveys.ratingMean, resolvedPercent: f.surveys.resolvedPercent, answers: f.surveys.answers },
    };
  };
  const channels = Object.fromEntries(
    CONTACT_CHANNELS.map((channel) => [
      channel,
      groups.has(channel) ? SUPPRESSED : shown(month.channels[channel], resolvedHidden.has(channel), answersHidden.has(channel)),
    ]),
  ) as Record<ContactChannel, ReportFigures>;
  return { total: shown(month.total, false, false), channels };
}
