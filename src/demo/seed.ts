import { Presets, SingleBar } from 'cli-progress';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { prepareResponse } from '../domains/responses/ingest.js';
import { writeBatch, type NewResponse } from '../domains/responses/writer.js';
import { SurveyCreate, type Survey } from '../domains/surveys/schema.js';
import { createSurvey, toSurvey } from '../domains/surveys/service.js';
import { makeCustomer } from './customers.js';
import { Random } from './random.js';
import { makeResponse, SURVEY_WEIGHTS } from './responses.js';
import { DEMO_SURVEYS, type DemoSurveyKey } from './surveys.js';

export interface SeedOptions {
  customers?: number;
  responses?: number;
  seed?: number;
  progress?: boolean;
  now?: Date;
}

const BATCH = 500;
const DAY = 86_400_000;

/**
 * Fills a workspace with a year of realistic feedback: surveys at five touchpoints in Polish,
 * Romanian and English, customers from Poland, Romania and beyond, and responses whose scores
 * and comments tell a story. Responses go through the same validation and writer as the API;
 * their idempotency keys come from the seed, so seeding twice stores nothing twice.
 */
export async function seedDemo(db: Db, workspaceId: string, options: SeedOptions = {}) {
  const rng = new Random(options.seed ?? 20261122);
  const now = options.now ?? new Date();
  const customerCount = options.customers ?? 3000;
  const responseCount = options.responses ?? 12000;
  const workspace = await db.kysely.selectFrom('workspaces').select(['timezone']).where('id', '=', workspaceId).executeTakeFirstOrThrow();

  const surveys = {} as Record<DemoSurveyKey, Survey>;
  for (const [key, def] of Object.entries(DEMO_SURVEYS) as [DemoSurveyKey, (typeof DEMO_SURVEYS)[DemoSurveyKey]][]) {
    // Seeding again reuses the demo surveys, so their responses are recognised as already there.
    const existing = await db.kysely
      .selectFrom('surveys')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', def.name)
      .executeTakeFirst();
    surveys[key] = existing ? toSurvey(existing) : await createSurvey(db.kysely, workspaceId, SurveyCreate.parse(def));
  }

  const customers = Array.from({ length: customerCount }, (_, i) => makeCustomer(rng, i));
  for (let i = 0; i < customers.length; i += BATCH) {
    const rows = customers.slice(i, i + BATCH).map((c) => ({ ...c, attributes: c.attributes }));
    await sql`
      INSERT INTO customers (workspace_id, external_id, name, email, phone, locale, attributes)
      SELECT ${workspaceId}, external_id, name, email, phone, locale, attributes
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS c(external_id text, name text, email text, phone text, locale text, attributes jsonb)
      ON CONFLICT (workspace_id, external_id) DO UPDATE
        SET name = excluded.name, email = excluded.email, phone = excluded.phone, locale = excluded.locale,
            attributes = excluded.attributes, updated_at = now()`.execute(db.kysely);
  }

  const bar = options.progress ? new SingleBar({ format: 'Demo data |{bar}| {value}/{total} responses', hideCursor: true }, Presets.shades_classic) : null;
  bar?.start(responseCount, 0);
  let stored = 0;
  let batch: NewResponse[] = [];
  const flush = async () => {
    const results = await writeBatch(db.kysely, batch);
    stored += results.filter((r) => !r.replayed).length;
    batch = [];
  };
  for (let i = 0; i < responseCount; i++) {
    const key = rng.weighted(SURVEY_WEIGHTS);
    const customer = rng.pick(customers);
    // More responses in recent months: a business that grows, and a busier dashboard.
    const daysAgo = Math.floor(365 * rng.next() ** 1.35);
    const submittedAt = new Date(now.getTime() - daysAgo * DAY - rng.int(0, 12 * 3600) * 1000);
    const body = makeResponse(rng, key, customer, submittedAt, daysAgo / 30.4, i);
    const survey = surveys[key];
    batch.push(
      prepareResponse({ survey, timezone: workspace.timezone }, body, {
        idempotencyKey: `demo-${options.seed ?? 20261122}-${i}`,
        requestHash: null,
        allowInactive: true,
        now,
      }),
    );
    if (batch.length >= BATCH) {
      await flush();
      bar?.update(i + 1);
    }
  }
  if (batch.length) await flush();
  bar?.update(responseCount);
  bar?.stop();
  return { surveys: Object.keys(surveys).length, customers: customers.length, responses: stored, surveyIds: Object.fromEntries(Object.entries(surveys).map(([k, s]) => [k, s.id])) };
}
