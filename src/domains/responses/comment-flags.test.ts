import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commentFlags } from './comment-flags.js';

const a = (type: string, valueNum: number | null, text: string | null = null) => ({ type, valueNum, text });

test('low scores are NPS 0–6, CSAT 1–2 and CES 1–3; a comment is non-blank text', () => {
  assert.deepEqual(commentFlags([a('nps', 6)]), { hasComment: false, lowScore: true });
  assert.deepEqual(commentFlags([a('nps', 7)]), { hasComment: false, lowScore: false });
  assert.deepEqual(commentFlags([a('csat', 2), a('text', null, 'Źle')]), { hasComment: true, lowScore: true });
  assert.deepEqual(commentFlags([a('csat', 3), a('text', null, '   ')]), { hasComment: false, lowScore: false });
  assert.deepEqual(commentFlags([a('ces', 3)]).lowScore, true);
  assert.deepEqual(commentFlags([a('ces', 4)]).lowScore, false);
  assert.deepEqual(commentFlags([a('rating', 1)]).lowScore, false, 'a free rating scale has no agreed "low"');
});
