import type { Db } from '../db/connect.js';
import { addBusinessSeconds } from '../metrics/business-hours.js';
import { addCaseEvent, changeCase, createCase, serviceContext } from '../domains/cases/service.js';
import { ingestEvents } from '../domains/events/service.js';
import type { EventInputData } from '../domains/events/schema.js';
import type { DemoCustomer, Locale } from './customers.js';
import type { Random } from './random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
type Stage = EventInputData['stage'];
type Channel = NonNullable<EventInputData['channel']>;

/** Touchpoints by weight: what a shop's systems report about its customers. */
const TOUCHPOINTS: [[Stage, string, Channel], number][] = [
  [['awareness', 'ad_clicked', 'social'], 8],
  [['awareness', 'newsletter_opened', 'email'], 6],
  [['consideration', 'product_viewed', 'web'], 14],
  [['consideration', 'cart_abandoned', 'web'], 4],
  [['purchase', 'order_placed', 'web'], 12],
  [['purchase', 'order_placed', 'app'], 5],
  [['purchase', 'order_delivered', 'web'], 11],
  [['purchase', 'store_visit', 'store'], 4],
  [['onboarding', 'account_created', 'web'], 4],
  [['usage', 'app_opened', 'app'], 16],
  [['usage', 'login', 'web'], 8],
  [['service', 'ticket_opened', 'email'], 3],
  [['service', 'call', 'phone'], 3],
  [['service', 'chat_started', 'chat'], 3],
  [['renewal', 'subscription_renewed', 'web'], 3],
  [['advocacy', 'review_written', 'web'], 2],
  [['advocacy', 'referral_sent', 'app'], 1],
];

const SUBJECTS: Record<Locale, [string, string][]> = {
  pl: [
    ['Paczka nie dotarła', 'delivery'],
    ['Opóźniona dostawa', 'delivery'],
    ['Podwójne obciążenie karty', 'billing'],
    ['Faktura z błędnym NIP', 'billing'],
    ['Zwrot butów – brak pieniędzy', 'returns'],
    ['Uszkodzony produkt', 'product'],
    ['Nie mogę się zalogować', 'account'],
  ],
  ro: [
    ['Coletul nu a ajuns', 'delivery'],
    ['Livrare întârziată', 'delivery'],
    ['Plată dublă pe card', 'billing'],
    ['Factură greșită', 'billing'],
    ['Retur fără rambursare', 'returns'],
    ['Produs deteriorat', 'product'],
    ['Nu mă pot autentifica', 'account'],
  ],
  en: [
    ['Parcel never arrived', 'delivery'],
    ['Late delivery', 'delivery'],
    ['Charged twice', 'billing'],
    ['Wrong invoice', 'billing'],
    ['Refund missing after return', 'returns'],
    ['Damaged item', 'product'],
    ['Cannot log in', 'account'],
  ],
};
const REPLIES: Record<Locale, string> = {
  pl: 'Dzień dobry, sprawdzamy to i wrócimy z odpowiedzią.',
  ro: 'Bună ziua, verificăm și revenim cu un răspuns.',
  en: 'Hello, we are looking into it and will come back to you.',
};

/** A duration with a long tail: most quick, a few very slow (like real service queues). */
const tail = (rng: Random, medianHours: number) => medianHours * HOUR * Math.exp((rng.next() - 0.5) * 2.4) * (rng.chance(0.1) ? 4 : 1);

/**
 * Touchpoint events across the year for every customer, and service cases with replies,
 * resolutions and a few reopenings. Ids and idempotency keys come from the seed, so a second
 * run adds nothing.
 */
export async function seedJourney(db: Db, workspaceId: string, customers: DemoCustomer[], rng: Random, options: { seed: number; now: Date; pickTime: () => Date }) {
  const workspace = await db.kysely.selectFrom('workspaces').select(['id', 'timezone']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  let events: EventInputData[] = [];
  let batchNo = 0;
  let stored = 0;
  const flush = async () => {
    const result = await ingestEvents(db.kysely, workspace, events, `demo-events-${options.seed}-${batchNo++}`, options.now);
    stored += result.accepted;
    events = [];
  };
  for (const customer of customers) {
    const count = rng.int(3, 14);
    for (let i = 0; i < count; i++) {
      const [stage, name, channel] = rng.weighted(TOUCHPOINTS);
      events.push({ customerId: customer.external_id, stage, name, channel, occurredAt: options.pickTime().toISOString(), properties: name === 'order_placed' ? { amount: Math.round(50 + rng.next() * 450) } : {} });
      if (events.length >= 1000) await flush();
    }
  }
  if (events.length) await flush();

  const ctx = await serviceContext(db.kysely, workspaceId);
  const members = await db.kysely.selectFrom('memberships').select('user_id').where('workspace_id', '=', workspaceId).execute();
  const caseCount = Math.max(1, Math.round(customers.length / 15));
  let cases = 0;
  for (let i = 0; i < caseCount; i++) {
    const customer = rng.pick(customers);
    const [subject, tag] = rng.pick(SUBJECTS[customer.locale]);
    const created = options.pickTime();
    const channel = rng.weighted<Channel>([['email', 40], ['phone', 25], ['chat', 25], ['social', 10]]);
    const priority = rng.weighted([['low', 15], ['normal', 55], ['high', 22], ['urgent', 8]] as const);
    const assignee = members.length && rng.chance(0.8) ? rng.pick(members).user_id : undefined;
    const opened = await createCase(
      db.kysely,
      ctx,
      { subject, customerId: customer.external_id, channel, stage: 'service', priority, tags: [tag], assigneeId: assignee, createdAt: created.toISOString() },
      { authorId: null, idempotencyKey: `demo-case-${options.seed}-${i}`, now: options.now },
    );
    if (!opened.created) continue;
    cases++;
    const id = opened.case.id;
    // Agents work in opening hours: replies and resolutions fall due in business time.
    const later = (from: Date, ms: number) => addBusinessSeconds(from, ms / 1000, ctx.settings.calendar) ?? new Date(from.getTime() + ms);
    const before = (d: Date) => d.getTime() < options.now.getTime();
    const by = { authorId: assignee ?? null, now: options.now };
    const reply = later(created, tail(rng, priority === 'urgent' ? 0.5 : priority === 'high' ? 1.5 : 4));
    if (!before(reply)) continue; // still waiting for a first answer
    await addCaseEvent(db.kysely, ctx, id, { kind: 'reply', direction: 'agent', body: REPLIES[customer.locale], at: reply.toISOString() }, by);
    const resolved = later(reply, tail(rng, 8));
    if (!before(resolved)) {
      await changeCase(db.kysely, ctx, id, { status: 'pending', at: reply.toISOString() }, by);
      continue;
    }
    await changeCase(db.kysely, ctx, id, { status: 'resolved', at: resolved.toISOString() }, by);
    const reopened = later(resolved, tail(rng, 8));
    const again = later(reopened, tail(rng, 6));
    let final = resolved;
    if (rng.chance(0.08) && before(again)) {
      await changeCase(db.kysely, ctx, id, { status: 'open', at: reopened.toISOString() }, { authorId: null, now: options.now });
      await changeCase(db.kysely, ctx, id, { status: 'resolved', at: again.toISOString() }, by);
      final = again;
    }
    const closed = new Date(final.getTime() + 3 * DAY);
    if (rng.chance(0.6) && before(closed)) await changeCase(db.kysely, ctx, id, { status: 'closed', at: closed.toISOString() }, by);
  }
  return { events: stored, cases };
}
