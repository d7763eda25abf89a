import type { TimeRange } from '#protocol/config.js';
import type { LoadLevel, OfficeLoad } from '#protocol/offices.js';
import { minutesOfDay } from '../scheduling/calendar-date.js';
import type { LoadSettings } from './settings.js';

/**
 * How busy an office is in an hour (pure): the usual level of that hour (the office's own peak
 * hours, else the hourly profile of the settings) as a percent of capacity, plus the share of the
 * hour's bookable places already booked, weighted; then a level by the thresholds and a wait.
 */

/**
 * The usual level of `hour` (0–23, the office's wall clock). An office with peak hours of its own
 * is `high` in them and at most `medium` elsewhere (the profile's peaks are the general rule that
 * its own replace); without, the profile's level.
 */
export function usualLevel(hour: number, peakHours: readonly TimeRange[], load: LoadSettings): LoadLevel {
  const profiled = load.profile[String(hour)] ?? load.defaultLevel;
  if (peakHours.length === 0) return profiled;
  const at = hour * 60;
  if (peakHours.some((r) => minutesOfDay(r.from) <= at && at < minutesOfDay(r.to))) return 'high';
  return profiled === 'high' ? 'medium' : profiled;
}

export function levelOf(percent: number, load: LoadSettings): LoadLevel {
  if (percent >= load.thresholds.high) return 'high';
  if (percent >= load.thresholds.medium) return 'medium';
  return 'low';
}

export interface HourLoad extends OfficeLoad {
  percent: number;
}

/**
 * The load of one hour: `booked` visits of `capacity` bookable places (all services), with the
 * usual level of the hour.
 */
export function hourLoad(input: { hour: number; booked: number; capacity: number; peakHours: readonly TimeRange[] }, load: LoadSettings): HourLoad {
  const usual = load.levelPercent[usualLevel(input.hour, input.peakHours, load)];
  const bookedShare = input.capacity > 0 ? Math.min(1, input.booked / input.capacity) * 100 : 0;
  const percent = Math.min(100, Math.round(usual + load.bookingsWeight * bookedShare));
  const waitMinutes = Math.round((percent / 100) * load.waitMinutesAtFull / 5) * 5;
  return { level: levelOf(percent, load), percent, waitMinutes };
}
