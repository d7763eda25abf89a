import type { Migration } from 'kysely';
import * as init from './001_init.js';
import * as requests from './002_requests.js';
import * as callbacks from './003_callbacks.js';
import * as offices from './004_offices.js';
import * as chat from './005_chat.js';
import * as chatIdentity from './006_chat_identity.js';
import * as chatStartId from './007_chat_start_id.js';
import * as operatorSessions from './008_operator_sessions.js';
import * as rateLimits from './009_rate_limits.js';
import * as socketIoAttachments from './010_socket_io_attachments.js';
import * as chatTickets from './011_chat_tickets.js';
import * as operatorPresence from './012_operator_presence.js';
import * as attachmentHolder from './013_attachment_holder.js';
import * as surveys from './014_surveys.js';
import * as operatorRoles from './015_operator_roles.js';
import * as requestReview from './016_request_review.js';
import * as alerts from './017_alerts.js';
import * as publicReport from './018_public_report.js';

/**
 * The backend's migrations by name, `NNN_name`: Kysely applies the pending ones in name order and
 * records each in `kysely_migration`. Listed here, not found by a folder scan, so that the
 * compiled server (one bundle) carries them. A new one: docs/backend.md, «Adding a migration».
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001_init': init,
  '002_requests': requests,
  '003_callbacks': callbacks,
  '004_offices': offices,
  '005_chat': chat,
  '006_chat_identity': chatIdentity,
  '007_chat_start_id': chatStartId,
  '008_operator_sessions': operatorSessions,
  '009_rate_limits': rateLimits,
  '010_socket_io_attachments': socketIoAttachments,
  '011_chat_tickets': chatTickets,
  '012_operator_presence': operatorPresence,
  '013_attachment_holder': attachmentHolder,
  '014_surveys': surveys,
  '015_operator_roles': operatorRoles,
  '016_request_review': requestReview,
  '017_alerts': alerts,
  '018_public_report': publicReport,
};
