import type { ContactChannel, SurveyLink } from '#protocol/quality.js';

/**
 * A contact that has finished, as the feature that owns it describes it to the surveys (shared
 * vocabulary of issue 17): its channel, its reference (request, callback or booking number; chat
 * conversation id), its topic (request type, callback topic, booking service code, chat kind), the
 * operator who handled it, when it finished, and where the citizen chose to be written to.
 * Nothing else about the person: `notify` goes to the outbox only, never into the surveys table.
 */
export interface FinishedContact {
  channel: ContactChannel;
  ref: string;
  topic: string;
  operator: string | null;
  /** ISO. */
  finishedAt: string;
  /** The e-mail or SMS the citizen chose: the survey's link goes there once, when its row is made. */
  notify?: { channel: 'email' | 'sms'; recipient: string } | undefined;
}

/** Which finished contacts a feature's `finishedContacts` query returns. */
export type FinishedContactFilter =
  /** Those that finished in (from, to] (ISO). */
  | { from: string; to: string }
  /** The contact `ref`, if it has finished by `to`. */
  | { ref: string; to: string };

/** What the other features get of the surveys (wired in app.ts). */
export interface SurveyRecorder {
  /**
   * Records that a contact finished: its survey row (once per contact, race-safe) and, when the row
   * is new and `notify` given, the link in the outbox in the same transaction. Never rejects: a
   * failure is logged (the sweep repairs it later) and gives undefined; otherwise the token.
   */
  finished(contact: FinishedContact): Promise<string | undefined>;
  /** The survey of a finished contact for the citizen's view: its token and whether it was answered. */
  link(channel: ContactChannel, ref: string): Promise<SurveyLink>;
}
