import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { CasesTable, Database } from '../../db/types.js';
import { invalid, notFound } from '../../server/errors.js';
import { getWorkspace } from '../access/service.js';
import { localDay } from '../responses/local-day.js';
import { addTrigger } from '../automation/triggers.js';
import { createResolutionInvitation } from './invitations.js';
import type { CaseCreateData, CaseEventCreateData, CasePatchData } from './schema.js';
import { serviceSettingsOf, type ServiceSettings } from './settings.js';
import { caseTimes, replayCase, slaView } from './timeline.js';

type DB = Kysely<Database>;
type CaseRow = Selectable<CasesTable>;

const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface ServiceContext {
  workspaceId: string;
  timezone: string;
  signingSecret: string;
  settings: ServiceSettings;
}

export async function serviceContext(db: DB, workspaceId: string): Promise<ServiceContext> {
  const w = await getWorkspace(db, workspaceId);
  return { workspaceId, timezone: w.timezone, signingSecret: w.signing_secret, settings: serviceSettingsOf(w) };
}

function when(at: string | undefined, now: Date, what: string): Date {
  const d = at ? new Date(at) : now;
  if (d.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid(`${what}: is in the future.`);
  return d;
}

async function checkAssignee(db: DB, workspaceId: string, assigneeId: string | null | undefined) {
  if (!assigneeId) return;
  const member = await db.selectFrom('memberships').select('user_id').where('workspace_id', '=', workspaceId).where('user_id', '=', assigneeId).executeTakeFirst();
  if (!member) throw invalid('assigneeId: is not a member of this workspace.');
}

export interface CaseMeta {
  authorId: string | null;
  idempotencyKey?: string | null;
  now?: Date;
}

/** Opens a case; with an idempotency key a retry returns the case the first request opened. */
export async function createCase(db: DB, ctx: ServiceContext, input: CaseCreateData, meta: CaseMeta): Promise<{ case: CaseRow; created: boolean }> {
  const now = meta.now ?? new Date();
  const createdAt = when(input.createdAt, now, 'createdAt');
  await checkAssignee(db, ctx.workspaceId, input.assigneeId);
  if (meta.idempotencyKey) {
    const earlier = await db.selectFrom('cases').selectAll().where('workspace_id', '=', ctx.workspaceId).where('idempotency_key', '=', meta.idempotencyKey).executeTakeFirst();
    if (earlier) return { case: earlier, created: false };
  }
  const id = randomUUID();
  for (let attempt = 0; ; attempt++) {
    try {
      const row = await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('cases')
          .values({
            workspace_id: ctx.workspaceId,
            id,
            // Numbers are per workspace, short enough for people to quote on the phone.
            number: sql<number>`(SELECT coalesce(max(number), 0) + 1 FROM cases WHERE workspace_id = ${ctx.workspaceId})`,
            subject: input.subject,
            customer_external_id: input.customerId ?? null,
            channel: input.channel ?? null,
            stage: input.stage,
            priority: input.priority,
            status: 'open',
            assignee_id: input.assigneeId ?? null,
            tags: input.tags,
            response_id: input.responseId ?? null,
            idempotency_key: meta.idempotencyKey ?? null,
            created_at: createdAt,
            updated_at: now,
            local_day: localDay(createdAt, ctx.timezone),
          })
          .execute();
        if (input.customerId) {
          await trx.insertInto('customers').values({ workspace_id: ctx.workspaceId, external_id: input.customerId, attributes: '{}' }).onConflict((oc) => oc.doNothing()).execute();
        }
        await insertEvent(trx, ctx.workspaceId, id, { kind: 'created', authorId: meta.authorId, at: createdAt, data: { priority: input.priority } });
        if (input.description) {
          await insertEvent(trx, ctx.workspaceId, id, { kind: 'reply', direction: 'customer', body: input.description, authorId: null, at: createdAt });
        }
        return recompute(trx, ctx, id);
      });
      return { case: row, created: true };
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === '23505' && attempt < 5) {
        if (meta.idempotencyKey) {
          const earlier = await db.selectFrom('cases').selectAll().where('workspace_id', '=', ctx.workspaceId).where('idempotency_key', '=', meta.idempotencyKey).executeTakeFirst();
          if (earlier) return { case: earlier, created: false };
        }
        continue; // another case took the number: take the next one
      }
      throw err;
    }
  }
}

interface NewEvent {
  kind: string;
  authorId: string | null;
  at: Date;
  direction?: string | null;
  body?: string | null;
  data?: Record<string, unknown>;
}

async function insertEvent(db: DB, workspaceId: string, caseId: string, e: NewEvent) {
  const id = randomUUID();
  await db
    .insertInto('case_events')
    .values({
      workspace_id: workspaceId,
      case_id: caseId,
      id,
      kind: e.kind,
      author_id: e.authorId,
      direction: e.direction ?? null,
      body: e.body ?? null,
      data: JSON.stringify(e.data ?? {}),
      at: e.at,
    })
    .execute();
  return id;
}

/** Replays the case's events and stores what follows: status, first response, resolution, FRT/TTR, SLA deadlines. */
async function recompute(db: DB, ctx: ServiceContext, caseId: string): Promise<CaseRow> {
  const row = await db.selectFrom('cases').selectAll().where('workspace_id', '=', ctx.workspaceId).where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
  const events = await db.selectFrom('case_events').select(['kind', 'direction', 'data', 'at']).where('workspace_id', '=', ctx.workspaceId).where('case_id', '=', caseId).execute();
  const state = replayCase(row.created_at, events);
  const times = caseTimes(row.created_at, row.priority, state, ctx.settings);
  const updated = await db
    .updateTable('cases')
    .set({
      status: state.status,
      first_response_at: state.firstResponseAt,
      resolved_at: state.resolvedAt,
      reopen_count: state.reopenCount,
      frt_seconds: times.frtSeconds,
      frt_business_seconds: times.frtBusinessSeconds,
      ttr_seconds: times.ttrSeconds,
      ttr_business_seconds: times.ttrBusinessSeconds,
      first_response_due_at: times.firstResponseDueAt,
      resolution_due_at: times.resolutionDueAt,
      updated_at: new Date(),
    })
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', caseId)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (!row.resolved_at && updated.resolved_at) {
    await createResolutionInvitation(db, ctx, updated);
    await addTrigger(db, ctx.workspaceId, 'case_resolved', caseId);
  }
  return updated;
}

async function lockedCase(db: DB, workspaceId: string, caseId: string) {
  const row = await db.selectFrom('cases').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', caseId).forUpdate().executeTakeFirst();
  if (!row) throw notFound('The case');
  return row;
}

/** Changes status, priority, assignee, tags or subject; each change is an event of the case. */
export async function changeCase(db: DB, ctx: ServiceContext, caseId: string, patch: CasePatchData, meta: CaseMeta): Promise<CaseRow> {
  const now = meta.now ?? new Date();
  const at = when(patch.at, now, 'at');
  await checkAssignee(db, ctx.workspaceId, patch.assigneeId);
  return db.transaction().execute(async (trx) => {
    const row = await lockedCase(trx, ctx.workspaceId, caseId);
    if (at < row.created_at) throw invalid('at: is before the case was created.');
    const set: Partial<Record<'priority' | 'assignee_id' | 'tags' | 'subject', unknown>> = {};
    const event = (kind: string, data: Record<string, unknown>) => insertEvent(trx, ctx.workspaceId, caseId, { kind, authorId: meta.authorId, at, data });
    if (patch.status && patch.status !== row.status) await event('status', { from: row.status, to: patch.status });
    if (patch.priority && patch.priority !== row.priority) {
      await event('priority', { from: row.priority, to: patch.priority });
      set.priority = patch.priority;
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== row.assignee_id) {
      await event('assignment', { from: row.assignee_id, to: patch.assigneeId });
      set.assignee_id = patch.assigneeId;
    }
    if (patch.tags) {
      await event('tags', { from: row.tags, to: patch.tags });
      set.tags = patch.tags;
    }
    if (patch.subject) set.subject = patch.subject;
    if (Object.keys(set).length) {
      await trx.updateTable('cases').set(set as never).where('workspace_id', '=', ctx.workspaceId).where('id', '=', caseId).execute();
    }
    return recompute(trx, ctx, caseId);
  });
}

/** A reply (to or from the customer) or an internal note. */
export async function addCaseEvent(db: DB, ctx: ServiceContext, caseId: string, input: CaseEventCreateData, meta: CaseMeta) {
  const now = meta.now ?? new Date();
  const at = when(input.at, now, 'at');
  return db.transaction().execute(async (trx) => {
    const row = await lockedCase(trx, ctx.workspaceId, caseId);
    if (at < row.created_at) throw invalid('at: is before the case was created.');
    const id = await insertEvent(trx, ctx.workspaceId, caseId, {
      kind: input.kind,
      authorId: input.direction === 'agent' ? meta.authorId : null,
      direction: input.kind === 'reply' ? input.direction : null,
      body: input.body,
      at,
    });
    // A customer writing back to a case waiting on them puts it back in the queue.
    if (input.kind === 'reply' && input.direction === 'customer' && row.status === 'pending') {
      await insertEvent(trx, ctx.workspaceId, caseId, { kind: 'status', authorId: null, at, data: { from: 'pending', to: 'open' } });
    }
    const updated = await recompute(trx, ctx, caseId);
    return { eventId: id, case: updated };
  });
}

/** After the calendar or SLA targets change: every case's business times and deadlines again. */
export async function recomputeAllCases(db: DB, ctx: ServiceContext, onProgress?: (done: number) => void) {
  let after = '00000000-0000-0000-0000-000000000000';
  let done = 0;
  for (;;) {
    const ids = await db.selectFrom('cases').select('id').where('workspace_id', '=', ctx.workspaceId).where('id', '>', after).orderBy('id').limit(500).execute();
    if (!ids.length) return done;
    await db.transaction().execute(async (trx) => {
      for (const { id } of ids) await recompute(trx, ctx, id);
    });
    done += ids.length;
    after = ids[ids.length - 1]!.id;
    onProgress?.(done);
  }
}

export async function getCase(db: DB, workspaceId: string, caseId: string) {
  const row = await db.selectFrom('cases').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', caseId).executeTakeFirst();
  if (!row) throw notFound('The case');
  return row;
}

export async function caseEvents(db: DB, workspaceId: string, caseId: string) {
  const rows = await db.selectFrom('case_events').selectAll().where('workspace_id', '=', workspaceId).where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();
  return rows.map((e) => ({ id: e.id, kind: e.kind, authorId: e.author_id, direction: e.direction, body: e.body, data: e.data, at: e.at }));
}

export interface CaseListQuery {
  status?: string[];
  priority?: string;
  assigneeId?: string;
  customerId?: string;
  channel?: string;
  tag?: string;
  q?: string;
  breached?: boolean;
  limit: number;
}

/** Newest first; `breached` keeps open cases past an SLA deadline. */
export async function listCases(db: DB, workspaceId: string, query: CaseListQuery, now = new Date()) {
  let q = db.selectFrom('cases').selectAll().where('workspace_id', '=', workspaceId);
  if (query.status?.length) q = q.where('status', 'in', query.status);
  if (query.priority) q = q.where('priority', '=', query.priority);
  if (query.assigneeId) q = q.where('assignee_id', '=', query.assigneeId);
  if (query.customerId) q = q.where('customer_external_id', '=', query.customerId);
  if (query.channel) q = q.where('channel', '=', query.channel);
  if (query.tag) q = q.where(sql<boolean>`${query.tag} = ANY(tags)`);
  if (query.q) q = q.where('subject', 'ilike', `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (query.breached) {
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('first_response_at', 'is', null), eb('first_response_due_at', '<', now)]),
        eb.and([eb('resolved_at', 'is', null), eb('resolution_due_at', '<', now)]),
      ]),
    );
  }
  const rows = await q.orderBy('created_at', 'desc').limit(query.limit).execute();
  return rows.map((r) => caseView(r, now));
}

export function caseView(r: CaseRow, now = new Date()) {
  return {
    id: r.id,
    number: r.number,
    subject: r.subject,
    customerId: r.customer_external_id,
    channel: r.channel,
    stage: r.stage,
    priority: r.priority,
    status: r.status,
    assigneeId: r.assignee_id,
    tags: r.tags,
    responseId: r.response_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
    reopenCount: r.reopen_count,
    frt: { seconds: r.frt_seconds, businessSeconds: r.frt_business_seconds },
    ttr: { seconds: r.ttr_seconds, businessSeconds: r.ttr_business_seconds },
    sla: slaView(r, now),
  };
}
