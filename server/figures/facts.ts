import type { CallbackFact } from '../callbacks/index.js';
import type { ChatFact } from '../chat/index.js';
import type { VisitFact } from '../offices/index.js';
import type { RequestFact } from '../requests/index.js';

/**
 * What the figures are computed from: each feature's contacts of a period, read by the query
 * it exports from its index.ts (server-internal shapes, never sent as they are).
 */
export type { CallbackFact, ChatFact, RequestFact, VisitFact };

export interface ContactFacts {
  requests: readonly RequestFact[];
  callbacks: readonly CallbackFact[];
  chats: readonly ChatFact[];
  visits: readonly VisitFact[];
}

/** One answered survey (server/surveys/, wired in once it exists). */
export interface SurveyFact {
  channel: 'request' | 'callback' | 'visit' | 'chat';
  topic: string;
  operator: string | null;
  resolved: 'yes' | 'partly' | 'no';
  rating: number;
  answeredAt: string;
}
