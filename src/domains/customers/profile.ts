import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { caseView } from '../cases/service.js';
import { customerChurnRisk } from '../retention/churn-service.js';
import { customerView, getCustomerRow } from './service.js';

type DB = Kysely<Database>;

const TIMELINE_LIMIT = 100;

export type NpsGroup = 'promoter' | 'passive' | 'detractor';

export function npsGroup(score: number): NpsGroup {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/**
 * Customer 360: the profile, where they stand now (latest NPS answer, open cases) and a
 * timeline of touchpoints, responses and cases, newest first.
 */
export async function customerProfile(db: DB, workspaceId: string, externalId: string) {
  const customer = await getCustomerRow(db, workspaceId, externalId);
  const [events, responses, cases, latestNps, latestSentiment, churnRisk] = await Promise.all([
    db.selectFrom('events').select(['id', 'stage', 'channel', 'name', 'occurred_at', 'properties'])
      .where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId)
      .orderBy('occurred_at', 'desc').limit(TIMELINE_LIMIT).execute(),
    sql<{ id: string; survey_id: string; survey_name: string; submitted_at: Date; stage: string | null; channel: string | null; score: number | null; score_type: string | null; comment: string | null }>`
      SELECT r.id, r.survey_id, s.name AS survey_name, r.submitted_at, r.stage, r.channel,
        (SELECT a.value_num FROM answers a WHERE a.workspace_id = r.workspace_id AND a.response_id = r.id
           AND a.question_type IN ('nps','csat','ces','rating') ORDER BY a.question_type = 'nps' DESC, a.question_id LIMIT 1) AS score,
        (SELECT a.question_type FROM answers a WHERE a.workspace_id = r.workspace_id AND a.response_id = r.id
           AND a.question_type IN ('nps','csat','ces','rating') ORDER BY a.question_type = 'nps' DESC, a.question_id LIMIT 1) AS score_type,
        (SELECT a.text_value FROM answers a WHERE a.workspace_id = r.workspace_id AND a.response_id = r.id
           AND a.question_type = 'text' ORDER BY a.question_id LIMIT 1) AS comment
      FROM responses r JOIN surveys s ON s.workspace_id = r.workspace_id AND s.id = r.survey_id
      WHERE r.workspace_id = ${workspaceId} AND r.customer_external_id = ${externalId}
      ORDER BY r.submitted_at DESC LIMIT ${TIMELINE_LIMIT}`.execute(db),
    db.selectFrom('cases').selectAll().where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId)
      .orderBy('created_at', 'desc').limit(TIMELINE_LIMIT).execute(),
    sql<{ value_num: number; submitted_at: Date }>`
      SELECT a.value_num, r.submitted_at FROM responses r
      JOIN answers a ON a.workspace_id = r.workspace_id AND a.response_id = r.id AND a.question_type = 'nps'
      WHERE r.workspace_id = ${workspaceId} AND r.customer_external_id = ${externalId} AND a.value_num IS NOT NULL
      ORDER BY r.submitted_at DESC LIMIT 1`.execute(db),
    db.selectFrom('comment_analyses').select(['sentiment', 'sentiment_score', 'local_day'])
      .where('workspace_id', '=', workspaceId).where('customer_external_id', '=', externalId)
      .orderBy('local_day', 'desc').orderBy('analysed_at', 'desc').limit(1).executeTakeFirst(),
    customerChurnRisk(db, workspaceId, externalId),
  ]);
  const nps = latestNps.rows[0];
  const timeline = [
    ...events.map((e) => ({ type: 'event' as const, at: e.occurred_at, id: e.id, title: e.name, stage: e.stage, channel: e.channel, detail: e.properties })),
    ...responses.rows.map((r) => ({
      type: 'response' as const,
      at: r.submitted_at,
      id: r.id,
      title: r.survey_name,
      stage: r.stage,
      channel: r.channel,
      detail: { surveyId: r.survey_id, score: r.score, scoreType: r.score_type, comment: r.comment },
    })),
    ...cases.map((c) => ({
      type: 'case' as const,
      at: c.created_at,
      id: c.id,
      title: `#${c.number} ${c.subject}`,
      stage: c.stage,
      channel: c.channel,
      detail: { status: c.status, priority: c.priority, resolvedAt: c.resolved_at },
    })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, TIMELINE_LIMIT);
  const openCases = cases.filter((c) => c.status === 'open' || c.status === 'pending');
  return {
    customer: customerView(customer),
    nps: nps ? { score: nps.value_num, group: npsGroup(nps.value_num), at: nps.submitted_at } : null,
    // From the analysis of their latest analysed comment; null until one is analysed.
    latestSentiment: latestSentiment ? { label: latestSentiment.sentiment, score: latestSentiment.sentiment_score, day: latestSentiment.local_day } : null,
    latestComment: responses.rows.find((r) => r.comment)?.comment ?? null,
    openCases: openCases.map((c) => caseView(c)),
    // Score 0–100, level and the reasons behind it, with the customer's 12-month value.
    churnRisk,
    counts: { events: events.length, responses: responses.rows.length, cases: cases.length },
    timeline,
  };
}
