import assert from 'node:assert/strict';
import { test } from 'node:test';
import { audienceHolds, chooseOffer, fillUrl, type OfferCandidate, type Viewer } from './targeting.js';

const now = new Date('2026-11-30T12:00:00Z');
const offer = (o: Partial<OfferCandidate> & { id: string }): OfferCandidate => ({
  kind: 'message',
  audience: { match: 'all', conditions: [] },
  placements: ['thank_you'],
  priority: 0,
  validFrom: null,
  validUntil: null,
  capDays: 7,
  enabled: true,
  createdAt: new Date('2026-01-01'),
  ...o,
});
const promoter: Viewer = { npsGroup: 'promoter', segmentIds: ['s-vip'], tier: 'gold', facts: { 'customer.city': 'Kraków' } };

test('an audience holds by NPS group, segment, tier and conditions, all or any', () => {
  assert.equal(audienceHolds({ match: 'all', conditions: [] }, promoter), true, 'no audience: everyone');
  assert.equal(audienceHolds({ npsGroups: ['promoter'], tiers: ['gold'], match: 'all', conditions: [] }, promoter), true);
  assert.equal(audienceHolds({ npsGroups: ['promoter'], tiers: ['silver'], match: 'all', conditions: [] }, promoter), false);
  assert.equal(audienceHolds({ npsGroups: ['promoter'], tiers: ['silver'], match: 'any', conditions: [] }, promoter), true);
  assert.equal(audienceHolds({ segmentIds: ['s-other'], match: 'all', conditions: [] }, promoter), false);
  assert.equal(audienceHolds({ match: 'all', conditions: [{ field: 'customer.city', operator: 'eq', value: 'Kraków' }] }, promoter), true);
  assert.equal(audienceHolds({ npsGroups: ['detractor'], match: 'all', conditions: [] }, { ...promoter, npsGroup: null }), false, 'no answer: no group');
});

test('the highest priority fitting offer wins; placement, validity, cap and acceptance rule others out', () => {
  const offers = [
    offer({ id: 'low', priority: 1 }),
    offer({ id: 'high', priority: 5 }),
    offer({ id: 'widget-only', priority: 9, placements: ['widget'] }),
    offer({ id: 'not-yet', priority: 9, validFrom: new Date('2026-12-01T00:00:00Z') }),
    offer({ id: 'over', priority: 9, validUntil: now }),
    offer({ id: 'off', priority: 9, enabled: false }),
  ];
  assert.equal(chooseOffer(offers, 'thank_you', promoter, new Map(), now)?.id, 'high');
  assert.equal(chooseOffer(offers, 'widget', promoter, new Map(), now)?.id, 'widget-only');
  // Seen 6 days 23 hours ago with a 7-day cap: not yet again; after exactly 7 days: again.
  const seen = (ms: number) => new Map([['high', { lastShownAt: new Date(now.getTime() - ms), accepted: false }]]);
  assert.equal(chooseOffer(offers, 'thank_you', promoter, seen(7 * 86_400_000 - 3_600_000), now)?.id, 'low');
  assert.equal(chooseOffer(offers, 'thank_you', promoter, seen(7 * 86_400_000), now)?.id, 'high');
  assert.equal(chooseOffer(offers, 'thank_you', promoter, new Map([['high', { lastShownAt: null, accepted: true }]]), now)?.id, 'low', 'accepted once: never again');
  assert.equal(chooseOffer([offer({ id: 'a', createdAt: new Date('2026-01-01') }), offer({ id: 'b', createdAt: new Date('2026-02-01') })], 'thank_you', promoter, new Map(), now)?.id, 'b', 'equal priority: the newest');
  assert.equal(chooseOffer([], 'thank_you', promoter, new Map(), now), null);
});

test('addresses are filled per customer and encoded', () => {
  assert.equal(fillUrl('https://shop.pl/polec?kod={referral_code}&c={customer_id}', { referral_code: 'AB12CD34', customer_id: 'C 1&x' }), 'https://shop.pl/polec?kod=AB12CD34&c=C%201%26x');
  assert.equal(fillUrl('https://shop.pl/{card_link}', {}), 'https://shop.pl/');
});
