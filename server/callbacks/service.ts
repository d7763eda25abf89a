import type { AsapRefusal, CallbackSlot, CallbackSlots } from '#protocol/callback.js';
import type { FieldIssue } from '#protocol/error.js';
import type { SurveyLink } from '#protocol/quality.js';
import type { RequestStatusView } from '#protocol/status.js';
import { HttpError } from '../http/errors.js';
import { addDays, badDateQuery, isCalendarDate } from '../scheduling/calendar-date.js';
import { MinuteMemo, minuteKey } from '../scheduling/minute-memo.js';
import { slotView, type SlotProblem } from '../scheduling/slot-calendar.js';
import { SLOT_FULL_MESSAGE, SlotConflict } from '../scheduling/slot-conflict.js';
import type { SurveyRecorder } from '../surveys/index.js';
import type { CallbackCalendar } from './calendar.js';
import { callbackContact } from './finished.js';
import type { CallbackSettings } from './settings.js';
import type { CallbackRow, CallbackStore, Placement } from './store.js';
import { callbackStatusView } from './views.js';

const MINUTE = 60_000;
const INVALID = 'Данные запроса не прошли проверку.';

/** Why a `slotStart` is refused, for people reading the API (the widget shows its own text for `invalid`). */
export const SLOT_PROBLEM_MESSAGES: Record<SlotProblem, string> = {
  past: 'Это время уже прошло или наступит слишком скоро: выберите время из списка свободных.',
  beyond_horizon: 'На это время запись ещё не открыта: выберите время из списка свободных.',
  holiday: 'В этот день линия обратного звонка не работает: выберите другой день.',
  not_a_slot: 'На это время звонок назначить нельзя: выберите время из списка свободных.',
};

/** Why «как можно скорее» is refused (409). */
export const ASAP_REFUSAL_MESSAGES: Record<AsapRefusal, string> = {
  closed: 'Сейчас линия обратного звонка не работает, поэтому позвонить «как можно скорее» не получится. Выберите удобное время звонка.',
  holiday: 'Сегодня линия обратного звонка не работает (праздничный день). Выберите удобное время звонка.',
  busy: 'Очередь звонков «как можно скорее» сейчас заполнена. Выберите удобное время звонка.',
};

export interface CallbackService {
  readonly settings: CallbackSettings;
  readonly calendar: CallbackCalendar;
  readonly store: CallbackStore;
  /**
   * `GET /callbacks/slots`: `from` a real date (400 otherwise), `days` 1–14. Kept per minute of
   * `now` and revision of the database (a booking, a cancel or any other write, here or by
   * another process, makes a new one).
   */
  availability(query: { from?: string; days?: string }, now: number): Promise<CallbackSlots>;
  /** The earliest free slot starting after `after` (any free one when there is none after it). */
  nextFree(now: number, after?: number): Promise<CallbackSlot | undefined>;
  /**
   * Where a booking (or a move) goes, checked against the calendar: 400 with an issue on
   * `slotStart` for a time that is not a bookable slot, 409 with `nextSlot` when ASAP is not
   * offered now. Whether the place is still free is the store's transaction to say.
   */
  placement(asap: boolean, slotStart: string | undefined, now: number, options?: { holdsAsapPlace?: boolean }): Promise<Placement>;
  /** The 409 of a place that filled up, with the next free slot. */
  full(placement: Placement, now: number): Promise<SlotConflict>;
  /** The callback as the status lookup and its live stream show it (with its survey once called). */
  statusView(row: CallbackRow, now: number): Promise<RequestStatusView>;
  /** Once called: the citizen's survey of it. */
  survey(row: CallbackRow): Promise<SurveyLink | undefined>;
  /** Tells the surveys the call was made (never rejects). */
  called(row: CallbackRow, operator: string, at: number): Promise<void>;
}

export function createCallbackService(options: {
  settings: CallbackSettings;
  calendar: CallbackCalendar;
  store: CallbackStore;
  surveys?: SurveyRecorder | undefined;
}): CallbackService {
  const { settings, calendar, store, surveys } = options;
  const survey = async (row: CallbackRow) => (surveys && row.status === 'called' ? surveys.link('callback', row.number) : undefined);

  /** Free places of the bookable slots from the date `from` to `to`. */
  const withFree = async (from: string, to: string, now: number) => {
    const slots = calendar.bookable(from, to, now);
    if (slots.length === 0) return [];
    const taken = await store.takenSlots(new Date(slots[0]!.start).toISOString());
    return slots.map((slot) => ({ slot, free: settings.capacityPerInterval - (taken.get(new Date(slot.start).toISOString()) ?? 0) }));
  };

  const nextFree = async (now: number, after?: number): Promise<CallbackSlot | undefined> => {
    const all = (await withFree(calendar.dateOf(now), calendar.lastDate(now), now)).filter((s) => s.free > 0);
    const found = (after === undefined ? undefined : all.find((s) => s.slot.start > after)) ?? all[0];
    return found && slotView(found.slot, found.free);
  };

  /** `holdsPlace`: the callback asking is in the ASAP queue already (a reschedule). */
  const asapState = async (now: number, holdsPlace = false): Promise<{ available: boolean; reason?: AsapRefusal; queue: number }> => {
    const queue = await store.asapQueue();
    if (calendar.isHoliday(calendar.dateOf(now))) return { available: false, reason: 'holiday', queue };
    if (!calendar.isOpen(now)) return { available: false, reason: 'closed', queue };
    if (queue - (holdsPlace ? 1 : 0) >= settings.asapQueueCapacity) return { available: false, reason: 'busy', queue };
    return { available: true, queue };
  };

  /** Answers of `availability` per query (a few dozen at most). */
  const answers = new MinuteMemo<CallbackSlots>(64);

  const availabilityAnew = async (query: { from?: string; days?: string }, now: number): Promise<CallbackSlots> => {
    const today = calendar.dateOf(now);
    const from = query.from ?? today;
    if (!isCalendarDate(from)) throw badDateQuery('from');
    const days = Number(query.days ?? 7);
    const open = calendar.isOpen(now);
    const opensAt = open ? undefined : calendar.opensAt(now);
    const asap = await asapState(now);
    const inRange = (await withFree(from, addDays(from, days - 1), now)).filter((s) => s.free > 0);
    const later = inRange[0] ?? (await withFree(from, calendar.lastDate(now), now)).find((s) => s.free > 0);
    return {
      timeZone: calendar.timeZone,
      intervalMinutes: calendar.intervalMinutes,
      asap: { available: asap.available, ...(asap.reason ? { reason: asap.reason } : {}), promiseMinutes: settings.asapPromiseMinutes, queue: asap.queue },
      open,
      ...(opensAt !== undefined ? { opensAt: new Date(opensAt).toISOString() } : {}),
      slots: inRange.map((s) => slotView(s.slot, s.free)),
      ...(later ? { nextFree: slotView(later.slot, later.free) } : {}),
    };
  };

  return {
    settings,
    calendar,
    store,
    nextFree,
    // The revision is read before the answer is worked out: a booking committed meanwhile makes
    // the next call's revision another one.
    availability: async (query, now) =>
      answers.get(minuteKey(now), await store.revision(), `${query.from ?? ''}\u0000${query.days ?? ''}`, async () =>
        Object.freeze(await availabilityAnew(query, now)),
      ),
    async placement(asap, slotStart, now, options = {}) {
      if (asap) {
        const state = await asapState(now, options.holdsAsapPlace);
        if (!state.available) throw new SlotConflict(ASAP_REFUSAL_MESSAGES[state.reason!], await nextFree(now));
        return { asap: true, windowStart: now, windowEnd: now + settings.asapPromiseMinutes * MINUTE, limit: settings.asapQueueCapacity };
      }
      const checked = calendar.check(Date.parse(slotStart ?? ''), now);
      if (!checked.ok) {
        const issue: FieldIssue = { path: ['slotStart'], code: 'invalid', message: SLOT_PROBLEM_MESSAGES[checked.problem] };
        throw new HttpError(400, 'validation_failed', INVALID, [issue]);
      }
      return { asap: false, slotStart: checked.slot.start, windowEnd: checked.slot.end, limit: settings.capacityPerInterval };
    },
    async full(placement, now) {
      if (placement.asap) return new SlotConflict(ASAP_REFUSAL_MESSAGES.busy, await nextFree(now));
      return new SlotConflict(SLOT_FULL_MESSAGE, await nextFree(now, placement.slotStart));
    },
    async statusView(row, now) {
      const view = callbackStatusView(row, await store.history(row.id), now);
      const link = await survey(row);
      return link ? { ...view, survey: link } : view;
    },
    survey,
    async called(row, operator, at) {
      await surveys?.finished(callbackContact(row, new Date(at).toISOString(), operator));
    },
  };
}
