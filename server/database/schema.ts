import type { Generated } from 'kysely';

// The tables of the backend as Kysely sees them: what a row reads as (and what an insert may
// leave out: `Generated<…>` for identity ids and columns with a default). One interface for
// SQLite and PostgreSQL: the migrations give both the same columns, types and constraints.
// Times are ISO 8601 UTC strings; flags are integers 0/1; JSON values are text.
// Keep in step with server/database/migrations/.

/** Server-wide facts (instance id, seeds, flags). 001_init. */
export interface MetaTable {
  key: string;
  value: string;
}

/** A request «Написать в поддержку». 002_requests. */
export interface RequestsTable {
  id: Generated<number>;
  number: string;
  lookup_code_hash: string;
  type: string;
  full_name: string;
  phone: string;
  email: string | null;
  answer_channel: 'email' | 'sms' | 'phone';
  snils: string | null;
  inn: string | null;
  service_number: string | null;
  description: string;
  incident_date: string | null;
  incident_time: string | null;
  /** JSON array of URLs. */
  links: Generated<string>;
  created_at: string;
  answer_due_at: string;
  status: string;
}

export interface RequestStatusHistoryTable {
  id: Generated<number>;
  request_id: number;
  status: string;
  title: string;
  comment: string | null;
  visible_to_citizen: Generated<0 | 1>;
  operator: string | null;
  at: string;
}

export interface RequestSequencesTable {
  scope: number;
  last: number;
}

/** An upload (`POST /uploads`). 002_requests, 013_attachment_holder. */
export interface AttachmentsTable {
  id: string;
  request_id: number | null;
  /** Who holds it (uploads/claims.ts): a request, a chat message, or nobody yet. */
  held_by: 'request' | 'chat' | null;
  original_name: string;
  stored_name: string;
  type: string;
  size: number;
  sha256: string;
  created_at: string;
}

export interface IdempotencyKeysTable {
  key_hash: string;
  request_id: number;
  body_hash: string;
  sealed_code: string;
  created_at: string;
}

export interface NotificationOutboxTable {
  id: Generated<number>;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  body: string;
  created_at: string;
  sent_at: string | null;
}

/** A callback «Обратный звонок». 003_callbacks. */
export interface CallbacksTable {
  id: Generated<number>;
  number: string;
  phone: string;
  name: string;
  topic: string;
  request_number: string | null;
  comment: string | null;
  conversation_ref: string | null;
  asap: 0 | 1;
  slot_start: string | null;
  window_start: string;
  window_end: string;
  status: 'scheduled' | 'no_answer' | 'called' | 'cancelled';
  attempts: Generated<number>;
  retry_at: string | null;
  created_at: string;
}

export interface CallbackHistoryTable {
  id: Generated<number>;
  callback_id: number;
  status: string;
  comment: string | null;
  note: string | null;
  operator: string | null;
  at: string;
}

export interface CallbackSequencesTable {
  year: number;
  last: number;
}

export interface CallbackIdempotencyKeysTable {
  key_hash: string;
  callback_id: number;
  body_hash: string;
  created_at: string;
}

/** Offices and their services, replaced from the dataset at every start. 004_offices. */
export interface OfficeServicesTable {
  code: string;
  position: number;
  label_ru: string;
  label_en: string;
  /** JSON array. */
  documents: string;
}

export interface OfficesTable {
  id: string;
  position: number;
  name: string;
  region_code: string;
  region: string;
  city: string;
  address: string;
  phone: string;
  lat: number;
  lon: number;
  time_zone: string;
  /** JSON object. */
  hours: string;
  /** JSON array. */
  services: string;
  step_free: 0 | 1;
  /** JSON or NULL. */
  access_notes: string | null;
  /** JSON array. */
  peak_hours: string;
}

export interface BookingsTable {
  id: Generated<number>;
  number: string;
  office_id: string;
  service: string;
  slot_start: string;
  slot_end: string;
  status: 'booked' | 'cancelled' | 'visited' | 'no_show';
  name: string;
  phone: string;
  email: string | null;
  office_name: string;
  address: string;
  office_phone: string;
  time_zone: string;
  /** JSON array. */
  documents: string;
  created_at: string;
  cancelled_at: string | null;
}

export interface BookingSequencesTable {
  year: number;
  last: number;
}

export interface BookingIdempotencyKeysTable {
  key_hash: string;
  booking_id: number;
  body_hash: string;
  created_at: string;
}

/** The online chat «Онлайн-чат». 005_chat, 006_chat_identity, 007_chat_start_id. */
export interface ChatConversationsTable {
  id: string;
  token_hash: string;
  kind: 'technical' | 'application' | 'status';
  summary: string;
  question: string;
  name: string | null;
  contact: string | null;
  locale: 'ru' | 'en';
  status: 'assistant' | 'waiting' | 'active' | 'closed';
  operator: string | null;
  escalated: Generated<0 | 1>;
  escalation_note: string | null;
  unknown_streak: Generated<number>;
  last_seq: Generated<number>;
  citizen_read_seq: Generated<number>;
  operator_read_seq: Generated<number>;
  queued_at: string | null;
  taken_at: string | null;
  closed_at: string | null;
  closed_by: 'citizen' | 'operator' | 'system' | null;
  transcripts_sent: Generated<number>;
  created_at: string;
  verified_subject: string | null;
  verified_name: string | null;
  start_id: string | null;
}

export interface ChatMessagesTable {
  id: Generated<number>;
  conversation_id: string;
  seq: number;
  client_id: string | null;
  author: 'citizen' | 'assistant' | 'operator' | 'system';
  operator_name: string | null;
  text: string;
  article_id: string | null;
  article_title: string | null;
  /** JSON array of {id, title}, or NULL. */
  suggestions: string | null;
  system_kind: string | null;
  created_at: string;
}

export interface ChatMessageAttachmentsTable {
  message_id: number;
  attachment_id: string;
  position: number;
}

export interface ChatRatingsTable {
  conversation_id: string;
  score: number;
  comment: string | null;
  created_at: string;
}

/** An operator's session: the hash of its cookie id. 008_operator_sessions, 015_operator_roles. */
export interface OperatorSessionsTable {
  id_hash: string;
  operator_name: string;
  expires_at: string;
  /** Logged in with OPERATOR_TOKEN (`operator`) or SUPERVISOR_TOKEN (`supervisor`). */
  role: Generated<'operator' | 'supervisor'>;
}

/** One counted event of a shared rate limit or failure counter. 009_rate_limits. */
export interface RateLimitEventsTable {
  id: Generated<number>;
  limiter: string;
  key: string;
  /** ms since the epoch. */
  at: number;
}

/** A one-time ticket of the operators' chat socket: the hash of the ticket. 011_chat_tickets. */
export interface ChatTicketsTable {
  ticket_hash: string;
  operator_name: string;
  expires_at: string;
}

/** One connected socket of a chat operator, and the process that holds it. 012_operator_presence. */
export interface ChatOperatorPresenceTable {
  socket_id: string;
  operator_name: string;
  status: 'available' | 'away';
  /** The server process's random id (one per start). */
  process_id: string;
  /** When that process last confirmed the row: ms since the epoch, its wall clock. */
  seen_at: number;
}

/** Every table of the backend, for `Kysely<Database>`. */
/** The citizen's survey of a finished contact, answered once. 014_surveys. */
export interface SurveysTable {
  id: Generated<number>;
  channel: 'request' | 'callback' | 'visit' | 'chat';
  contact_ref: string;
  topic: string;
  operator: string | null;
  finished_at: string;
  answered_at: string | null;
  resolved: 'yes' | 'partly' | 'no' | null;
  rating: number | null;
  comment: string | null;
  share_with_operator: Generated<0 | 1>;
}

/** The expert review of a request's resolution round and the supervisor's analysis of it. 016_request_review. */
export interface RequestReviewsTable {
  id: Generated<number>;
  request_id: number;
  /** 0 until the first reopening, then 1, … */
  round: number;
  outcome: 'compliant' | 'needs_rework' | 'deadline_missed' | 'procedure_violated';
  note: string | null;
  reviewer: string;
  reviewed_at: string;
  /** The supervisor's closing remark (with `analyst`, `analysed_at`), or all NULL. */
  analysis: string | null;
  analyst: string | null;
  analysed_at: string | null;
}

/** The reason a request went back to work (POST …/reopen), by its history entry. 016_request_review. */
export interface RequestReopeningsTable {
  id: Generated<number>;
  request_id: number;
  history_id: number;
  reason: string;
  operator: string;
  at: string;
}

/** A finished month's public figures, frozen when first computed (server/report/). 018_public_report. */
export interface PublicReportsTable {
  /** `YYYY-MM`, Moscow calendar. */
  month: string;
  /** The version of the report's method that computed it. */
  method: number;
  computed_at: string;
  /** The figures before suppression, as JSON (server/report/snapshot.ts `MonthFigures`). */
  figures: string;
}

/** A supervisor's alert rule, one row per kind (absent = the defaults, off). 017_alerts. */
export interface AlertRulesTable {
  kind: 'chat_wait' | 'overdue_share' | 'low_ratings';
  enabled: Generated<0 | 1>;
  /** JSON object: the kind's parameters. */
  params: string;
  /** JSON array of e-mail addresses. */
  recipients: Generated<string>;
  /** chat_wait: since when the wait has been over its threshold (ISO), or null. */
  pending_since: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

/** An alert raised from a rule; open while `cleared_at` is null. 017_alerts. */
export interface AlertsTable {
  id: Generated<number>;
  kind: 'chat_wait' | 'overdue_share' | 'low_ratings';
  /** '' for the line-wide rules; `<channel>:<topic>` for low ratings. */
  subject: Generated<string>;
  channel: 'request' | 'callback' | 'visit' | 'chat' | null;
  topic: string | null;
  raised_at: string;
  value: number;
  threshold: number;
  sample: number;
  cleared_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

export interface Database {
  meta: MetaTable;
  requests: RequestsTable;
  request_status_history: RequestStatusHistoryTable;
  request_sequences: RequestSequencesTable;
  attachments: AttachmentsTable;
  idempotency_keys: IdempotencyKeysTable;
  notification_outbox: NotificationOutboxTable;
  callbacks: CallbacksTable;
  callback_history: CallbackHistoryTable;
  callback_sequences: CallbackSequencesTable;
  callback_idempotency_keys: CallbackIdempotencyKeysTable;
  office_services: OfficeServicesTable;
  offices: OfficesTable;
  bookings: BookingsTable;
  booking_sequences: BookingSequencesTable;
  booking_idempotency_keys: BookingIdempotencyKeysTable;
  chat_conversations: ChatConversationsTable;
  chat_messages: ChatMessagesTable;
  chat_message_attachments: ChatMessageAttachmentsTable;
  chat_ratings: ChatRatingsTable;
  operator_sessions: OperatorSessionsTable;
  rate_limit_events: RateLimitEventsTable;
  chat_tickets: ChatTicketsTable;
  chat_operator_presence: ChatOperatorPresenceTable;
  surveys: SurveysTable;
  request_reviews: RequestReviewsTable;
  request_reopenings: RequestReopeningsTable;
  public_reports: PublicReportsTable;
  alert_rules: AlertRulesTable;
  alerts: AlertsTable;
}
