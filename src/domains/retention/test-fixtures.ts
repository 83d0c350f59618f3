// Builders of hand-made customers for the retention tests (not a test file itself): rows go in
// as the product writes them, events through the real ingest statement.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { ingestEvents } from '../events/service.js';

type DB = Kysely<Database>;
const SURVEY = '00000000-0000-4000-8000-000000000001';
const DAY = 86_400_000;

export const daysBefore = (now: Date, days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * 3_600_000);

export async function event(db: DB, ws: { id: string; timezone: string }, customer: string, at: Date, name = 'page_view', properties: Record<string, string | number | boolean | null> = {}) {
  await ingestEvents(db, ws, [{ customerId: customer, stage: name.startsWith('purchase') ? 'purchase' : 'usage', name, occurredAt: at.toISOString(), properties }], null, new Date('2030-01-01T00:00:00Z'));
}

export async function purchase(db: DB, ws: { id: string; timezone: string }, customer: string, at: Date, amount: number | string) {
  await event(db, ws, customer, at, 'purchase_completed', { amount });
}

export async function npsAnswer(db: DB, ws: { id: string; timezone: string }, customer: string, score: number, at: Date) {
  const id = randomUUID();
  await sql`INSERT INTO responses (workspace_id, id, survey_id, status, customer_external_id, language, submitted_at, local_day, updated_at)
    VALUES (${ws.id}, ${id}, ${SURVEY}, 'finished', ${customer}, 'pl', ${at}, (${at}::timestamptz AT TIME ZONE ${ws.timezone})::date, ${at})`.execute(db);
  await db.insertInto('answers').values({ workspace_id: ws.id, response_id: id, question_id: 'nps', survey_id: SURVEY, question_type: 'nps', value_num: score }).execute();
  return id;
}

export async function negativeComment(db: DB, ws: { id: string }, customer: string, day: string) {
  await db
    .insertInto('comment_analyses')
    .values({
      workspace_id: ws.id,
      response_id: randomUUID(),
      question_id: 'why',
      survey_id: SURVEY,
      local_day: day,
      customer_external_id: customer,
      sentiment: 'negative',
      sentiment_score: -0.8,
      confidence: 0.9,
      model: 'test',
      stage: null,
      channel: null,
      nps: null,
      language: 'pl',
      emotions: [],
      themes: [],
      evidence: '{}',
    } as never)
    .execute();
}

let caseNumber = 0;
export async function openCase(db: DB, ws: { id: string }, customer: string, createdAt: Date, due: { firstResponseDueAt?: Date } = {}) {
  await sql`INSERT INTO cases (workspace_id, id, number, subject, customer_external_id, priority, status, created_at, updated_at, local_day, first_response_due_at)
    VALUES (${ws.id}, ${randomUUID()}, ${++caseNumber}, 'Late parcel', ${customer}, 'normal', 'open', ${createdAt}, ${createdAt},
      ${createdAt.toISOString().slice(0, 10)}::date, ${due.firstResponseDueAt ?? null})`.execute(db);
}

export async function loyaltyAccount(db: DB, ws: { id: string }, customer: string, tier: string | null, previous: string | null = null, tierSince = new Date('2026-01-01T00:00:00Z')) {
  await sql`INSERT INTO loyalty_accounts (workspace_id, customer_external_id, card_number, tier, previous_tier, tier_since, created_at)
    VALUES (${ws.id}, ${customer}, loyalty_card_number('1234', nextval('loyalty_card_seq')), ${tier}, ${previous}, ${tierSince}, '2026-01-01T00:00:00Z')`.execute(db);
}

export async function tierProgramme(db: DB, ws: { id: string }, tiers: { id: string; threshold: number }[]) {
  const settings = { tiers: tiers.map((t) => ({ ...t, name: { en: t.id } })) };
  await sql`INSERT INTO loyalty_programmes (workspace_id, card_prefix, settings) VALUES (${ws.id}, '1234', ${JSON.stringify(settings)}::jsonb)`.execute(db);
}
