import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { hasComment } from './comment-flags.js';
import { addToRollup, rollupCounts } from './rollup.js';
import type { NormalizedAnswer } from './validate-answers.js';

/** A validated response, ready to store. */
export interface NewResponse {
  workspaceId: string;
  id: string;
  surveyId: string;
  status: 'partial' | 'finished';
  customerExternalId: string | null;
  language: string;
  channel: string | null;
  stage: string | null;
  source: string;
  eventId?: string | null;
  hidden: Record<string, string>;
  metadata: Record<string, unknown>;
  idempotencyKey: string | null;
  requestHash: string | null;
  submittedAt: Date;
  localDay: string;
  finishedAt: Date | null;
  answers: NormalizedAnswer[];
}

export interface WriteResult {
  id: string;
  status: 'partial' | 'finished';
  /** True when the idempotency key had already been used: nothing new was stored. */
  replayed: boolean;
  /** For a replay: whether the earlier request had the same body. */
  sameRequest: boolean;
}

/**
 * Stores a batch with one statement, so one round trip and one commit: the responses, their
 * answers, the rollup counts of the score answers and the customers they name. Responses whose
 * idempotency key was already used are skipped (with their answers) and reported as replays.
 * Results are in the batch's order.
 */
export async function writeBatch(db: Kysely<Database>, items: NewResponse[]): Promise<WriteResult[]> {
  const rows = items.map((r) => ({
    workspace_id: r.workspaceId,
    id: r.id,
    survey_id: r.surveyId,
    status: r.status,
    customer_external_id: r.customerExternalId,
    language: r.language,
    channel: r.channel,
    stage: r.stage,
    source: r.source,
    event_id: r.eventId ?? null,
    has_comment: hasComment(r.answers),
    hidden: r.hidden,
    metadata: r.metadata,
    idempotency_key: r.idempotencyKey,
    request_hash: r.requestHash,
    submitted_at: r.submittedAt.toISOString(),
    local_day: r.localDay,
    finished_at: r.finishedAt?.toISOString() ?? null,
    answers: r.answers.map((a) => ({
      question_id: a.questionId,
      question_type: a.type,
      value_num: a.valueNum,
      choices: a.choices,
      text_value: a.text,
    })),
  }));
  const inserted = await sql<{ id: string }>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        workspace_id uuid, id uuid, survey_id uuid, status text, customer_external_id text, language text,
        channel text, stage text, source text, event_id uuid, has_comment boolean, hidden jsonb, metadata jsonb, idempotency_key text,
        request_hash text, submitted_at timestamptz, local_day date, finished_at timestamptz, answers jsonb)
    ),
    ins AS (
      INSERT INTO responses (workspace_id, id, survey_id, status, customer_external_id, language, channel, stage,
        source, event_id, has_comment, hidden, metadata, idempotency_key, request_hash, submitted_at, local_day, updated_at, finished_at)
      SELECT workspace_id, id, survey_id, status, customer_external_id, language, channel, stage,
        source, event_id, has_comment, hidden, metadata, idempotency_key, request_hash, submitted_at, local_day, now(), finished_at
      FROM input
      ON CONFLICT DO NOTHING
      RETURNING workspace_id, id
    ),
    stored AS (
      SELECT i.* FROM input i JOIN ins ON ins.workspace_id = i.workspace_id AND ins.id = i.id
    ),
    answer_rows AS (
      SELECT s.workspace_id, s.id AS response_id, s.survey_id, s.local_day, s.channel, s.stage, s.language, a.*
      FROM stored s, jsonb_to_recordset(s.answers) AS a(
        question_id text, question_type text, value_num double precision, choices text[], text_value text)
    ),
    new_answers AS (
      INSERT INTO answers (workspace_id, response_id, question_id, survey_id, question_type, value_num, choices, text_value)
      SELECT workspace_id, response_id, question_id, survey_id, question_type, value_num, choices, text_value
      FROM answer_rows
      RETURNING 1
    ),
    new_counts AS (
      ${addToRollup(rollupCounts(sql`answer_rows`))}
      RETURNING 1
    ),
    -- The transactional outbox: a finished response is a trigger for the workspace's rules,
    -- written by the same statement, so no response can be stored without it.
    new_triggers AS (
      INSERT INTO triggers (workspace_id, kind, subject_id)
      SELECT s.workspace_id, 'response_received', s.id FROM stored s
      WHERE s.status = 'finished' AND EXISTS (
        SELECT 1 FROM rules ru WHERE ru.workspace_id = s.workspace_id AND ru.enabled AND ru.trigger = 'response_received')
      RETURNING 1
    ),
    new_customers AS (
      INSERT INTO customers (workspace_id, external_id)
      SELECT DISTINCT workspace_id, customer_external_id FROM stored
      WHERE customer_external_id IS NOT NULL
      ORDER BY 1, 2
      ON CONFLICT DO NOTHING
      RETURNING 1
    )
    SELECT id FROM ins`.execute(db);
  const insertedIds = new Set(inserted.rows.map((r) => r.id));
  const replays = await findReplays(db, items.filter((r) => !insertedIds.has(r.id)));
  return items.map((r): WriteResult => {
    if (insertedIds.has(r.id)) return { id: r.id, status: r.status, replayed: false, sameRequest: true };
    const earlier = replays.get(`${r.workspaceId}\n${r.idempotencyKey}`);
    if (!earlier) throw new Error(`response ${r.id} was neither stored nor a replay`);
    return {
      id: earlier.id,
      status: earlier.status as WriteResult['status'],
      replayed: true,
      sameRequest: earlier.request_hash === r.requestHash,
    };
  });
}

async function findReplays(db: Kysely<Database>, items: NewResponse[]) {
  const keyed = items.filter((r) => r.idempotencyKey !== null);
  const found = new Map<string, { id: string; status: string; request_hash: string | null }>();
  if (!keyed.length) return found;
  const keys = keyed.map((r) => ({ workspace_id: r.workspaceId, idempotency_key: r.idempotencyKey }));
  const rows = await sql<{ workspace_id: string; idempotency_key: string; id: string; status: string; request_hash: string | null }>`
    SELECT r.workspace_id, r.idempotency_key, r.id, r.status, r.request_hash
    FROM responses r
    JOIN jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k(workspace_id uuid, idempotency_key text)
      ON r.workspace_id = k.workspace_id AND r.idempotency_key = k.idempotency_key`.execute(db);
  for (const row of rows.rows) found.set(`${row.workspace_id}\n${row.idempotency_key}`, row);
  return found;
}
