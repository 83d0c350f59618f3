import assert from 'node:assert/strict';
import { test } from 'node:test';
import { npsDrivers } from './drivers.js';

test('drivers: NPS with and without a theme, its share and impact, ranked by impact', () => {
  // 20 answers: 10 promoters (10), 4 passives (8), 6 detractors (2) → NPS +20.
  const all = { 10: 10, 8: 4, 2: 6 };
  const drivers = npsDrivers(all, {
    // delivery: 5 responses, all detractors → NPS −100; without: 10 P, 4 Pa, 1 D of 15 → +60.
    delivery: { 2: 5 },
    // staff: 6 responses, 5 promoters and 1 passive → +83.3; without: 5 P, 3 Pa, 6 D of 14 → −7.1.
    staff: { 10: 5, 8: 1 },
    price: { 10: 1, 2: 1 },
  });
  assert.deepEqual(drivers.map((d) => d.theme), ['delivery', 'staff', 'price']);
  const [delivery, staff, price] = drivers;
  assert.equal(delivery!.n, 5);
  assert.equal(delivery!.share, 25);
  assert.equal(delivery!.npsWith, -100);
  assert.equal(delivery!.npsWithout, 60);
  assert.equal(delivery!.gap.change, -160);
  assert.equal(delivery!.impact, -40);
  assert.equal(delivery!.gap.significant, true);
  assert.ok(Math.abs(staff!.npsWith! - 500 / 6) < 1e-9);
  assert.ok(Math.abs(staff!.npsWithout! - (-100 / 14)) < 1e-9);
  assert.ok(staff!.impact! > 0, 'a theme of happy customers lifts NPS');
  assert.equal(price!.npsWith, null, 'below the minimum n, no score and no impact');
  assert.equal(price!.impact, null);
  assert.throws(() => npsDrivers(all, { odd: { 9: 1 } }), /more answers of 9/);
});
