import type { ResponseCreateData } from '../domains/responses/schema.js';
import { composeComment, toneOf, type Tone, type Topic } from './comments.js';
import type { DemoCustomer } from './customers.js';
import type { Random } from './random.js';
import type { DemoSurveyKey } from './surveys.js';

type Body = ResponseCreateData;
type Answers = Body['answers'];

/** How the responses split between the surveys. */
export const SURVEY_MIX: [DemoSurveyKey, number][] = [
  ['purchase', 38],
  ['support', 20],
  ['relationship', 17],
  ['onboarding', 13],
  ['returns', 12],
];

/** What people write about at each touchpoint (repeats weigh a topic more). */
const TOPICS: Record<DemoSurveyKey, Topic[]> = {
  purchase: ['delivery', 'delivery', 'price', 'quality', 'quality', 'website', 'staff'],
  support: ['staff', 'staff', 'waiting', 'waiting', 'returns'],
  returns: ['returns', 'returns', 'waiting', 'staff'],
  onboarding: ['app', 'app', 'app', 'website', 'price'],
  relationship: ['quality', 'price', 'delivery', 'staff', 'app', 'waiting', 'returns'],
};

export interface ResponseContext {
  rng: Random;
  customer: DemoCustomer;
  submittedAt: Date;
  /** 0 = now, 12 = a year ago: the story improves as this falls. */
  monthsAgo: number;
  index: number;
}

/**
 * The story the demo tells: scores improve slowly over the year; the service stage hurts most
 * (waiting times and returns); shop-counter customers are happiest and app users a little
 * less; phone support rates below chat.
 */
function npsScore(rng: Random, trend: number, shift: number): number {
  const promoter = 0.43 + 0.1 * trend + shift;
  const detractor = 0.25 - 0.09 * trend - shift * 1.1;
  const r = rng.next();
  if (r < promoter) return rng.chance(0.55) ? 10 : 9;
  if (r < 1 - detractor) return rng.chance(0.45) ? 8 : 7;
  return rng.weighted([[0, 3], [1, 2], [2, 3], [3, 5], [4, 7], [5, 12], [6, 16]] as const);
}

/** A score on min..max around `mean`, every value possible so each group shows up. */
function scaleScore(rng: Random, min: number, max: number, mean: number): number {
  const spread = (max - min) / 3.2;
  const weights: [number, number][] = [];
  for (let v = min; v <= max; v++) weights.push([v, 0.03 + Math.exp(-((v - mean) ** 2) / (2 * spread ** 2))]);
  return rng.weighted(weights);
}

const NPS_SHIFT_BY_CHANNEL: Record<string, number> = { store: 0.07, web: 0, app: -0.04, email: 0 };
const NPS_SHIFT_BY_STAGE: Record<string, number> = { service: -0.13, renewal: -0.03, usage: 0, onboarding: 0.02, advocacy: 0.12 };
const RELATIONSHIP_STAGES = new Set(['usage', 'service', 'renewal', 'advocacy', 'onboarding']);

export function makeResponse(ctx: ResponseContext, survey: DemoSurveyKey): Body {
  const { rng, customer, monthsAgo, index } = ctx;
  const trend = Math.max(0, Math.min(1, 1 - monthsAgo / 12));
  const comment = (tone: Tone): string | undefined => {
    // Unhappy customers write more often: about 60% of responses carry a comment overall.
    const p = { negative: 0.7, mixed: 0.55, positive: 0.6 }[tone];
    return rng.chance(p) ? composeComment(rng, customer.locale, customer.gender, tone, TOPICS[survey]) : undefined;
  };
  const base = {
    customerId: customer.external_id,
    language: customer.locale,
    submittedAt: ctx.submittedAt.toISOString(),
    finished: true,
  } as const;
  const orderId = `ORD-${String(700_000 + index)}`;
  const device = () => ({ device: rng.chance(0.64) ? 'mobile' : 'desktop' });

  switch (survey) {
    case 'purchase': {
      const channel = rng.weighted([['web', 58], ['app', 27], ['store', 15]] as const);
      const nps = npsScore(rng, trend, NPS_SHIFT_BY_CHANNEL[channel]!);
      const source = channel === 'store' ? 'qr' : channel === 'app' ? 'widget' : rng.chance(0.55) ? 'widget' : 'link';
      const envelope = { ...base, channel, source, hidden: { order_id: orderId }, metadata: channel === 'web' ? device() : {} } as const;
      // A few people leave after the score: partial responses are part of real data.
      if (rng.chance(0.04)) return { ...envelope, answers: { nps }, finished: false };
      const answers: Answers = { nps, ...followUp(nps, comment) };
      if (rng.chance(0.85)) answers.category = rng.weighted([['shoes', 48], ['clothes', 37], ['accessories', 15]] as const);
      if (rng.chance(0.6)) answers.reasons = purchaseReasons(rng, channel);
      if (channel !== 'store' && rng.chance(0.75)) {
        answers.delivery_csat = scaleScore(rng, 1, 5, nps >= 9 ? 4.7 : nps >= 7 ? 3.9 : 2.6);
      }
      return { ...envelope, answers };
    }
    case 'relationship': {
      // The quarterly survey reaches customers wherever they are in the journey.
      const stage = RELATIONSHIP_STAGES.has(customer.attributes.stage) ? customer.attributes.stage : 'usage';
      const nps = npsScore(rng, trend, NPS_SHIFT_BY_STAGE[stage]! - 0.02);
      return { ...base, channel: 'email', stage, source: 'email', answers: { nps, ...followUp(nps, comment) } };
    }
    case 'support': {
      const channel = rng.weighted([['chat', 55], ['phone', 28], ['email', 17]] as const);
      const csat = scaleScore(rng, 1, 5, 3.3 + 0.7 * trend + { chat: 0.2, phone: -0.45, email: 0 }[channel]);
      const resolved =
        csat >= 4
          ? rng.weighted([['yes', 86], ['partly', 14]] as const)
          : csat <= 2
            ? rng.weighted([['no', 65], ['partly', 35]] as const)
            : rng.weighted([['partly', 60], ['yes', 25], ['no', 15]] as const);
      const text = comment(toneOf(csat, 2, 4));
      const source = ({ chat: 'widget', phone: 'link', email: 'email' } as const)[channel];
      return { ...base, channel, source, answers: { csat, resolved, ...(text && { comment: text }) } };
    }
    case 'returns': {
      const channel = rng.weighted([['web', 80], ['store', 20]] as const);
      const ces = scaleScore(rng, 1, 7, 4.3 + 1.4 * trend + (channel === 'store' ? 0.8 : 0));
      const answers: Answers = { ces };
      if (ces <= 4 && rng.chance(0.8)) {
        answers.hurdles = rng.sample(['refund', 'refund', 'form', 'label', 'dropoff'], rng.int(1, 2)).filter((v, i, a) => a.indexOf(v) === i);
      }
      const text = comment(toneOf(ces, 3, 6));
      if (text) answers.comment = text;
      return { ...base, channel, source: channel === 'store' ? 'qr' : rng.chance(0.6) ? 'email' : 'link', hidden: { order_id: orderId }, answers };
    }
    case 'onboarding': {
      // One impression drives both answers, so they agree the way real ones do.
      const mood = (rng.next() + rng.next() - 1) * 1.2;
      const setup = scaleScore(rng, 1, 5, 3.8 + 0.6 * trend + mood);
      const firstOrder = scaleScore(rng, 1, 10, 6.9 + 1.6 * trend + mood * 2);
      const text = comment(toneOf(setup, 2, 4));
      return {
        ...base,
        channel: 'app',
        source: 'widget',
        metadata: { device: rng.chance(0.55) ? 'android' : 'ios' },
        answers: { setup, first_order: firstOrder, ...(text && { comment: text }) },
      };
    }
  }
}

/** The open question display logic shows for this score, answered or skipped. */
function followUp(nps: number, comment: (tone: Tone) => string | undefined): Answers {
  const text = comment(toneOf(nps, 6, 9));
  if (!text) return {};
  return { [nps <= 6 ? 'disappointed' : nps <= 8 ? 'improve' : 'liked']: text };
}

function purchaseReasons(rng: Random, channel: string): string[] {
  const weights: [string, number][] = [
    ['price', 30],
    ['range', 25],
    ['delivery', channel === 'store' ? 2 : 22],
    ['reviews', 12],
    ['loyalty', channel === 'app' ? 22 : 9],
  ];
  const picked = new Set<string>();
  const count = rng.weighted([[1, 50], [2, 35], [3, 15]] as const);
  while (picked.size < count) picked.add(rng.weighted(weights));
  return [...picked];
}
