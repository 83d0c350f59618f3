import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pointsToExpire } from './expiry.js';
import { ProgrammeSettings, pointsForEvent, type Tier } from './settings.js';
import { addMonths, decideTier, nextTierProgress, tierFor } from './tiers.js';

const tier = (id: string, threshold: number): Tier => ({ id, threshold, name: { en: id } });
const TIERS = [tier('bronze', 0), tier('silver', 1000), tier('gold', 5000)];

test('a tier is reached exactly at its threshold, not one point below', () => {
  assert.equal(tierFor(TIERS, 999)?.id, 'bronze');
  assert.equal(tierFor(TIERS, 1000)?.id, 'silver');
  assert.equal(tierFor(TIERS, 4999)?.id, 'silver');
  assert.equal(tierFor(TIERS, 5000)?.id, 'gold');
  assert.equal(tierFor([tier('silver', 1000)], 999), null);
  // Order in the settings does not matter.
  assert.equal(tierFor([...TIERS].reverse(), 5000)?.id, 'gold');
});

test('upgrades at once; downgrades wait for the hold period, then drop to what the points reach', () => {
  const since = new Date('2026-01-15T10:00:00Z');
  const now = new Date('2026-06-01T00:00:00Z');
  assert.deepEqual(decideTier(TIERS, { tier: 'silver', tierSince: since }, 5000, now, 12), { change: 'upgrade', tier: 'gold' });
  assert.deepEqual(decideTier(TIERS, { tier: 'silver', tierSince: since }, 1000, now, 12), { change: 'none' });
  // Below the threshold, but held for less than 12 months: kept.
  assert.deepEqual(decideTier(TIERS, { tier: 'gold', tierSince: since }, 10, now, 12), { change: 'none' });
  // 12 months after reaching it, to the millisecond: two steps down at once.
  assert.deepEqual(decideTier(TIERS, { tier: 'gold', tierSince: since }, 10, new Date('2027-01-15T10:00:00Z'), 12), { change: 'downgrade', tier: 'bronze' });
  assert.deepEqual(decideTier(TIERS, { tier: 'gold', tierSince: since }, 10, new Date('2027-01-15T09:59:59.999Z'), 12), { change: 'none' });
  // Without a hold, the downgrade is immediate; a tier removed from the settings is left.
  assert.deepEqual(decideTier(TIERS, { tier: 'gold', tierSince: since }, 4999, now, 0), { change: 'downgrade', tier: 'silver' });
  assert.deepEqual(decideTier(TIERS, { tier: 'platinum', tierSince: since }, 1500, now, 12), { change: 'upgrade', tier: 'silver' });
  assert.deepEqual(decideTier([tier('silver', 1000)], { tier: null, tierSince: since }, 999, now, 0), { change: 'none' });
});

test('progress to the next tier', () => {
  assert.deepEqual(nextTierProgress(TIERS, 999), { next: TIERS[1], missing: 1 });
  assert.deepEqual(nextTierProgress(TIERS, 1000), { next: TIERS[2], missing: 4000 });
  assert.equal(nextTierProgress(TIERS, 5000), null);
});

test('months are added like PostgreSQL does, clamped to the end of a shorter month', () => {
  assert.equal(addMonths(new Date('2026-01-31T12:00:00Z'), 1).toISOString(), '2026-02-28T12:00:00.000Z');
  assert.equal(addMonths(new Date('2028-01-31T12:00:00Z'), 1).toISOString(), '2028-02-29T12:00:00.000Z');
  assert.equal(addMonths(new Date('2026-03-15T00:00:00Z'), 12).toISOString(), '2027-03-15T00:00:00.000Z');
  assert.equal(addMonths(new Date('2026-03-31T00:00:00Z'), -1).toISOString(), '2026-02-28T00:00:00.000Z');
  assert.equal(addMonths(new Date('2026-11-30T00:00:00Z'), 3).toISOString(), '2027-02-28T00:00:00.000Z');
});

test('expiry, first in first out, by hand', () => {
  // 100 earned long ago (expired), nothing spent: all 100 go.
  assert.equal(pointsToExpire({ expiredLots: 100, spent: 0, alreadyExpired: 0, balance: 150 }), 100);
  // 30 of them were spent first: 70 go.
  assert.equal(pointsToExpire({ expiredLots: 100, spent: 30, alreadyExpired: 0, balance: 120 }), 70);
  // Spending more than the old lot used newer points: nothing old is left.
  assert.equal(pointsToExpire({ expiredLots: 100, spent: 120, alreadyExpired: 0, balance: 30 }), 0);
  // A second run finds the earlier expiry already written.
  assert.equal(pointsToExpire({ expiredLots: 100, spent: 30, alreadyExpired: 70, balance: 50 }), 0);
  // Never more than the balance.
  assert.equal(pointsToExpire({ expiredLots: 100, spent: 0, alreadyExpired: 0, balance: 40 }), 40);
});

test('points for an event: per unit rounded down, or fixed; only numbers count', () => {
  const perUnit = { id: 'p', eventName: 'purchase_completed', mode: 'per_unit' as const, points: 1, property: 'amount', unit: 1 };
  assert.equal(pointsForEvent(perUnit, { amount: 149.99 }), 149);
  assert.equal(pointsForEvent({ ...perUnit, unit: 10, points: 2 }, { amount: 99 }), 18);
  assert.equal(pointsForEvent(perUnit, { amount: '150' }), 0);
  assert.equal(pointsForEvent(perUnit, { amount: -5 }), 0);
  assert.equal(pointsForEvent(perUnit, {}), 0);
  assert.equal(pointsForEvent({ ...perUnit, mode: 'fixed', points: 25 }, {}), 25);
});

test('settings refuse duplicate ids and thresholds', () => {
  assert.equal(ProgrammeSettings.safeParse({ tiers: [tier('a', 0), tier('a', 10)] }).success, false);
  assert.equal(ProgrammeSettings.safeParse({ tiers: [tier('a', 10), tier('b', 10)] }).success, false);
  assert.equal(ProgrammeSettings.safeParse({ tiers: TIERS }).success, true);
});
