import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCallbackStatusCode } from '#protocol/callback.js';
import { endpoints } from '#protocol/endpoints.js';
import type { RequestStage, RequestStages } from '#protocol/review.js';
import type { OperatorRequestDetail } from '#protocol/operator.js';
import type { RequestStatusView } from '#protocol/status.js';
import type { z } from 'zod/mini';
import { HttpError } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import type { Operator, OperatorAuth } from '../operator/index.js';
import type { RequestRow, StatusStore, StatusVocabulary } from './store.js';

/**
 * Quality control of a request (issue 17 point 3; docs/backend.md «Контроль качества»): the
 * seeds' three stages — «Регистрация обращения», «Экспертиза» (an operator's review of the
 * answer, with its outcome), «Обратная связь» (the supervisor's analysis: a closing remark) —
 * and the reopening of a final request with a reason, which starts a new resolution round.
 */

export const REQUEST_NOT_FOUND = 'Обращение с таким номером не найдено.';
const NOT_FINAL_FOR_REVIEW = 'Экспертизу проводят, когда на обращение дан ответ: оно ещё не в итоговом статусе.';
const ALREADY_REVIEWED = 'Экспертиза этого ответа уже проведена. Новая — после возврата в работу и нового ответа.';
const SUPERVISORS_ONLY = 'Заключение по итогам анализа пишет руководитель: войдите с токеном руководителя.';
const NO_REVIEW = 'Анализ пишут по итогам экспертизы, а её по этому ответу ещё нет.';
const ALREADY_ANALYSED = 'Заключение по этому ответу уже написано.';
const NOWHERE_TO_REOPEN = 'В словаре статусов нет незавершённого статуса, в который можно вернуть обращение.';
const notFinalForReopen = (label: string) => `Вернуть в работу можно только обращение в итоговом статусе, а это — «${label}».`;

/** The non-final status a reopened request goes back to: «В работе» when the vocabulary has it. */
export function reopenStatus(vocabulary: StatusVocabulary): string | undefined {
  const open = vocabulary.codes.filter((code) => !vocabulary.isFinal(code) && !isCallbackStatusCode(code));
  return open.includes('in_progress') ? 'in_progress' : (open.find((code) => code !== 'registered') ?? open[0]);
}

/** The stages of a request as `viewer` sees them, with what `viewer` may do now. */
export async function requestStages(store: StatusStore, vocabulary: StatusVocabulary, row: RequestRow, viewer: Operator | undefined): Promise<RequestStages> {
  const isFinal = (code: string) => vocabulary.isFinal(code);
  const facts = await store.stages.facts(row.id, isFinal);
  const current = facts.rounds.find((r) => r.round === facts.round);
  const final = isFinal(row.status);
  const review = current?.review ?? null;
  const analysis = current?.analysis ?? null;
  const stage: RequestStage = review ? (analysis ? 'done' : 'analysis') : final ? 'review' : 'registered';
  return {
    round: facts.round,
    current: stage,
    registered: { at: row.created_at },
    review,
    analysis,
    earlierRounds: facts.rounds.filter((r) => r.round !== facts.round),
    reopenings: facts.reopenings,
    actions: {
      review: final && !review,
      analysis: viewer?.role === 'supervisor' && review !== null && analysis === null,
      reopen: final && reopenStatus(vocabulary) !== undefined,
    },
  };
}

export interface StageRoutesOptions {
  auth: OperatorAuth;
  store: StatusStore;
  vocabulary: StatusVocabulary;
  now: () => number;
  /** The request's detail for `viewer` (the answer of every route here). */
  detail(row: RequestRow, viewer: Operator): Promise<z.output<typeof OperatorRequestDetail>>;
  onStatusChanged(view: RequestStatusView, row: RequestRow): void;
  citizenView(row: RequestRow): Promise<RequestStatusView>;
}

export function registerStageRoutes(app: FastifyInstance, options: StageRoutesOptions): void {
  const { auth, store, vocabulary, now } = options;
  const isFinal = (code: string) => vocabulary.isFinal(code);
  const at = () => new Date(now()).toISOString();
  const notFound = () => new HttpError(404, 'not_found', REQUEST_NOT_FOUND);

  defineRoute(
    app,
    endpoints.operatorReviewRequest,
    async ({ body, params, request }) => {
      const viewer = auth.operator(request);
      const outcome = await store.stages.review(params.number, isFinal, { outcome: body.outcome, note: body.note || null, operator: viewer.operatorName, at: at() });
      if (outcome.kind === 'not_found') throw notFound();
      if (outcome.kind === 'not_final') throw new HttpError(409, 'conflict', NOT_FINAL_FOR_REVIEW);
      if (outcome.kind === 'already') throw new HttpError(409, 'conflict', ALREADY_REVIEWED);
      request.log.info({ requestNumber: outcome.row.number, outcome: body.outcome }, 'request reviewed');
      return options.detail(outcome.row, viewer);
    },
    { onRequest: auth.guard },
  );

  // Supervisors only: refused before the body is read, so an operator gets 403 whatever they send.
  const supervisorGuard = async (request: FastifyRequest, reply: FastifyReply) => {
    await auth.guard(request, reply);
    if (auth.operator(request).role !== 'supervisor') throw new HttpError(403, 'forbidden', SUPERVISORS_ONLY);
  };
  defineRoute(
    app,
    endpoints.operatorAnalyseRequest,
    async ({ body, params, request }) => {
      const viewer = auth.operator(request);
      const outcome = await store.stages.analyse(params.number, isFinal, { remark: body.remark, operator: viewer.operatorName, at: at() });
      if (outcome.kind === 'not_found') throw notFound();
      if (outcome.kind === 'no_review') throw new HttpError(409, 'conflict', NO_REVIEW);
      if (outcome.kind === 'already') throw new HttpError(409, 'conflict', ALREADY_ANALYSED);
      request.log.info({ requestNumber: outcome.row.number }, 'request analysed');
      return options.detail(outcome.row, viewer);
    },
    { onRequest: supervisorGuard },
  );

  defineRoute(
    app,
    endpoints.operatorReopenRequest,
    async ({ body, params, request }) => {
      const viewer = auth.operator(request);
      const status = reopenStatus(vocabulary);
      if (status === undefined) throw new HttpError(409, 'conflict', NOWHERE_TO_REOPEN);
      const outcome = await store.stages.reopen(params.number, isFinal, {
        status,
        title: vocabulary.title(status),
        reason: body.reason,
        operator: viewer.operatorName,
        at: at(),
      });
      if (outcome.kind === 'not_found') throw notFound();
      if (outcome.kind === 'not_final') throw new HttpError(409, 'conflict', notFinalForReopen(vocabulary.title(outcome.status)));
      request.log.info({ requestNumber: outcome.row.number, status }, 'request reopened');
      // The citizen sees the request back at work (not the reason); the survey stays as it is.
      options.onStatusChanged(await options.citizenView(outcome.row), outcome.row);
      return options.detail(outcome.row, viewer);
    },
    { onRequest: auth.guard },
  );
}
