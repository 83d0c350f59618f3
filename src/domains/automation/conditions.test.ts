import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Condition, matches, npsGroupOf, type Facts } from './conditions.js';

const facts: Facts = {
  survey: 's-1',
  nps: 3,
  nps_group: 'detractor',
  'score:csat': 2,
  sentiment: 'negative',
  theme: ['delivery', 'waiting_time'],
  language: 'pl',
  channel: 'web',
  'customer.plan': 'gold',
};

test('conditions: equality, lists, thresholds, themes, customer attributes, all/any', () => {
  const c = (field: string, operator: Condition['operator'], value?: Condition['value']) => Condition.parse({ field, operator, value });
  assert.ok(matches([c('nps_group', 'eq', 'detractor'), c('theme', 'contains', 'delivery')], 'all', facts));
  assert.ok(!matches([c('nps_group', 'eq', 'detractor'), c('theme', 'contains', 'price_value')], 'all', facts));
  assert.ok(matches([c('nps_group', 'eq', 'promoter'), c('theme', 'contains', 'delivery')], 'any', facts));
  assert.ok(matches([c('nps', 'lte', 6), c('score:csat', 'lt', 3)], 'all', facts));
  assert.ok(!matches([c('nps', 'gt', 6)], 'all', facts));
  assert.ok(matches([c('language', 'in', ['pl', 'ro'])], 'all', facts));
  assert.ok(matches([c('customer.plan', 'eq', 'gold'), c('customer.city', 'neq', 'Kraków')], 'all', facts), 'a missing attribute is "not equal"');
  assert.ok(!matches([c('customer.city', 'exists')], 'all', facts));
  assert.ok(matches([], 'all', facts), 'no conditions: always');
  assert.equal(npsGroupOf(6), 'detractor');
  assert.equal(npsGroupOf(7), 'passive');
  assert.equal(npsGroupOf(9), 'promoter');
  assert.equal(npsGroupOf(null), null);
  assert.throws(() => Condition.parse({ field: 'password', operator: 'eq', value: 'x' }));
});
