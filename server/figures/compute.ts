import type { ContactChannel } from '#protocol/quality.js';
import { CONTACT_CHANNELS } from '#protocol/quality.js';
import type { FigureSet, FiguresGroup, FiguresGrouping, QueueCell } from '#protocol/figures.js';
import { offsetAt, workingClock, type WorkingClock, type WorkingLine } from '../scheduling/working-time.js';
import type { ContactFacts, RequestFact, SurveyFact } from './facts.js';

/**
 * The supervisor's figures from the facts of a period: pure, no I/O, no clock of its own
 * (docs/backend.md «Figures» has every definition).
 *
 * Percentiles are by the **nearest rank**: of n values sorted ascending, the p-th percentile is
 * the value at rank ⌈p/100 · n⌉ (1-based). The median is the 50th percentile so computed: of an
 * even count, the lower of the two middle values. Every figure is then a value that occurred.
 */

export interface FiguresInput {
  /** The period `[from, to)` in ms: from 00:00 Moscow of its first day to 00:00 after its last. */
  from: number;
  to: number;
  /** The moment the figures are as of: the period's end, or now if that is earlier. */
  asOf: number;
  groupBy: FiguresGrouping;
  /** The working hours of each line (visits need none: their figures have no reaction time). */
  lines: { request: WorkingLine; callback: WorkingLine; chat: WorkingLine };
  facts: ContactFacts;
  surveys: readonly SurveyFact[];
}

export interface ComputedFigures {
  totals: FigureSet;
  groups: FiguresGroup[];
  queueWait: { chat: QueueCell[]; callback: QueueCell[] };
}

const MINUTE = 60_000;

/** The p-th percentile by nearest rank of `sorted` (ascending), or null when empty. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Milliseconds as minutes to 0.1. */
export const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / (MINUTE / 10)) / 10);
/** `part` of `whole` in per cent to 0.1 (null of nothing). */
export const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

/** What one group gathers. */
class Tally {
  handled = 0;
  reaction: number[] = [];
  resolution: number[] = [];
  fcrCount = 0;
  fcrYes = 0;
  overdueCount = 0;
  overdueYes = 0;
  answers = 0;
  ratingSum = 0;
  resolvedYes = 0;

  figures(): FigureSet {
    const duration = (values: number[]) => {
      values.sort((a, b) => a - b);
      return { count: values.length, medianMinutes: minutes(nearestRank(values, 50)), p90Minutes: minutes(nearestRank(values, 90)) };
    };
    return {
      handled: this.handled,
      firstReaction: duration(this.reaction),
      resolution: duration(this.resolution),
      firstContactResolution: { count: this.fcrCount, matching: this.fcrYes, percent: percent(this.fcrYes, this.fcrCount) },
      overdue: { count: this.overdueCount, matching: this.overdueYes, percent: percent(this.overdueYes, this.overdueCount) },
      surveys: {
        answers: this.answers,
        ratingMean: this.answers === 0 ? null : Math.round((100 * this.ratingSum) / this.answers) / 100,
        resolvedPercent: percent(this.resolvedYes, this.answers),
      },
    };
  }
}

/** One contact's part in the figures. */
interface Contribution {
  channel: ContactChannel;
  topic: string;
  operator: string | null;
  handled: boolean;
  reaction?: number;
  resolution?: number;
  /** Counted for «resolved at first contact»: whether it was. */
  firstContact?: boolean;
  /** Counted for the overdue share: whether it was. */
  overdue?: boolean;
}

/** Hour of the week (0 = Monday 00:00–01:00) of `instant` on the wall clock of `timeZone`. */
function hourOfWeekIn(timeZone: string): (instant: number) => number {
  const offsets = new Map<number, number>();
  return (instant) => {
    // Offsets change on whole quarter hours at the most: one Intl call per quarter hour seen.
    const quarter = Math.floor(instant / (15 * MINUTE));
    let offset = offsets.get(quarter);
    if (offset === undefined) offsets.set(quarter, (offset = offsetAt(quarter * 15 * MINUTE, timeZone)));
    const wall = new Date(instant + offset);
    return ((wall.getUTCDay() + 6) % 7) * 24 + wall.getUTCHours();
  };
}

function queueCells(waits: { at: number; ms: number }[], timeZone: string): QueueCell[] {
  const hourOf = hourOfWeekIn(timeZone);
  const cells: number[][] = Array.from({ length: 7 * 24 }, () => []);
  for (const { at, ms } of waits) cells[hourOf(at)]!.push(ms);
  return cells.map((values, i) => {
    values.sort((a, b) => a - b);
    return { weekday: Math.floor(i / 24), hour: i % 24, count: values.length, medianMinutes: minutes(nearestRank(values, 50)) };
  });
}

/**
 * When a request was resolved as things stood at `end` (ms): the last time it became final, if it
 * is in a final status at `end` (the last change before `end` was not a reopening); else null.
 */
export function standingResolution(r: Pick<RequestFact, 'finals' | 'reopenings'>, end: number): number | null {
  // They alternate (final, reopening, final, …), so counting is enough, also for equal times.
  const finals = r.finals.filter((t) => t < end).length;
  const reopenings = r.reopenings.filter((t) => t < end).length;
  return finals > reopenings ? r.finals[finals - 1]! : null;
}

export function computeFigures(input: FiguresInput): ComputedFigures {
  const { from, to, asOf, facts } = input;
  const inPeriod = (t: number | null): t is number => t !== null && t >= from && t < to;

  // Each line's working time, prepared once over the span of its facts.
  let spanFrom = from;
  let spanTo = to;
  const widen = (t: number | null) => {
    if (t === null) return;
    if (t < spanFrom) spanFrom = t;
    if (t > spanTo) spanTo = t;
  };
  for (const r of facts.requests) widen(r.createdAt), widen(r.finals.at(-1) ?? null), widen(r.firstReactionAt);
  for (const c of facts.callbacks) widen(Math.min(c.createdAt, c.windowStart)), widen(c.calledAt), widen(c.firstReactionAt);
  for (const c of facts.chats) widen(c.queuedAt), widen(c.closedAt), widen(c.takenAt);
  spanTo += 1;
  const clocks = new Map<string, WorkingClock>();
  const clock = (name: 'request' | 'callback' | 'chat') => {
    let found = clocks.get(name);
    if (!found) clocks.set(name, (found = workingClock(input.lines[name], spanFrom, spanTo)));
    return found;
  };

  const contributions: Contribution[] = [];
  const chatWaits: { at: number; ms: number }[] = [];
  const callbackWaits: { at: number; ms: number }[] = [];

  for (const r of facts.requests) {
    const line = clock('request');
    // Reopened requests count against «resolved»: a request is resolved at the period's end only
    // if it is in a final status then, and resolved since it last became final (not before a
    // reopening). Only what happened before the period's end counts: the same period, the same figures.
    const resolvedAt = standingResolution(r, to);
    const handled = inPeriod(resolvedAt);
    const c: Contribution = { channel: 'request', topic: r.topic, operator: r.operator, handled };
    if (inPeriod(r.firstReactionAt)) c.reaction = line.ms(r.createdAt, r.firstReactionAt);
    const reopenedInPeriod = r.reopenings.some((t) => inPeriod(t));
    if (handled) {
      c.resolution = line.ms(r.createdAt, resolvedAt!);
      const reopened = r.reopenedAt !== null && r.reopenedAt < to;
      const awaited = r.awaitingAt !== null && r.awaitingAt <= resolvedAt!;
      c.firstContact = r.firstFinalStatus === 'completed' && !reopened && !awaited;
      c.overdue = resolvedAt! > r.dueAt;
    } else if (r.createdAt < to && resolvedAt === null) {
      // Open at the period's end (never final, or reopened and not final again).
      c.overdue = asOf > r.dueAt;
      // Reopened in the period and still open: not resolved at first contact.
      if (reopenedInPeriod) c.firstContact = false;
    }
    contributions.push(c);
  }

  for (const cb of facts.callbacks) {
    const line = clock('callback');
    const start = Math.max(cb.createdAt, cb.windowStart);
    const handled = inPeriod(cb.calledAt);
    const c: Contribution = { channel: 'callback', topic: cb.topic, operator: cb.operator, handled };
    if (inPeriod(cb.firstReactionAt)) c.reaction = line.ms(start, cb.firstReactionAt);
    if (handled) {
      c.resolution = line.ms(start, cb.calledAt!);
      c.firstContact = cb.noAnswers === 0;
      c.overdue = cb.calledAt! > cb.windowEnd;
      if (cb.asap) callbackWaits.push({ at: cb.createdAt, ms: cb.calledAt! - cb.createdAt });
    } else if (cb.createdAt < to && (cb.closedAt === null || cb.closedAt >= to)) {
      c.overdue = asOf > cb.windowEnd;
    }
    contributions.push(c);
  }

  for (const chat of facts.chats) {
    const line = clock('chat');
    const handled = chat.takenAt !== null && inPeriod(chat.closedAt);
    const c: Contribution = { channel: 'chat', topic: chat.topic, operator: chat.operator, handled };
    if (inPeriod(chat.takenAt)) {
      c.reaction = line.ms(chat.queuedAt, chat.takenAt);
      chatWaits.push({ at: chat.queuedAt, ms: chat.takenAt - chat.queuedAt });
    }
    if (handled) {
      c.resolution = line.ms(chat.queuedAt, chat.closedAt!);
      c.firstContact = !chat.transferred && !chat.escalated && !chat.returned;
    }
    contributions.push(c);
  }

  for (const v of facts.visits) {
    const handled = inPeriod(v.slotEnd) && v.slotEnd <= asOf && (v.status === 'booked' || v.status === 'visited');
    contributions.push({ channel: 'visit', topic: v.topic, operator: null, handled });
  }

  // Gather per group and in total.
  const keyOf = (x: { channel: ContactChannel; topic: string; operator: string | null }): string =>
    input.groupBy === 'channel' ? x.channel : input.groupBy === 'topic' ? `${x.channel}\u0000${x.topic}` : (x.operator ?? '\u0000');
  const groups = new Map<string, { group: Omit<FiguresGroup, 'figures'>; tally: Tally }>();
  const totals = new Tally();
  const tallyOf = (x: { channel: ContactChannel; topic: string; operator: string | null }): Tally => {
    const key = keyOf(x);
    let found = groups.get(key);
    if (!found) {
      const group: Omit<FiguresGroup, 'figures'> =
        input.groupBy === 'channel' ? { channel: x.channel } : input.groupBy === 'topic' ? { channel: x.channel, topic: x.topic } : { operator: x.operator };
      groups.set(key, (found = { group, tally: new Tally() }));
    }
    return found.tally;
  };
  for (const c of contributions) {
    const counts = c.handled || c.reaction !== undefined || c.overdue !== undefined;
    if (!counts) continue;
    for (const tally of [totals, tallyOf(c)]) {
      if (c.handled) tally.handled++;
      if (c.reaction !== undefined) tally.reaction.push(c.reaction);
      if (c.resolution !== undefined) tally.resolution.push(c.resolution);
      if (c.firstContact !== undefined) {
        tally.fcrCount++;
        if (c.firstContact) tally.fcrYes++;
      }
      if (c.overdue !== undefined) {
        tally.overdueCount++;
        if (c.overdue) tally.overdueYes++;
      }
    }
  }
  for (const s of input.surveys) {
    if (!inPeriod(Date.parse(s.answeredAt))) continue;
    for (const tally of [totals, tallyOf(s)]) {
      tally.answers++;
      tally.ratingSum += s.rating;
      if (s.resolved === 'yes') tally.resolvedYes++;
    }
  }

  const channelRank = (channel: ContactChannel | undefined) => CONTACT_CHANNELS.indexOf(channel!);
  const ordered = [...groups.values()].sort((a, b) => {
    const x = a.group;
    const y = b.group;
    if (input.groupBy === 'operator') {
      if (x.operator === null) return 1;
      if (y.operator === null) return -1;
      return x.operator!.localeCompare(y.operator!, 'ru');
    }
    return channelRank(x.channel) - channelRank(y.channel) || (x.topic ?? '').localeCompare(y.topic ?? '', 'ru');
  });

  return {
    totals: totals.figures(),
    groups: ordered.map(({ group, tally }) => ({ ...group, figures: tally.figures() })),
    queueWait: {
      chat: queueCells(chatWaits, input.lines.chat.timeZone),
      callback: queueCells(callbackWaits, input.lines.callback.timeZone),
    },
  };
}
