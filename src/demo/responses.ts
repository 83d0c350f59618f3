import type { ResponseCreateData } from '../domains/responses/schema.js';
import { composeComment, SURVEY_TOPICS, type Tone } from './comments.js';
import type { DemoCustomer } from './customers.js';
import type { Random } from './random.js';
import type { DemoSurveyKey } from './surveys.js';

type Body = ResponseCreateData;

export const SURVEY_WEIGHTS: [DemoSurveyKey, number][] = [
  ['purchase', 40],
  ['support', 20],
  ['onboarding', 15],
  ['relationship', 15],
  ['returns', 10],
];

/**
 * The story the demo tells: scores improve slowly over the year, the service stage hurts
 * most, shop-counter (store) customers are happiest and app users a little less.
 */
function npsScore(rng: Random, monthsAgo: number, channel: string, survey: DemoSurveyKey): number {
  let promoter = 0.5 - monthsAgo * 0.012;
  let detractor = 0.19 + monthsAgo * 0.01;
  if (channel === 'store') (promoter += 0.08), (detractor -= 0.05);
  if (channel === 'app') (promoter -= 0.04), (detractor += 0.03);
  if (survey === 'relationship') (promoter -= 0.05), (detractor += 0.02);
  const r = rng.next();
  if (r < promoter) return rng.chance(0.55) ? 10 : 9;
  if (r < 1 - detractor) return rng.chance(0.5) ? 8 : 7;
  return rng.weighted([[0, 3], [1, 2], [2, 3], [3, 5], [4, 7], [5, 12], [6, 16]] as const);
}

function scaleScore(rng: Random, max: number, mean: number): number {
  // A bounded bell around the mean, so every value of the scale appears.
  const x = mean + (rng.next() + rng.next() + rng.next() - 1.5) * (max / 2.2);
  return Math.min(max, Math.max(1, Math.round(x)));
}

function toneOf(score: number, scale: 'nps' | 'five' | 'seven'): Tone {
  const [low, high] = scale === 'nps' ? [6, 9] : scale === 'five' ? [2, 4] : [3, 6];
  if (score <= low) return 'negative';
  if (score >= high) return 'positive';
  return 'mixed';
}

export function makeResponse(rng: Random, survey: DemoSurveyKey, customer: DemoCustomer, submittedAt: Date, monthsAgo: number, index: number): Body {
  const lang = customer.locale;
  const topics = SURVEY_TOPICS[survey]!;
  const comment = (tone: Tone) => (rng.chance(0.6) ? composeComment(rng, lang, tone, topics) : undefined);
  const base = { customerId: customer.external_id, language: lang, submittedAt: submittedAt.toISOString(), finished: true } as const;
  switch (survey) {
    case 'purchase':
    case 'relationship': {
      const channel = survey === 'purchase' ? rng.weighted([['web', 60], ['app', 25], ['store', 15]] as const) : 'email';
      const nps = npsScore(rng, monthsAgo, channel, survey);
      const tone = toneOf(nps, 'nps');
      const followUp = nps <= 6 ? 'disappointed' : nps <= 8 ? 'improve' : 'liked';
      const text = comment(tone);
      const answers: Body['answers'] = { nps, ...(text ? { [followUp]: text } : {}) };
      if (survey === 'purchase') {
        answers.category = rng.weighted([['shoes', 50], ['clothes', 35], ['accessories', 15]] as const);
        if (rng.chance(0.7)) answers.delivery_csat = scaleScore(rng, 5, nps >= 9 ? 4.5 : nps >= 7 ? 3.9 : 2.8);
      }
      const partial = survey === 'purchase' && rng.chance(0.04);
      return {
        ...base,
        answers: partial ? { nps } : answers,
        finished: !partial,
        channel,
        source: channel === 'store' ? 'qr' : channel === 'email' ? 'email' : rng.chance(0.5) ? 'widget' : 'link',
        ...(survey === 'purchase' ? { hidden: { order_id: `ZAM-${100000 + index}` } } : {}),
      };
    }
    case 'support': {
      const channel = rng.weighted([['chat', 55], ['phone', 30], ['email', 15]] as const);
      const csat = scaleScore(rng, 5, 3.5 + (12 - monthsAgo) * 0.03 + (channel === 'phone' ? -0.3 : 0));
      const resolved = csat >= 4 ? rng.weighted([['yes', 85], ['partly', 15]] as const) : csat <= 2 ? rng.weighted([['no', 70], ['partly', 30]] as const) : 'partly';
      const text = comment(toneOf(csat, 'five'));
      return { ...base, answers: { csat, resolved, ...(text ? { comment: text } : {}) }, channel, source: 'email' };
    }
    case 'returns': {
      const ces = scaleScore(rng, 7, 4.9 + (12 - monthsAgo) * 0.05);
      const hurdles = ces <= 4 ? [...new Set([rng.pick(['form', 'label', 'refund'] as const), rng.pick(['form', 'label', 'refund'] as const)])] : [];
      const text = comment(toneOf(ces, 'seven'));
      return { ...base, answers: { ces, ...(hurdles.length ? { hurdles } : {}), ...(text ? { comment: text } : {}) }, channel: 'email', source: 'email' };
    }
    case 'onboarding': {
      const rating = scaleScore(rng, 5, 3.7 + (12 - monthsAgo) * 0.04);
      const text = comment(toneOf(rating, 'five'));
      return { ...base, answers: { rating, ...(text ? { comment: text } : {}) }, channel: 'app', source: 'widget' };
    }
  }
}
