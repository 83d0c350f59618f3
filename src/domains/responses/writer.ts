import { sql, type Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/types.js';
import { SCORE_TYPES } from '../surveys/schema.js';
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

interface Pending {
  item: NewResponse;
  resolve(result: WriteResult): void;
  reject(err: unknown): void;
}

/**
 * Group commit: requests that arrive while a transaction is in flight wait for the next one,
 * so one commit (and one fsync) serves many responses. Each caller's promise settles only
 * after the commit that holds its response, so a 2xx always means durable. On PostgreSQL two
 * batches may be in flight at once (one inserting while the other commits); PGlite has one
 * connection, so one.
 */
export class ResponseWriter {
  private queue: Pending[] = [];
  private inflight = 0;
  private scheduled = false;
  private idle: (() => void)[] = [];
  /** Figures for benchmarks and health: how many batches, how many responses. */
  readonly stats = { batches: 0, responses: 0, maxBatch: 0 };

  constructor(
    private readonly db: Db,
    private readonly options: { maxBatch?: number; concurrency?: number } = {},
  ) {}

  write(item: NewResponse): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything queued so far is committed (graceful shutdown). */
  flush(): Promise<void> {
    if (!this.queue.length && !this.inflight && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private get concurrency() {
    return this.options.concurrency ?? (this.db.backend === 'postgres' ? 2 : 1);
  }

  private schedule() {
    if (this.scheduled || this.inflight >= this.concurrency || !this.queue.length) return;
    this.scheduled = true;
    // Let every request parsed in this turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.startBatch();
    });
  }

  private startBatch() {
    if (!this.queue.length || this.inflight >= this.concurrency) return this.checkIdle();
    const batch = this.queue.splice(0, this.options.maxBatch ?? 1000);
    this.inflight++;
    void this.runBatch(batch).finally(() => {
      this.inflight--;
      this.schedule();
      this.checkIdle();
    });
    this.schedule();
  }

  private checkIdle() {
    if (this.queue.length || this.inflight || this.scheduled) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private async runBatch(batch: Pending[]) {
    try {
      const results = await writeBatch(this.db.kysely, batch.map((p) => p.item));
      this.stats.batches++;
      this.stats.responses += batch.length;
      this.stats.maxBatch = Math.max(this.stats.maxBatch, batch.length);
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      await this.isolateFailure(batch, err);
    }
  }

  /** One bad response must not fail its neighbours: retry them one by one. */
  private async isolateFailure(batch: Pending[], err: unknown) {
    if (batch.length === 1) {
      batch[0]!.reject(err);
      return;
    }
    for (const p of batch) {
      try {
        const [result] = await writeBatch(this.db.kysely, [p.item]);
        p.resolve(result!);
      } catch (e) {
        p.reject(e);
      }
    }
  }
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
        channel text, stage text, source text, hidden jsonb, metadata jsonb, idempotency_key text,
        request_hash text, submitted_at timestamptz, local_day date, finished_at timestamptz, answers jsonb)
    ),
    ins AS (
      INSERT INTO responses (workspace_id, id, survey_id, status, customer_external_id, language, channel, stage,
        source, hidden, metadata, idempotency_key, request_hash, submitted_at, local_day, updated_at, finished_at)
      SELECT workspace_id, id, survey_id, status, customer_external_id, language, channel, stage,
        source, hidden, metadata, idempotency_key, request_hash, submitted_at, local_day, now(), finished_at
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
      -- Counters in key order, so two writers touching the same ones lock them alike.
      INSERT INTO metric_daily (workspace_id, survey_id, question_id, dimension, day, dim_value, value, count)
      SELECT a.workspace_id, a.survey_id, a.question_id, d.dimension, a.local_day, d.dim_value, a.value_num::int, count(*)
      FROM answer_rows a
      CROSS JOIN LATERAL (VALUES ('all', ''), ('channel', a.channel), ('stage', a.stage), ('language', a.language))
        AS d(dimension, dim_value)
      WHERE a.question_type = ANY(${[...SCORE_TYPES]}::text[]) AND a.value_num IS NOT NULL AND d.dim_value IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7
      ORDER BY 1, 2, 3, 4, 5, 6, 7
      ON CONFLICT (workspace_id, survey_id, question_id, dimension, day, dim_value, value)
      DO UPDATE SET count = metric_daily.count + excluded.count
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
