import type { WeeklyHours } from '#protocol/config.js';
import { createSlotCalendar, type SlotCalendar } from '../scheduling/slot-calendar.js';
import type { CallbackSettings } from './settings.js';

/** The callback line's calendar: its hours, holidays and slots (scheduling/slot-calendar.ts). */
export type CallbackCalendar = SlotCalendar;

/**
 * The line's calendar in `hours` (`channels.callback.hours` of the widget config, see
 * `callbackHours`), its slots cut and offered by the callback settings.
 */
export function createCallbackCalendar(hours: WeeklyHours, settings: CallbackSettings): CallbackCalendar {
  return createSlotCalendar(hours, settings);
}
