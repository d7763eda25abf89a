import type { Kysely } from 'kysely';
import { ALERT_KINDS, Alert, AlertRules, ChatWaitRule, LowRatingsRule, OverdueShareRule } from '#protocol/alerts.js';
import type { AlertsTable, Database } from '../database/schema.js';
import { DEFAULT_RULES, RULE_OF_KIND, type Measurement } from './rules.js';

export type AlertRow = Omit<AlertsTable, 'id' | 'subject'> & { id: number; subject: string };

/** The rules as stored, with the chat wait's memory between sweeps. */
export interface StoredRules {
  rules: AlertRules;
  /** chat_wait's `pending_since` (ms), or null. */
  chatPendingSince: number | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

const SCHEMA_OF_KIND = { chat_wait: ChatWaitRule, overdue_share: OverdueShareRule, low_ratings: LowRatingsRule } as const;

/** Recent alerts: cleared in this many last days… */
export const RECENT_MS = 30 * 24 * 60 * 60_000;
/** …at most this many. */
export const RECENT_MAX = 50;

/** An alert row as the API shows it. */
export function alertView(row: AlertRow): Alert {
  return {
    id: row.id,
    kind: row.kind,
    ...(row.channel !== null ? { channel: row.channel } : {}),
    ...(row.topic !== null ? { topic: row.topic } : {}),
    raisedAt: row.raised_at,
    value: Number(row.value),
    threshold: Number(row.threshold),
    sample: Number(row.sample),
    clearedAt: row.cleared_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
  };
}

/**
 * The alerts' tables (017_alerts), Kysely on both databases. Every method takes the connection
 * or transaction to run on, so that the sweep reads and writes in its one transaction.
 */
export const alertStore = {
  /** The three rules (a kind without a row, or whose row no longer parses: its defaults, off). */
  async rules(db: Kysely<Database>): Promise<StoredRules> {
    const rows = await db.selectFrom('alert_rules').selectAll().execute();
    const rules: AlertRules = structuredClone(DEFAULT_RULES);
    let chatPendingSince: number | null = null;
    let updatedAt: string | null = null;
    let updatedBy: string | null = null;
    for (const row of rows) {
      if (!ALERT_KINDS.includes(row.kind)) continue;
      let stored: unknown;
      try {
        stored = { ...(JSON.parse(row.params) as object), enabled: row.enabled === 1, recipients: JSON.parse(row.recipients) as unknown };
      } catch {
        continue;
      }
      const parsed = SCHEMA_OF_KIND[row.kind].safeParse(stored);
      if (!parsed.success) continue;
      (rules as Record<string, unknown>)[RULE_OF_KIND[row.kind]] = parsed.data;
      if (row.kind === 'chat_wait' && row.pending_since !== null) chatPendingSince = Date.parse(row.pending_since);
      if (row.updated_at !== null && (updatedAt === null || row.updated_at > updatedAt)) {
        updatedAt = row.updated_at;
        updatedBy = row.updated_by;
      }
    }
    return { rules, chatPendingSince, updatedAt, updatedBy };
  },

  /** Saves the three rules (one row per kind); the chat wait's memory starts again. */
  async saveRules(db: Kysely<Database>, rules: AlertRules, by: string, atIso: string): Promise<void> {
    for (const kind of ALERT_KINDS) {
      const { enabled, recipients, ...params } = rules[RULE_OF_KIND[kind]];
      const row = { enabled: enabled ? (1 as const) : (0 as const), params: JSON.stringify(params), recipients: JSON.stringify(recipients), pending_since: null, updated_at: atIso, updated_by: by };
      await db
        .insertInto('alert_rules')
        .values({ kind, ...row })
        .onConflict((oc) => oc.column('kind').doUpdateSet(row))
        .execute();
    }
  },

  /** Remembers (or forgets: null) since when the chat wait has been over its threshold. */
  async setChatPending(db: Kysely<Database>, since: string | null): Promise<void> {
    await db
      .insertInto('alert_rules')
      .values({ kind: 'chat_wait', params: JSON.stringify(withoutCommon(DEFAULT_RULES.chatWait)), pending_since: since })
      .onConflict((oc) => oc.column('kind').doUpdateSet({ pending_since: since }))
      .execute();
  },

  async open(db: Kysely<Database>): Promise<AlertRow[]> {
    return (await db.selectFrom('alerts').selectAll().where('cleared_at', 'is', null).orderBy('raised_at', 'desc').orderBy('id', 'desc').execute()) as AlertRow[];
  },

  async recent(db: Kysely<Database>, sinceIso: string): Promise<AlertRow[]> {
    return (await db
      .selectFrom('alerts')
      .selectAll()
      .where('cleared_at', 'is not', null)
      .where('cleared_at', '>=', sinceIso)
      .orderBy('cleared_at', 'desc')
      .orderBy('id', 'desc')
      .limit(RECENT_MAX)
      .execute()) as AlertRow[];
  },

  /**
   * Raises an alert unless one of its kind and subject is open: a conditional insert (the partial
   * unique index `alerts_one_open`), so that of two processes one raises it. The new row, or undefined.
   */
  async raise(db: Kysely<Database>, m: Measurement, atIso: string): Promise<AlertRow | undefined> {
    const row = await db
      .insertInto('alerts')
      .values({
        kind: m.kind,
        subject: m.subject,
        channel: m.channel ?? null,
        topic: m.topic ?? null,
        raised_at: atIso,
        value: m.value,
        threshold: m.threshold,
        sample: m.sample,
      })
      .onConflict((oc) => oc.columns(['kind', 'subject']).where('cleared_at', 'is', null).doNothing())
      .returningAll()
      .executeTakeFirst();
    return row as AlertRow | undefined;
  },

  async clear(db: Kysely<Database>, id: number, atIso: string): Promise<void> {
    await db.updateTable('alerts').set({ cleared_at: atIso }).where('id', '=', id).where('cleared_at', 'is', null).execute();
  },

  /** Marks an alert seen by a supervisor (once: the first one counts). The row, or undefined if there is none. */
  async acknowledge(db: Kysely<Database>, id: number, by: string, atIso: string): Promise<AlertRow | undefined> {
    await db.updateTable('alerts').set({ acknowledged_at: atIso, acknowledged_by: by }).where('id', '=', id).where('acknowledged_at', 'is', null).execute();
    return (await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst()) as AlertRow | undefined;
  },
};

export type AlertStore = typeof alertStore;

function withoutCommon<T extends { enabled: boolean; recipients: string[] }>(rule: T): Omit<T, 'enabled' | 'recipients'> {
  const { enabled: _enabled, recipients: _recipients, ...params } = rule;
  return params;
}

