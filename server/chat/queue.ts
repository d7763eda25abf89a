import type { ChatQueueInfo } from '#protocol/chat.js';

/** What a wait estimate is made from. */
export interface QueueSettings {
  /** A conversation's handling time when there is no history yet (minutes). */
  defaultHandlingMinutes: number;
  /** How many of the latest handled conversations make the average. */
  historySize: number;
  /** Only conversations closed this recently count (ms). */
  historyWindowMs: number;
  /** Past this many minutes of estimated wait, the update offers a callback. */
  callbackThresholdMinutes: number;
}

export const DEFAULT_QUEUE_SETTINGS: Readonly<QueueSettings> = {
  defaultHandlingMinutes: 8,
  historySize: 20,
  historyWindowMs: 24 * 60 * 60 * 1000,
  callbackThresholdMinutes: 20,
};

/**
 * The estimate for the conversation at `position` (1 = next): each available operator clears one
 * conversation per average handling time, so the wait is the handling time times the
 * conversations ahead (and this one) shared among the operators, rounded up. With no operator
 * available it is counted as one (someone will come back); `closedForMinutes` adds the time until
 * operators' hours begin.
 */
export function estimateQueue(
  position: number,
  input: { availableOperators: number; handlingMs: readonly number[]; closedForMinutes?: number },
  settings: QueueSettings,
): ChatQueueInfo {
  const handling = input.handlingMs.length > 0 ? average(input.handlingMs) / 60_000 : settings.defaultHandlingMinutes;
  const operators = Math.max(1, input.availableOperators);
  const waiting = Math.ceil((position * Math.max(0.5, handling)) / operators) + Math.max(0, Math.ceil(input.closedForMinutes ?? 0));
  return { position, estimatedWaitMinutes: waiting, callbackOffered: waiting > settings.callbackThresholdMinutes };
}

function average(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
