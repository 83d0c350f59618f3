import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeStorage } from '../../db/test-harness.js';
import { cardNumber, formatCardNumber, luhnCheckDigit, parseCardNumber } from './card-number.js';

test('Luhn check digit, computed by hand', () => {
  // The textbook example: 7992739871 → 3 (sum of the adjusted digits is 67).
  assert.equal(luhnCheckDigit('7992739871'), 3);
  // 0000 000000001: the 1 is doubled → 2 → check digit 8.
  assert.equal(luhnCheckDigit('0000000000001'), 8);
  // 5 doubled is 10 → 1 + 0 = 1 → check digit 9.
  assert.equal(luhnCheckDigit('5'), 9);
  // 1234 000000001, doubling from the right: 1→2, 4, 3→6, 2, 1→2; sum 16 → check digit 4.
  assert.equal(cardNumber('1234', 1), '12340000000014');
});

test('card numbers are validated on lookup: one wrong or swapped digit is refused', () => {
  const n = cardNumber('4711', 42);
  assert.equal(parseCardNumber(n), n);
  assert.equal(parseCardNumber(formatCardNumber(n)), n);
  assert.equal(parseCardNumber(n.replace(/.$/, (d) => String((Number(d) + 1) % 10))), null);
  const swapped = n.slice(0, 11) + n[12] + n[11] + n[13];
  if (n[11] !== n[12]) assert.equal(parseCardNumber(swapped), null);
  assert.equal(parseCardNumber('123'), null);
  assert.equal(parseCardNumber('abcdefghijklmn'), null);
  assert.equal(formatCardNumber('12340000000016'), '1234 0000 0000 16');
});

describeStorage('card numbers in SQL', (ctx) => {
  test('the database computes the same number as the code', async () => {
    for (const [prefix, seq] of [['1234', 1], ['4711', 42], ['9999', 987654321], ['0000', 0]] as const) {
      const r = await sql<{ n: string }>`SELECT loyalty_card_number(${prefix}, ${seq}) AS n`.execute(ctx.db.kysely);
      assert.equal(r.rows[0]!.n, cardNumber(prefix, seq));
    }
  });
});
