import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { npsGroupOf, type Facts } from './conditions.js';
import { refreshCustomer } from '../segments/service.js';

type DB = Kysely<Database>;

export interface Subject {
  facts: Facts;
  /** What receivers get: the thing that happened, as the API shows it. */
  data: Record<string, unknown>;
  customerId: string | null;
  summary: string;
}

export function customerFacts(attributes: Record<string, unknown> | undefined): Facts {
  const out: Facts = {};
  for (const [k, v] of Object.entries(attributes ?? {})) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[`customer.${k}`] = v;
  }
  return out;
}

/** `segment`: the ids of the segments the customer is in now, the subject of the rule included. */
async function segmentFacts(db: DB, workspaceId: string, customerId: string | null): Promise<Facts> {
  return { segment: customerId ? await refreshCustomer(db, workspaceId, customerId) : [] };
}

/** A stored response with its scores, comment analysis and customer, as rule facts. */
export async function responseSubject(db: DB, workspaceId: string, responseId: string): Promise<Subject | null> {
  const r = await db
    .selectFrom('responses as r')
    .innerJoin('surveys as s', (j) => j.onRef('s.workspace_id', '=', 'r.workspace_id').onRef('s.id', '=', 'r.survey_id'))
    .select(['r.id', 'r.survey_id', 's.name as survey_name', 'r.language', 'r.channel', 'r.stage', 'r.customer_external_id', 'r.submitted_at'])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.id', '=', responseId)
    .executeTakeFirst();
  if (!r) return null;
  const [answers, analyses, customer, segments] = await Promise.all([
    db.selectFrom('answers').select(['question_id', 'question_type', 'value_num', 'text_value', 'choices']).where('workspace_id', '=', workspaceId).where('response_id', '=', responseId).execute(),
    db.selectFrom('comment_analyses').select(['sentiment', 'themes']).where('workspace_id', '=', workspaceId).where('response_id', '=', responseId).execute(),
    r.customer_external_id
      ? db.selectFrom('customers').select(['name', 'email', 'attributes']).where('workspace_id', '=', workspaceId).where('external_id', '=', r.customer_external_id).executeTakeFirst()
      : undefined,
    segmentFacts(db, workspaceId, r.customer_external_id),
  ]);
  const nps = answers.find((a) => a.question_type === 'nps')?.value_num ?? null;
  const sentiment = analyses.some((a) => a.sentiment === 'negative') ? 'negative' : analyses.some((a) => a.sentiment === 'positive') ? 'positive' : analyses.length ? 'neutral' : null;
  const themes = [...new Set(analyses.flatMap((a) => a.themes))];
  const facts: Facts = {
    survey: r.survey_id,
    nps,
    nps_group: npsGroupOf(nps),
    sentiment,
    theme: themes,
    language: r.language,
    stage: r.stage,
    channel: r.channel,
    ...Object.fromEntries(answers.filter((a) => a.value_num !== null).map((a) => [`score:${a.question_id}`, a.value_num])),
    ...customerFacts(customer?.attributes),
    ...segments,
  };
  const comment = answers.find((a) => a.question_type === 'text' && a.text_value)?.text_value ?? null;
  return {
    facts,
    customerId: r.customer_external_id,
    summary: `${r.survey_name}: ${nps === null ? 'a response' : `NPS ${nps}`}${comment ? ` — “${comment.slice(0, 300)}”` : ''}${r.customer_external_id ? ` (${customer?.name ?? r.customer_external_id})` : ''}`,
    data: {
      responseId: r.id,
      surveyId: r.survey_id,
      surveyName: r.survey_name,
      submittedAt: r.submitted_at,
      language: r.language,
      channel: r.channel,
      stage: r.stage,
      customer: r.customer_external_id ? { id: r.customer_external_id, name: customer?.name ?? null, email: customer?.email ?? null } : null,
      nps,
      npsGroup: npsGroupOf(nps),
      answers: Object.fromEntries(answers.map((a) => [a.question_id, a.text_value ?? a.choices ?? a.value_num])),
      sentiment,
      themes,
    },
  };
}

/** A resolved case, as rule facts. */
export async function caseSubject(db: DB, workspaceId: string, caseId: string): Promise<Subject | null> {
  const c = await db.selectFrom('cases').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', caseId).executeTakeFirst();
  if (!c) return null;
  const customer = c.customer_external_id
    ? await db.selectFrom('customers').select(['name', 'attributes']).where('workspace_id', '=', workspaceId).where('external_id', '=', c.customer_external_id).executeTakeFirst()
    : undefined;
  return {
    facts: { priority: c.priority, channel: c.channel, stage: c.stage, tag: c.tags, ...customerFacts(customer?.attributes), ...(await segmentFacts(db, workspaceId, c.customer_external_id)) },
    customerId: c.customer_external_id,
    summary: `Case #${c.number} resolved: ${c.subject}`,
    data: {
      caseId: c.id,
      number: c.number,
      subject: c.subject,
      priority: c.priority,
      channel: c.channel,
      tags: c.tags,
      customerId: c.customer_external_id,
      resolvedAt: c.resolved_at,
      ttrSeconds: c.ttr_seconds,
      ttrBusinessSeconds: c.ttr_business_seconds,
    },
  };
}


/** A touchpoint event (e.g. order_delivered), as rule facts. */
export async function eventSubject(db: DB, workspaceId: string, eventId: string): Promise<Subject | null> {
  const e = await db.selectFrom('events').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', eventId).executeTakeFirst();
  if (!e) return null;
  const customer = e.customer_external_id
    ? await db.selectFrom('customers').select(['name', 'attributes']).where('workspace_id', '=', workspaceId).where('external_id', '=', e.customer_external_id).executeTakeFirst()
    : undefined;
  const properties: Facts = {};
  for (const [k, v] of Object.entries(e.properties)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') properties[`property.${k}`] = v;
  }
  return {
    facts: { event: e.name, stage: e.stage, channel: e.channel, ...properties, ...customerFacts(customer?.attributes), ...(await segmentFacts(db, workspaceId, e.customer_external_id)) },
    customerId: e.customer_external_id,
    summary: `${e.name}${e.customer_external_id ? ` (${customer?.name ?? e.customer_external_id})` : ''}`,
    data: { eventId: e.id, name: e.name, stage: e.stage, channel: e.channel, occurredAt: e.occurred_at, properties: e.properties, customerId: e.customer_external_id },
  };
}

/** A case past (or close to) an SLA deadline ('first_response' or 'resolution'), as rule facts. */
export async function breachSubject(db: DB, workspaceId: string, caseId: string, deadline: string, soon = false): Promise<Subject | null> {
  const subject = await caseSubject(db, workspaceId, caseId);
  if (!subject) return null;
  const which = deadline === 'first_response' ? 'first-response' : 'resolution';
  return {
    ...subject,
    facts: { ...subject.facts, deadline },
    summary: subject.summary.replace(/ resolved: /, soon ? ` is close to its ${which} deadline: ` : ` is past its ${which} deadline: `),
    data: { ...subject.data, deadline, dueSoon: soon },
  };
}
