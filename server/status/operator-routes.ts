import type { FastifyInstance } from 'fastify';
import type { z } from 'zod/mini';
import { isCallbackStatusCode } from '#protocol/callback.js';
import type { ConfigResponse } from '#protocol/config.js';
import { endpoints } from '#protocol/endpoints.js';
import type { FieldIssue } from '#protocol/error.js';
import { DESCRIPTION_PREVIEW_LENGTH, type OperatorRequestDetail, type OperatorRequestSummary } from '#protocol/operator.js';
import type { RequestStatusView } from '#protocol/status.js';
import { ru } from '#i18n/ru.js';
import { HttpError } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import type { Operator, OperatorAuth } from '../operator/index.js';
import type { SurveyRecorder } from '../surveys/index.js';
import { sendStoredFile } from '../uploads/index.js';
import { requestContact } from './finished.js';
import { registerStageRoutes, requestStages } from './stage-routes.js';
import { isOverdue, type RequestRow, type StatusStore, type StatusVocabulary } from './store.js';

export const PAGE_SIZE = 20;

const REQUEST_NOT_FOUND = 'Обращение с таким номером не найдено.';
const ATTACHMENT_NOT_FOUND = 'Вложение не найдено.';
const INVALID = 'Данные запроса не прошли проверку.';

/** A «change» to the status the request already has, without a comment: nothing for the citizen to see. */
const sameStatusMessage = (label: string) =>
  `Обращение уже в статусе «${label}». Выберите другой статус или напишите комментарий для заявителя.`;

export interface OperatorRequestRoutesOptions {
  auth: OperatorAuth;
  store: StatusStore;
  vocabulary: StatusVocabulary;
  config: ConfigResponse;
  uploadDir: string;
  now: () => number;
  /** Called after every status change with the citizen's new view (live updates). */
  onStatusChanged(view: RequestStatusView, row: RequestRow): void;
  /** The citizen's view of a request. */
  citizenView(row: RequestRow): Promise<RequestStatusView>;
  /** Whether an upload is attached to a chat message: downloadable like a request's attachment. */
  isChatAttachment?(attachmentId: string): Promise<boolean>;
  /** Told of every change to a final status (the citizen's survey); never rejects. */
  surveys?: SurveyRecorder;
}

/**
 * A status a request may take: one of the vocabulary, but not a callback's (`callback_*`: those
 * belong to callbacks, whose outcomes have their own endpoint).
 */
const requestStatus = (vocabulary: StatusVocabulary, code: string) => vocabulary.has(code) && !isCallbackStatusCode(code);

function unknownStatus(path: string): HttpError {
  const issue: FieldIssue = { path: [path], code: 'invalid_choice', message: ru.fieldErrors.invalid_choice };
  return new HttpError(400, 'validation_failed', INVALID, [issue]);
}

/** The start of a description for the list: one line of plain text, at most `max` characters. */
export function descriptionPreview(description: string, max = DESCRIPTION_PREVIEW_LENGTH): string {
  const text = description.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  // Never half of a surrogate pair (an emoji) at the cut.
  const cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
  const space = cut.lastIndexOf(' ');
  // At a word when there is one in the last third; a very long word is cut where it must be.
  return `${(space > max * 0.66 ? cut.slice(0, space) : cut).replace(/[\s,.;:—–-]+$/, '')}…`;
}

/**
 * The operator console's requests under /operator/api (see src/protocol/operator.ts): the statuses
 * to choose from, the list, one request, a status change, a note, an attachment's download.
 */
export function registerOperatorRequestRoutes(app: FastifyInstance, options: OperatorRequestRoutesOptions): void {
  const { auth, store, vocabulary, config, uploadDir, now } = options;
  const guard = { onRequest: auth.guard };

  const summary = async (row: RequestRow, at: number): Promise<z.output<typeof OperatorRequestSummary>> => ({
    number: row.number,
    type: row.type,
    fullName: row.full_name,
    status: row.status,
    createdAt: row.created_at,
    statusChangedAt: (await store.statusChangedAt(row.id)) ?? row.created_at,
    answerDueAt: row.answer_due_at,
    overdue: isOverdue(row, vocabulary, at),
    descriptionPreview: descriptionPreview(row.description),
  });

  const detail = async (row: RequestRow, viewer: Operator): Promise<z.output<typeof OperatorRequestDetail>> => ({
    number: row.number,
    type: row.type,
    fullName: row.full_name,
    phone: row.phone,
    ...(row.email ? { email: row.email } : {}),
    answerChannel: row.answer_channel,
    ...(row.service_number ? { serviceNumber: row.service_number } : {}),
    description: row.description,
    ...(row.incident_date ? { incidentDate: row.incident_date } : {}),
    ...(row.incident_time ? { incidentTime: row.incident_time } : {}),
    links: JSON.parse(row.links) as string[],
    status: row.status,
    createdAt: row.created_at,
    answerDueAt: row.answer_due_at,
    overdue: isOverdue(row, vocabulary, now()),
    attachments: (await store.attachments(row.id)).map((a) => ({ id: a.id, name: a.original_name, size: a.size, type: a.type })),
    history: (await store.history(row.id)).map((entry) => ({
      status: entry.status,
      at: entry.at,
      ...(entry.comment ? { comment: entry.comment } : {}),
      ...(entry.operator ? { operator: entry.operator } : {}),
      internal: entry.visible_to_citizen === 0,
    })),
    stages: await requestStages(store, vocabulary, row, viewer),
  });

  const requestOf = async (number: string | undefined): Promise<RequestRow> => {
    const row = number === undefined ? undefined : await store.findByNumber(number);
    if (!row) throw new HttpError(404, 'not_found', REQUEST_NOT_FOUND);
    return row;
  };


  // The console offers these for requests: callback statuses are left out.
  const requestStatuses = config.statuses.filter((status) => !isCallbackStatusCode(status.code));
  defineRoute(app, endpoints.operatorStatuses, () => ({ statuses: requestStatuses }), guard);

  const finalStatuses = vocabulary.codes.filter((code) => vocabulary.isFinal(code));
  defineRoute(
    app,
    endpoints.operatorRequests,
    async ({ query }) => {
      const status = query.status?.trim() || undefined;
      if (status !== undefined && !requestStatus(vocabulary, status)) throw unknownStatus('status');
      const page = Math.max(1, Number(query.page ?? 1));
      const q = query.q?.trim() || undefined;
      const { total, rows } = await store.search({ q, status, sort: query.sort, finalStatuses, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      const at = now();
      return { total, page, pageSize: PAGE_SIZE, items: await Promise.all(rows.map((row) => summary(row, at))) };
    },
    guard,
  );

  defineRoute(app, endpoints.operatorRequest, async ({ params, request }) => detail(await requestOf(params.number), auth.operator(request)), guard);

  defineRoute(
    app,
    endpoints.operatorChangeStatus,
    async ({ body, params, request }) => {
      if (!requestStatus(vocabulary, body.status)) throw unknownStatus('status');
      const comment = body.comment?.trim() || null;
      const operator = auth.operator(request).operatorName;
      const at = new Date(now()).toISOString();
      // The console checks «the same status, no comment» too, against what it last saw; the
      // store decides on what is, inside the transaction that records the change.
      const outcome = await store.changeStatus(params.number, { status: body.status, title: vocabulary.title(body.status), comment, operator, at });
      if (outcome.kind === 'not_found') throw new HttpError(404, 'not_found', REQUEST_NOT_FOUND);
      if (outcome.kind === 'same') throw new HttpError(409, 'conflict', sameStatusMessage(vocabulary.title(outcome.status)));
      const updated = outcome.row;
      request.log.info({ requestNumber: updated.number, status: updated.status }, 'status changed');
      // Finished: the citizen's survey (once per request: a request final again keeps its first).
      if (vocabulary.isFinal(updated.status)) await options.surveys?.finished(requestContact(updated, at, operator));
      options.onStatusChanged(await options.citizenView(updated), updated);
      return detail(updated, auth.operator(request));
    },
    guard,
  );

  defineRoute(
    app,
    endpoints.operatorAddNote,
    async ({ body, params, request }) => {
      const row = await requestOf(params.number);
      await store.addNote(row.id, {
        status: row.status,
        title: vocabulary.title(row.status),
        note: body.note,
        operator: auth.operator(request).operatorName,
        at: new Date(now()).toISOString(),
      });
      return detail(row, auth.operator(request));
    },
    guard,
  );

  registerStageRoutes(app, { auth, store, vocabulary, now, detail, onStatusChanged: options.onStatusChanged, citizenView: options.citizenView });

  // A download, never shown inline: not through defineRoute, whose answers are JSON.
  app.route({
    method: endpoints.operatorAttachment.method,
    url: endpoints.operatorAttachment.path,
    onRequest: auth.guard,
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const attachment = await store.attachment(id);
      // Uploads not (yet) part of a request or a chat message are nobody's business.
      if (!attachment || (attachment.request_id === null && !(await options.isChatAttachment?.(id)))) throw new HttpError(404, 'not_found', ATTACHMENT_NOT_FOUND);
      return sendStoredFile(reply, uploadDir, attachment, () => new HttpError(404, 'not_found', ATTACHMENT_NOT_FOUND));
    },
  });
}
