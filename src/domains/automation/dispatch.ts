import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { matches, type Condition } from './conditions.js';
import { alertPath } from './alert-mail.js';
import { breachSubject, caseSubject, eventSubject, responseSubject, type Subject } from './facts.js';
import type { Action } from './schema.js';

type DB = Kysely<Database>;

/**
 * Turns waiting triggers into jobs by the workspace's enabled rules, in one transaction per
 * batch: the jobs are written and the triggers marked together, so a crash redoes the batch and
 * the jobs' dedupe keys keep it from doubling anything. A response waits until its comment is
 * analysed, so rules can test sentiment and themes.
 */
export async function dispatchTriggers(db: DB, limit = 100): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const waiting = await sql<{ id: string; workspace_id: string; kind: string; subject_id: string; created_at: Date }>`
      SELECT t.id, t.workspace_id, t.kind, t.subject_id, t.created_at FROM triggers t
      WHERE t.processed_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM responses r WHERE t.kind = 'response_received' AND r.workspace_id = t.workspace_id
          AND r.id = t.subject_id AND r.has_comment AND r.analysed_model IS NULL)
      ORDER BY t.id LIMIT ${limit}
      FOR UPDATE OF t SKIP LOCKED`.execute(trx);
    if (!waiting.rows.length) return 0;
    const rulesCache = new Map<string, Awaited<ReturnType<typeof loadRules>>>();
    for (const t of waiting.rows) {
      // "sla_breached:resolution" is heard by the sla_breached rules.
      const [ruleKind, detail] = t.kind.split(':') as [string, string | undefined];
      const key = `${t.workspace_id}/${ruleKind}`;
      const rules = rulesCache.get(key) ?? (await loadRules(trx, t.workspace_id, ruleKind));
      rulesCache.set(key, rules);
      if (!rules.length) continue;
      const subject =
        ruleKind === 'case_resolved'
          ? await caseSubject(trx, t.workspace_id, t.subject_id)
          : ruleKind === 'event_received'
            ? await eventSubject(trx, t.workspace_id, t.subject_id)
            : ruleKind === 'sla_breached' || ruleKind === 'sla_due_soon'
              ? await breachSubject(trx, t.workspace_id, t.subject_id, detail ?? 'resolution', ruleKind === 'sla_due_soon')
              : await responseSubject(trx, t.workspace_id, t.subject_id);
      if (!subject) continue;
      for (const rule of rules) {
        if (!matches(rule.conditions as Condition[], rule.match as 'all' | 'any', subject.facts)) continue;
        // show_survey is answered by the widget when it asks, not delivered; the index keeps the dedupe keys stable.
        const actions = (rule.actions as Action[]).map((action, i) => [action, i] as const).filter((x): x is readonly [JobAction, number] => x[0].type !== 'show_survey');
        if (!actions.length) continue;
        const jobs = actions.map(([action, i]) => ({
          id: randomUUID(),
          workspace_id: t.workspace_id,
          rule_id: rule.id,
          kind: action.type,
          payload: JSON.stringify(jobPayload(action, rule, t, subject)),
          dedupe_key: `${t.id}:${rule.id}:${i}`,
        }));
        await trx.insertInto('jobs').values(jobs).onConflict((oc) => oc.columns(['workspace_id', 'dedupe_key']).doNothing()).execute();
        await trx
          .updateTable('rules')
          .set((eb) => ({ fired_count: eb('fired_count', '+', 1), last_fired_at: new Date() }))
          .where('workspace_id', '=', t.workspace_id)
          .where('id', '=', rule.id)
          .execute();
      }
    }
    await trx.updateTable('triggers').set({ processed_at: new Date() }).where('id', 'in', waiting.rows.map((t) => t.id)).execute();
    return waiting.rows.length;
  });
}

/** How long before a deadline an open case counts as about to breach. */
export const DUE_SOON_MINUTES = 30;

/**
 * Open cases within DUE_SOON_MINUTES of a first-response or resolution deadline (sla_due_soon),
 * or past it (sla_breached), become one trigger per deadline and kind, for workspaces with an
 * enabled rule of that kind. Run now and then by the worker.
 */
export async function findSlaBreaches(db: DB): Promise<number> {
  const r = await sql`
    INSERT INTO triggers (workspace_id, kind, subject_id)
    SELECT c.workspace_id, k.kind || ':' || d.deadline, c.id
    FROM cases c
    CROSS JOIN LATERAL (VALUES
      ('first_response', c.first_response_due_at, c.first_response_at IS NULL),
      ('resolution', c.resolution_due_at, c.resolved_at IS NULL)) AS d(deadline, due_at, waiting)
    CROSS JOIN LATERAL (VALUES
      ('sla_breached', d.due_at < now()),
      ('sla_due_soon', d.due_at >= now() AND d.due_at < now() + make_interval(mins => ${DUE_SOON_MINUTES}))) AS k(kind, hit)
    WHERE d.waiting AND k.hit AND c.status IN ('open', 'pending')
      AND EXISTS (SELECT 1 FROM rules r WHERE r.workspace_id = c.workspace_id AND r.enabled AND r.trigger = k.kind)
      AND NOT EXISTS (SELECT 1 FROM triggers t WHERE t.workspace_id = c.workspace_id AND t.subject_id = c.id AND t.kind = k.kind || ':' || d.deadline)`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

function loadRules(db: DB, workspaceId: string, kind: string) {
  return db.selectFrom('rules').selectAll().where('workspace_id', '=', workspaceId).where('trigger', '=', kind).where('enabled', '=', true).orderBy('created_at').execute();
}

type JobAction = Exclude<Action, { type: 'show_survey' }>;

function jobPayload(action: JobAction, rule: { id: string; name: string }, t: { kind: string; created_at: Date }, subject: Subject): Record<string, unknown> {
  const event = { type: t.kind, occurredAt: t.created_at, rule: { id: rule.id, name: rule.name }, data: subject.data };
  switch (action.type) {
    case 'webhook':
      return { url: action.url, format: action.format, event, text: `${rule.name}: ${subject.summary}` };
    case 'email':
      return { to: action.to, subject: action.subject ?? `Opinia: ${rule.name}`, text: `${subject.summary}\n\nRule: ${rule.name}\n\n${JSON.stringify(subject.data, null, 2)}`, path: alertPath(subject.data) };
    case 'open_case':
      return {
        subject: action.subject ?? subject.summary.slice(0, 300),
        priority: action.priority,
        assigneeId: action.assigneeId,
        customerId: subject.customerId,
        responseId: (subject.data.responseId as string | undefined) ?? null,
        channel: (subject.data.channel as string | null | undefined) ?? null,
      };
    case 'tag_customer':
      return { customerId: subject.customerId, tag: action.tag };
    case 'award_points':
      return { customerId: subject.customerId, points: action.points, reason: action.reason };
    case 'invite':
      return { customerId: subject.customerId, surveyId: action.surveyId, delayDays: action.delayDays, reason: `rule:${rule.name}`.slice(0, 200) };
  }
}
