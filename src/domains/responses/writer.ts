import { sql, type Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/types.js';
import { ApiError, notFound } from '../../server/errors.js';
import { addRollupDeltas, applyRollupDeltas, type RollupDelta } from './rollup.js';
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
 * after the commit that holds its response, so a 2xx always means durable.
 */
export class ResponseWriter {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  private scheduled = false;
  /** Figures for benchmarks and health: how many batches, how many responses. */
  readonly stats = { batches: 0, responses: 0, maxBatch: 0 };

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 1000,
  ) {}

  write(item: NewResponse): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything queued so far is committed (graceful shutdown). */
  async flush(): Promise<void> {
    while (this.draining || this.scheduled || this.queue.length) {
      if (this.draining) await this.draining;
      else await new Promise((r) => setImmediate(r));
    }
  }

  private schedule() {
    if (this.scheduled || this.draining) return;
    this.scheduled = true;
    // Let every request parsed in this turn of the event loop join the first batch.
    setImmediate(() => {
      this.scheduled = false;
      this.draining = this.drain().finally(() => {
        this.draining = null;
        if (this.queue.length) this.schedule();
      });
    });
  }

  private async drain() {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
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
  }

  /** One bad response must not fail its neighbours: retry them one by one. */
  private async isolateFailure(batch: Pending[], err: unknown) {
    if (batch.length === 1) {
      batch[0]!.reject(translateError(err));
      return;
    }
    for (const p of batch) {
      try {
        const [result] = await writeBatch(this.db.kysely, [p.item]);
        p.resolve(result!);
      } catch (e) {
        p.reject(translateError(e));
      }
    }
  }
}

function translateError(err: unknown): unknown {
  const code = (err as { code?: string }).code;
  if (code === '23503') return notFound('The survey');
  if (err instanceof ApiError) return err;
  return err;
}

/** Stores a batch in one transaction; results are in the batch's order. */
export async function writeBatch(db: Kysely<Database>, items: NewResponse[]): Promise<WriteResult[]> {
  return db.transaction().execute(async (trx) => {
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
    }));
    const inserted = await sql<{ id: string }>`
      INSERT INTO responses (workspace_id, id, survey_id, status, customer_external_id, language, channel, stage,
        source, hidden, metadata, idempotency_key, request_hash, submitted_at, local_day, updated_at, finished_at)
      SELECT workspace_id, id, survey_id, status, customer_external_id, language, channel, stage,
        source, hidden, metadata, idempotency_key, request_hash, submitted_at, local_day, now(), finished_at
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        workspace_id uuid, id uuid, survey_id uuid, status text, customer_external_id text, language text,
        channel text, stage text, source text, hidden jsonb, metadata jsonb, idempotency_key text,
        request_hash text, submitted_at timestamptz, local_day date, finished_at timestamptz)
      ON CONFLICT DO NOTHING
      RETURNING id`.execute(trx);
    const insertedIds = new Set(inserted.rows.map((r) => r.id));
    const stored = items.filter((r) => insertedIds.has(r.id));
    const replays = await findReplays(trx, items.filter((r) => !insertedIds.has(r.id)));

    const answerRows = stored.flatMap((r) =>
      r.answers.map((a) => ({
        workspace_id: r.workspaceId,
        response_id: r.id,
        question_id: a.questionId,
        survey_id: r.surveyId,
        question_type: a.type,
        value_num: a.valueNum,
        choices: a.choices,
        text_value: a.text,
      })),
    );
    if (answerRows.length) {
      await sql`
        INSERT INTO answers (workspace_id, response_id, question_id, survey_id, question_type, value_num, choices, text_value)
        SELECT workspace_id, response_id, question_id, survey_id, question_type, value_num, choices, text_value
        FROM jsonb_to_recordset(${JSON.stringify(answerRows)}::jsonb) AS a(
          workspace_id uuid, response_id uuid, question_id text, survey_id uuid, question_type text,
          value_num double precision, choices text[], text_value text)`.execute(trx);
    }

    const deltas = new Map<string, RollupDelta>();
    for (const r of stored) addRollupDeltas(deltas, r, r.answers, 1);
    await applyRollupDeltas(trx, deltas);

    const customers = [...new Set(stored.filter((r) => r.customerExternalId).map((r) => `${r.workspaceId}\n${r.customerExternalId}`))]
      .sort()
      .map((k) => {
        const [workspace_id, external_id] = k.split('\n');
        return { workspace_id, external_id };
      });
    if (customers.length) {
      await sql`
        INSERT INTO customers (workspace_id, external_id)
        SELECT workspace_id, external_id FROM jsonb_to_recordset(${JSON.stringify(customers)}::jsonb)
          AS c(workspace_id uuid, external_id text)
        ON CONFLICT DO NOTHING`.execute(trx);
    }

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
