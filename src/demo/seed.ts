import { Presets, SingleBar } from 'cli-progress';
import type { Db } from '../db/connect.js';
import { prepareResponse } from '../domains/responses/ingest.js';
import { writeBatch, type NewResponse } from '../domains/responses/write-batch.js';
import { SurveyCreate, type Survey } from '../domains/surveys/schema.js';
import { createSurvey, toSurvey } from '../domains/surveys/service.js';
import { makeCustomer, type DemoCustomer } from './customers.js';
import { seedJourney } from './journey.js';
import { seedLoyaltyDemo } from '../domains/loyalty/demo.js';
import { Random } from './random.js';
import { makeResponse, SURVEY_MIX } from './responses.js';
import { DEMO_SURVEYS, type DemoSurveyKey } from './surveys.js';
import { seedDemoSegments } from '../domains/segments/demo.js';
import { seedDemoOffers } from '../domains/offers/demo.js';

export interface SeedOptions {
  customers?: number;
  responses?: number;
  seed?: number;
  /** A progress bar on standard error. */
  progress?: boolean;
  /** The end of the year of data (tests pin it). */
  now?: Date;
}

const BATCH = 500;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEFAULT_SEED = 20_240_601;
// Local hours people answer at (UTC+1/+2 shops): few at night, peaks after work.
const HOURS_UTC: [number, number][] = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22].map((h) => [
  h,
  h < 6 || h > 20 ? 1 : h >= 16 && h <= 19 ? 6 : 4,
]);

/**
 * Fills a workspace with a year of realistic feedback: surveys at five touchpoints in Polish,
 * Romanian and English, customers from Poland, Romania and beyond, and responses whose scores
 * and comments tell a story. Responses go through the same validation and writer as the API;
 * their idempotency keys come from the seed, so seeding twice stores nothing twice.
 */
export async function seedDemo(
  db: Db,
  workspaceId: string,
  options: SeedOptions = {},
): Promise<{ surveys: number; customers: number; responses: number; events: number; cases: number }> {
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = new Random(seed);
  const now = options.now ?? new Date();
  const customerCount = options.customers ?? 3000;
  const responseCount = options.responses ?? 12000;
  if (customerCount < 1 && responseCount > 0) throw new Error('responses need at least one customer');
  const workspace = await db.kysely.selectFrom('workspaces').select('timezone').where('id', '=', workspaceId).executeTakeFirst();
  if (!workspace) throw new Error(`there is no workspace ${workspaceId}`);

  const surveys = await ensureSurveys(db, workspaceId);
  const customers = Array.from({ length: customerCount }, (_, i) => makeCustomer(rng, i));
  await upsertCustomers(db, workspaceId, customers);

  const bar = options.progress
    ? new SingleBar({ format: 'Demo data |{bar}| {value}/{total} responses, ETA {eta}s', hideCursor: true }, Presets.shades_classic)
    : null;
  bar?.start(responseCount, 0);
  const onboarded = new Set<string>();
  let stored = 0;
  let batch: NewResponse[] = [];
  const flush = async () => {
    const results = await writeBatch(db.kysely, batch);
    stored += results.filter((r) => !r.replayed).length;
    bar?.increment(batch.length);
    batch = [];
  };
  for (let i = 0; i < responseCount; i++) {
    const customer = rng.pick(customers);
    let key = rng.weighted(SURVEY_MIX);
    // Onboarding is asked once per customer; a second visit is just another purchase.
    if (key === 'onboarding' && onboarded.has(customer.external_id)) key = 'purchase';
    if (key === 'onboarding') onboarded.add(customer.external_id);
    const submittedAt = pickTime(rng, now);
    const body = makeResponse({ rng, customer, submittedAt, monthsAgo: (now.getTime() - submittedAt.getTime()) / (30.44 * DAY), index: i }, key);
    batch.push(
      prepareResponse({ survey: surveys[key], timezone: workspace.timezone }, body, {
        idempotencyKey: `demo-${seed}-${i}`,
        requestHash: null,
        allowInactive: true,
        now,
      }),
    );
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  bar?.stop();
  const journey = await seedJourney(db, workspaceId, customers, rng, { seed, now, pickTime: () => pickTime(rng, now) });
  await seedLoyaltyDemo(db, workspaceId);
  await seedDemoSegments(db, workspaceId);
  await seedDemoOffers(db, workspaceId);
  return { surveys: Object.keys(surveys).length, customers: customers.length, responses: stored, ...journey };
}

/** Creates the demo surveys, or finds them from an earlier run so its responses are recognised. */
async function ensureSurveys(db: Db, workspaceId: string): Promise<Record<DemoSurveyKey, Survey>> {
  const surveys = {} as Record<DemoSurveyKey, Survey>;
  for (const key of Object.keys(DEMO_SURVEYS) as DemoSurveyKey[]) {
    const def = SurveyCreate.parse(DEMO_SURVEYS[key]);
    const existing = await db.kysely
      .selectFrom('surveys')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', def.name)
      .orderBy('created_at')
      .executeTakeFirst();
    surveys[key] = existing ? toSurvey(existing) : await createSurvey(db.kysely, workspaceId, def);
  }
  return surveys;
}

async function upsertCustomers(db: Db, workspaceId: string, customers: DemoCustomer[]) {
  for (let i = 0; i < customers.length; i += BATCH) {
    const rows = customers.slice(i, i + BATCH).map((c) => ({
      workspace_id: workspaceId,
      external_id: c.external_id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      locale: c.locale,
      attributes: JSON.stringify(c.attributes),
      consent: JSON.stringify({ surveys: true, email: true }),
    }));
    await db.kysely
      .insertInto('customers')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'external_id']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          email: eb.ref('excluded.email'),
          phone: eb.ref('excluded.phone'),
          locale: eb.ref('excluded.locale'),
          attributes: eb.ref('excluded.attributes'),
          updated_at: new Date(),
        })),
      )
      .execute();
  }
}

/** A moment in the past year at a plausible hour; recent months are busier (a growing shop). */
function pickTime(rng: Random, now: Date): Date {
  const daysAgo = Math.floor(365 * rng.next() ** 1.35);
  const midnight = Math.floor(now.getTime() / DAY) * DAY;
  let t = midnight - daysAgo * DAY + rng.weighted(HOURS_UTC) * HOUR + rng.int(0, HOUR / 1000 - 1) * 1000;
  if (t > now.getTime()) t -= DAY;
  return new Date(t);
}
