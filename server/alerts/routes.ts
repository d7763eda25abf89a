import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { ALERT_RECIPIENTS_MAX, type AlertRules, type AlertRulesView } from '#protocol/alerts.js';
import { endpoints } from '#protocol/endpoints.js';
import type { FieldIssue } from '#protocol/error.js';
import { HttpError } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import type { Database } from '../database/schema.js';
import type { OperatorAuth } from '../operator/index.js';
import { RULE_OF_KIND } from './rules.js';
import { RECENT_MS, alertStore, alertView } from './store.js';

export const SUPERVISOR_ONLY_RULES = 'Правила оповещений задаёт руководитель: войдите с токеном руководителя.';
export const SUPERVISOR_ONLY_ACKNOWLEDGE = 'Отмечать оповещения принятыми может только руководитель.';
export const ALERT_NOT_FOUND = 'Оповещение не найдено.';
export const TOO_MANY_RECIPIENTS = `Не больше ${ALERT_RECIPIENTS_MAX} адресов`;

/** The rules' addresses without repeats (case aside), in the order given; more than the maximum is refused. */
function withRecipientsChecked(rules: AlertRules): AlertRules {
  const issues: FieldIssue[] = [];
  const out = structuredClone(rules);
  for (const name of Object.values(RULE_OF_KIND)) {
    const seen = new Set<string>();
    out[name].recipients = out[name].recipients.filter((address) => {
      const key = address.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (out[name].recipients.length > ALERT_RECIPIENTS_MAX) issues.push({ path: [name, 'recipients'], code: 'too_long', message: TOO_MANY_RECIPIENTS });
  }
  if (issues.length > 0) throw new HttpError(400, 'validation_failed', 'Данные запроса не прошли проверку.', issues);
  return out;
}

/**
 * The alerts' endpoints behind the operator guard: every operator sees the open alerts (the
 * console's banner); a supervisor also the recent ones, sets the rules and acknowledges alerts.
 * An operator asking for what is a supervisor's gets 403 before the body is read.
 */
export function registerAlertRoutes(app: FastifyInstance, options: { db: Kysely<Database>; auth: OperatorAuth; now: () => number }): void {
  const { db, auth, now } = options;
  const supervisorOnly = (message: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    await auth.guard(request, reply);
    if (auth.operator(request).role !== 'supervisor') throw new HttpError(403, 'forbidden', message);
  };
  const rulesView = async (): Promise<AlertRulesView> => {
    const { rules, updatedAt, updatedBy } = await alertStore.rules(db);
    return { rules, updatedAt, updatedBy };
  };

  defineRoute(
    app,
    endpoints.operatorAlerts,
    async ({ request }) => {
      const supervisor = auth.operator(request).role === 'supervisor';
      const open = (await alertStore.open(db)).map(alertView);
      const recent = supervisor ? (await alertStore.recent(db, new Date(now() - RECENT_MS).toISOString())).map(alertView) : [];
      return { open, recent };
    },
    { onRequest: auth.guard },
  );

  defineRoute(app, endpoints.operatorAlertRules, rulesView, { onRequest: supervisorOnly(SUPERVISOR_ONLY_RULES) });

  defineRoute(
    app,
    endpoints.operatorSaveAlertRules,
    async ({ body, request }) => {
      const rules = withRecipientsChecked(body);
      await db.transaction().execute((trx) => alertStore.saveRules(trx, rules, auth.operator(request).operatorName, new Date(now()).toISOString()));
      request.log.info({ enabled: Object.values(rules).filter((rule) => rule.enabled).length }, 'alert rules saved');
      return rulesView();
    },
    { onRequest: supervisorOnly(SUPERVISOR_ONLY_RULES), bodyLimit: 64 * 1024 },
  );

  defineRoute(
    app,
    endpoints.operatorAcknowledgeAlert,
    async ({ params, request }) => {
      // Ids are 32-bit on PostgreSQL: a larger one is no alert (not a database error).
      const id = /^[1-9]\d{0,9}$/.test(params.id ?? '') && Number(params.id) <= 2_147_483_647 ? Number(params.id) : undefined;
      const row = id === undefined ? undefined : await alertStore.acknowledge(db, id, auth.operator(request).operatorName, new Date(now()).toISOString());
      if (!row) throw new HttpError(404, 'not_found', ALERT_NOT_FOUND);
      return alertView(row);
    },
    { onRequest: supervisorOnly(SUPERVISOR_ONLY_ACKNOWLEDGE), bodyLimit: 1024 },
  );
}
