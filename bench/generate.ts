import type pg from 'pg';

/**
 * Bulk data for benchmarks, generated inside PostgreSQL (generate_series) in chunks: responses
 * over the past 12 months in 7 channels and 3 languages, each with an NPS and a CSAT answer.
 */
export async function generateResponses(
  client: pg.Client | pg.PoolClient,
  ids: { workspaceId: string; surveyId: string },
  count: number,
  onProgress: (done: number) => void = () => {},
): Promise<void> {
  const CHUNK = 250_000;
  for (let start = 0; start < count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK);
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO responses (workspace_id, id, survey_id, status, customer_external_id, language, channel, stage,
         source, hidden, metadata, submitted_at, local_day, updated_at, finished_at)
       SELECT $1, gen_random_uuid(), $2, 'finished', 'C-' || (i % 50000),
         (ARRAY['pl','ro','en'])[1 + i % 3],
         (ARRAY['web','app','email','phone','store','chat','social'])[1 + (i::bigint * 7919) % 7],
         'purchase', 'api', '{}', '{}', t.ts, t.ts::date, t.ts, t.ts
       FROM generate_series($3::int, $4::int) AS i,
         LATERAL (SELECT timestamptz '2026-11-22 12:00Z' - ((i::bigint * 104729) % 31536000) * interval '1 second' AS ts) AS t`,
      [ids.workspaceId, ids.surveyId, start + 1, end],
    );
    await client.query('COMMIT');
    onProgress(end);
  }
  // Answers by survey in one pass per question: a score drawn so that NPS is around +25.
  await client.query(
    `INSERT INTO answers (workspace_id, response_id, question_id, survey_id, question_type, value_num)
     SELECT workspace_id, id, 'nps', survey_id, 'nps',
       (ARRAY[0,1,2,3,4,5,6,7,7,8,8,8,9,9,9,9,10,10,10,10])[1 + floor(random() * 20)::int]
     FROM responses WHERE workspace_id = $1 AND survey_id = $2`,
    [ids.workspaceId, ids.surveyId],
  );
  await client.query(
    `INSERT INTO answers (workspace_id, response_id, question_id, survey_id, question_type, value_num)
     SELECT workspace_id, id, 'csat', survey_id, 'csat', 1 + floor(random() * 5)::int
     FROM responses WHERE workspace_id = $1 AND survey_id = $2`,
    [ids.workspaceId, ids.surveyId],
  );
  await client.query('ANALYZE responses; ANALYZE answers');
}
