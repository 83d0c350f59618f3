import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, RulesTable } from '../../db/types.js';
import { invalid, notFound } from '../../server/errors.js';
import type { RuleInputData } from './schema.js';

type DB = Kysely<Database>;

export function ruleView(r: Selectable<RulesTable>) {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    trigger: r.trigger,
    match: r.match,
    conditions: r.conditions,
    actions: r.actions,
    signingSecret: r.signing_secret,
    firedCount: r.fired_count,
    lastFiredAt: r.last_fired_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Surveys named by invite and show_survey actions must be this workspace's. */
async function checkSurveys(db: DB, workspaceId: string, input: RuleInputData) {
  const ids = [...new Set(input.actions.flatMap((a) => (a.type === 'invite' || a.type === 'show_survey' ? [a.surveyId] : [])))];
  if (!ids.length) return;
  const found = await db.selectFrom('surveys').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw invalid(`actions: there is no survey ${missing.join(', ')} in this workspace.`);
}

export async function createRule(db: DB, workspaceId: string, input: RuleInputData) {
  await checkSurveys(db, workspaceId, input);
  const row = await db
    .insertInto('rules')
    .values({
      workspace_id: workspaceId,
      id: randomUUID(),
      name: input.name,
      enabled: input.enabled,
      trigger: input.trigger,
      match: input.match,
      conditions: JSON.stringify(input.conditions),
      actions: JSON.stringify(input.actions),
      signing_secret: `whsec_${randomBytes(24).toString('base64url')}`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return ruleView(row);
}

export async function updateRule(db: DB, workspaceId: string, id: string, input: RuleInputData) {
  await checkSurveys(db, workspaceId, input);
  const row = await db
    .updateTable('rules')
    .set({
      name: input.name,
      enabled: input.enabled,
      trigger: input.trigger,
      match: input.match,
      conditions: JSON.stringify(input.conditions),
      actions: JSON.stringify(input.actions),
      updated_at: new Date(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('The rule');
  return ruleView(row);
}

export async function getRule(db: DB, workspaceId: string, id: string) {
  const row = await db.selectFrom('rules').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The rule');
  return row;
}

export async function deleteRule(db: DB, workspaceId: string, id: string) {
  const r = await db.deleteFrom('rules').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!r.numDeletedRows) throw notFound('The rule');
}

/** A rule's deliveries, newest first, each with its attempts (status code, error, duration). */
export async function ruleDeliveries(db: DB, workspaceId: string, ruleId: string, limit = 50) {
  const jobs = await db
    .selectFrom('jobs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('rule_id', '=', ruleId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  const attempts = jobs.length
    ? await db.selectFrom('job_attempts').selectAll().where('job_id', 'in', jobs.map((j) => j.id)).orderBy('attempt').execute()
    : [];
  return jobs.map((j) => ({
    id: j.id,
    kind: j.kind,
    status: j.status,
    attempts: j.attempts,
    nextAttemptAt: j.status === 'pending' ? j.run_at : null,
    lastError: j.last_error,
    createdAt: j.created_at,
    doneAt: j.done_at,
    log: attempts.filter((a) => a.job_id === j.id).map((a) => ({ attempt: a.attempt, at: a.at, ok: a.ok, statusCode: a.status_code, error: a.error, durationMs: a.duration_ms })),
  }));
}
