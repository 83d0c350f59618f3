import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, OffersTable } from '../../db/types.js';
import { notFound, invalid } from '../../server/errors.js';
import { npsGroupOf } from '../automation/conditions.js';
import { customerFacts } from '../automation/facts.js';
import { segmentsOf } from '../segments/service.js';
import { impressionToken } from './impression-token.js';
import { OFFER_LANGUAGES, type OfferInputData, type Placement } from './schema.js';
import { chooseOffer, type OfferCandidate, type OfferHistory, type Viewer } from './targeting.js';

type DB = Kysely<Database>;
type OfferRow = Selectable<OffersTable>;
type Text = { title: string; body: string; cta?: string };

export function offerView(o: OfferRow) {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    content: o.content,
    url: o.url,
    audience: o.audience,
    placements: o.placements,
    priority: o.priority,
    validFrom: o.valid_from,
    validUntil: o.valid_until,
    capDays: o.cap_days,
    enabled: o.enabled,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
  };
}

function candidate(o: OfferRow): OfferCandidate & { row: OfferRow } {
  return {
    id: o.id,
    kind: o.kind,
    audience: o.audience as OfferCandidate['audience'],
    placements: o.placements,
    priority: o.priority,
    validFrom: o.valid_from,
    validUntil: o.valid_until,
    capDays: o.cap_days,
    enabled: o.enabled,
    createdAt: o.created_at,
    row: o,
  };
}

/** Segments named in an audience must be this workspace's. */
async function checkSegments(db: DB, workspaceId: string, input: OfferInputData) {
  const ids = input.audience.segmentIds ?? [];
  if (!ids.length) return;
  const found = await db.selectFrom('segments').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw invalid(`audience.segmentIds: there is no segment ${missing.join(', ')} in this workspace.`);
}

const columns = (input: OfferInputData) => ({
  name: input.name,
  kind: input.kind,
  content: JSON.stringify(input.content),
  url: input.url,
  audience: JSON.stringify(input.audience),
  placements: input.placements,
  priority: input.priority,
  valid_from: input.validFrom ? new Date(input.validFrom) : null,
  valid_until: input.validUntil ? new Date(input.validUntil) : null,
  cap_days: input.capDays,
  enabled: input.enabled,
});

export async function createOffer(db: DB, workspaceId: string, input: OfferInputData) {
  await checkSegments(db, workspaceId, input);
  const row = await db.insertInto('offers').values({ workspace_id: workspaceId, id: randomUUID(), ...columns(input) }).returningAll().executeTakeFirstOrThrow();
  return offerView(row);
}

export async function updateOffer(db: DB, workspaceId: string, id: string, input: OfferInputData) {
  await checkSegments(db, workspaceId, input);
  const row = await db
    .updateTable('offers')
    .set({ ...columns(input), updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('Offer');
  return offerView(row);
}

export async function deleteOffer(db: DB, workspaceId: string, id: string) {
  const r = await db.deleteFrom('offers').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!r.numDeletedRows) throw notFound('Offer');
}

export async function getOffer(db: DB, workspaceId: string, id: string) {
  const row = await db.selectFrom('offers').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Offer');
  return offerView(row);
}

/** Offers with what became of their showings: accepted, dismissed, and ignored (no answer). */
export async function listOffers(db: DB, workspaceId: string) {
  const rows = await sql<OfferRow & { shown: number; accepted: number; dismissed: number }>`
    SELECT o.*,
      (SELECT count(*)::int FROM offer_impressions i WHERE i.workspace_id = o.workspace_id AND i.offer_id = o.id) AS shown,
      (SELECT count(*)::int FROM offer_impressions i WHERE i.workspace_id = o.workspace_id AND i.offer_id = o.id AND i.outcome = 'accepted') AS accepted,
      (SELECT count(*)::int FROM offer_impressions i WHERE i.workspace_id = o.workspace_id AND i.offer_id = o.id AND i.outcome = 'dismissed') AS dismissed
    FROM offers o WHERE o.workspace_id = ${workspaceId}
    ORDER BY o.enabled DESC, o.priority DESC, o.created_at DESC`.execute(db);
  return rows.rows.map((r) => ({
    ...offerView(r),
    stats: { shown: r.shown, accepted: r.accepted, dismissed: r.dismissed, ignored: r.shown - r.accepted - r.dismissed, acceptRate: r.shown ? r.accepted / r.shown : null },
  }));
}

/** Who is looking: the NPS group of the answer just given (else their latest), segments, tier and attributes. */
export async function loadViewer(db: DB, workspaceId: string, customerId: string | null, npsNow: number | null): Promise<Viewer> {
  if (!customerId) return { npsGroup: npsGroupOf(npsNow), segmentIds: [], tier: null, facts: {} };
  const [customer, segmentIds, account, latest] = await Promise.all([
    db.selectFrom('customers').select(['attributes', 'locale']).where('workspace_id', '=', workspaceId).where('external_id', '=', customerId).executeTakeFirst(),
    segmentsOf(db, workspaceId, customerId),
    db.selectFrom('loyalty_accounts').select('tier').where('workspace_id', '=', workspaceId).where('customer_external_id', '=', customerId).executeTakeFirst(),
    npsNow === null
      ? sql<{ value_num: number }>`
          SELECT a.value_num FROM responses r
          JOIN answers a ON a.workspace_id = r.workspace_id AND a.response_id = r.id AND a.question_type = 'nps'
          WHERE r.workspace_id = ${workspaceId} AND r.customer_external_id = ${customerId} AND a.value_num IS NOT NULL
          ORDER BY r.submitted_at DESC LIMIT 1`.execute(db)
      : null,
  ]);
  const nps = npsNow ?? latest?.rows[0]?.value_num ?? null;
  return {
    npsGroup: npsGroupOf(nps),
    segmentIds,
    tier: account?.tier ?? null,
    facts: { nps, nps_group: npsGroupOf(nps), language: customer?.locale?.slice(0, 2) ?? null, ...customerFacts(customer?.attributes) },
  };
}

async function historyOf(db: DB, workspaceId: string, customerId: string | null): Promise<Map<string, OfferHistory>> {
  if (!customerId) return new Map();
  const rows = await db
    .selectFrom('offer_impressions')
    .select(['offer_id', (eb) => eb.fn.max('shown_at').as('last_shown'), sql<boolean>`bool_or(outcome = 'accepted')`.as('accepted')])
    .where('workspace_id', '=', workspaceId)
    .where('customer_external_id', '=', customerId)
    .groupBy('offer_id')
    .execute();
  return new Map(rows.map((r) => [r.offer_id, { lastShownAt: r.last_shown ? new Date(r.last_shown) : null, accepted: Boolean(r.accepted) }]));
}

/** The offer's text in the wanted language, else the workspace's, else any it has. */
export function localText(content: Record<string, Text>, wanted: string | null | undefined, fallback: string): { lang: string; text: Text } {
  for (const l of [wanted?.slice(0, 2), fallback, ...OFFER_LANGUAGES]) if (l && content[l]) return { lang: l, text: content[l]! };
  const [lang, text] = Object.entries(content)[0]!;
  return { lang, text };
}

export interface ShownOffer {
  impressionId: string;
  offerId: string;
  kind: string;
  language: string;
  title: string;
  body: string;
  cta: string | null;
  /** Relative paths: the customer's browser follows the first and posts to the second. */
  acceptPath: string | null;
  dismissPath: string;
}

/**
 * Picks the offer for this customer and placement, records that it was shown, and returns it
 * with its signed accept and dismiss links; null when no offer fits.
 */
export async function showOffer(
  db: DB,
  workspace: { id: string; secret: string; language: string },
  who: { customerId: string | null; npsNow: number | null; responseId?: string | null; lang?: string | null },
  placement: Placement,
  now = new Date(),
): Promise<ShownOffer | null> {
  const offers = await db.selectFrom('offers').selectAll().where('workspace_id', '=', workspace.id).where('enabled', '=', true).where(sql<boolean>`${placement} = ANY(placements)`).execute();
  if (!offers.length) return null;
  const [viewer, history] = await Promise.all([loadViewer(db, workspace.id, who.customerId, who.npsNow), historyOf(db, workspace.id, who.customerId)]);
  const chosen = chooseOffer(offers.map(candidate), placement, viewer, history, now);
  if (!chosen) return null;
  const impressionId = randomUUID();
  await db
    .insertInto('offer_impressions')
    .values({ workspace_id: workspace.id, id: impressionId, offer_id: chosen.id, customer_external_id: who.customerId, response_id: who.responseId ?? null, placement, shown_at: now })
    .execute();
  const { lang, text } = localText(chosen.row.content as Record<string, Text>, who.lang, workspace.language);
  const token = impressionToken(workspace.secret, workspace.id, impressionId);
  return {
    impressionId,
    offerId: chosen.id,
    kind: chosen.kind,
    language: lang,
    title: text.title,
    body: text.body,
    cta: text.cta ?? null,
    acceptPath: chosen.row.url && text.cta ? `/o/${token}` : null,
    dismissPath: `/api/v1/public/offers/${token}/dismiss`,
  };
}

/** Records the customer's answer to a showing; the first answer stands, except that accepting after dismissing counts. */
export async function recordOutcome(db: DB, workspaceId: string, impressionId: string, outcome: 'accepted' | 'dismissed') {
  const row = await db.selectFrom('offer_impressions').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', impressionId).executeTakeFirst();
  if (!row) return null;
  if (!row.outcome || (row.outcome === 'dismissed' && outcome === 'accepted')) {
    await db.updateTable('offer_impressions').set({ outcome, outcome_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', impressionId).execute();
  }
  return row;
}
